"""Material's templates copied into overrides/: each copy says which of Material's files it was copied
from and from which version, so that an upgrade of Material fails here until every copy has been
compared with Material's new one.

The stamp is one line inside a Jinja comment (which never reaches the built pages):

    Copied from Material for MkDocs 9.8.2: partials/content.html
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import re
from pathlib import Path

import pytest

from sources import ROOT

OVERRIDES = ROOT / "overrides"
# Material's extension point: every page of the site extends it, and it copies nothing of Material's.
EXTENSION_POINT = "main.html"
JINJA_COMMENT = re.compile(r"\{#-?(?P<body>.*?)-?#\}", re.S)
STAMP = re.compile(r"^\s*Copied from Material for MkDocs (?P<version>[^\s:]+): (?P<path>\S+)\s*$")
STAMP_WORDS = "Copied from Material for MkDocs"


def material_templates() -> Path:
    """The installed Material's templates folder, the one MkDocs falls back to below overrides/."""
    return Path(str(importlib.resources.files("material") / "templates"))


def installed_material() -> str:
    return importlib.metadata.version("mkdocs-material")


def stamps(template: str) -> list[tuple[str, str]]:
    """The (version, path) of every stamp in a template's Jinja comments."""
    return [
        (found["version"], found["path"])
        for comment in JINJA_COMMENT.finditer(template)
        for line in comment["body"].splitlines()
        if (found := STAMP.match(line))
    ]


def copy_problems(overrides: Path, material: Path, installed: str) -> list[str]:
    """One line per template in ``overrides`` whose stamp is missing, wrong or older than ``installed``.

    A template at a path Material also has replaces Material's file, so it is a copy and must say so
    (except the extension point); a stamp anywhere must name a file Material has.
    """
    problems = []
    for template in sorted(overrides.rglob("*.html")):
        name = template.relative_to(overrides).as_posix()
        text = template.read_text(encoding="utf-8")
        found = stamps(text)
        replaces = name != EXTENSION_POINT and (material / name).is_file()
        if text.count(STAMP_WORDS) > len(found):
            problems.append(
                f"overrides/{name} has a stamp outside a Jinja comment ({{# ... #}}), or one that is not a line "
                f"of its own: put 'Copied from Material for MkDocs VERSION: PATH' alone on a line of the "
                f"opening Jinja comment, where it never reaches the built pages"
            )
        if replaces and not found:
            problems.append(
                f"overrides/{name} replaces Material's {name} but does not say which version it was copied "
                f"from: compare it with Material {installed}'s {name}, then add the line "
                f"'Copied from Material for MkDocs {installed}: {name}' to its opening Jinja comment"
            )
        if len(found) > 1:
            problems.append(f"overrides/{name} has {len(found)} stamps: a copy is copied from one file, keep one")
        for version, path in found:
            if not (material / path).is_file():
                problems.append(
                    f"overrides/{name} says it was copied from Material's {path}, but Material {installed} has "
                    f"no {path}: name the file it was copied from, by its path below material/templates/"
                )
            elif replaces and path != name:
                problems.append(
                    f"overrides/{name} replaces Material's {name} but says it was copied from Material's "
                    f"{path}: compare it with Material's {name}, then name {name} in its stamp"
                )
            elif version != installed:
                problems.append(
                    f"overrides/{name} was copied from Material {version} but {installed} is installed: compare "
                    f"it with Material's {path}, carry over Material's changes, then update the stamp"
                )
    return problems


def copies(overrides: Path, material: Path) -> list[str]:
    """The templates in ``overrides`` that replace one of Material's, the extension point aside."""
    return [
        name
        for name in (path.relative_to(overrides).as_posix() for path in sorted(overrides.rglob("*.html")))
        if name != EXTENSION_POINT and (material / name).is_file()
    ]


def newer_than(version: str) -> str:
    """A version of Material after ``version`` (its next minor release)."""
    major, minor = version.split(".")[:2]
    return f"{major}.{int(minor) + 1}.0"


# The site's own copies.


def test_the_check_reads_the_installed_material() -> None:
    material = material_templates()
    assert (material / "base.html").is_file(), material
    assert (material / EXTENSION_POINT).is_file(), material
    assert (OVERRIDES / EXTENSION_POINT).is_file()
    assert copies(OVERRIDES, material), "no template in overrides/ replaces one of Material's"


def test_every_copy_of_a_material_template_is_stamped_with_the_installed_version() -> None:
    problems = copy_problems(OVERRIDES, material_templates(), installed_material())
    assert not problems, "\n".join(problems)


def test_an_upgrade_of_material_names_every_copy_to_compare() -> None:
    installed = installed_material()
    newer = newer_than(installed)
    assert copy_problems(OVERRIDES, material_templates(), newer) == [
        f"overrides/{name} was copied from Material {installed} but {newer} is installed: compare it with "
        f"Material's {name}, carry over Material's changes, then update the stamp"
        for name in copies(OVERRIDES, material_templates())
    ]


# The check itself, on a made-up Material and overrides folder.


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    material, overrides = tmp_path / "material", tmp_path / "overrides"
    for name in ("main.html", "base.html", "blog.html", "partials/toc.html"):
        (material / name).parent.mkdir(parents=True, exist_ok=True)
        (material / name).write_text("<p>Material's</p>\n", encoding="utf-8")
    (overrides / "partials").mkdir(parents=True)
    return material, overrides


def write(overrides: Path, name: str, text: str) -> None:
    (overrides / name).write_text(text, encoding="utf-8")


def test_a_stamped_copy_the_extension_point_and_the_site_s_own_templates_pass(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(overrides, "blog.html", "{#-\n  Copied from Material for MkDocs 9.9.0: blog.html\n  Changed.\n-#}\n<p>x</p>\n")
    write(overrides, "partials/toc.html", "{#- Copied from Material for MkDocs 9.9.0: partials/toc.html -#}\n")
    write(overrides, "main.html", '{% extends "base.html" %}\n')
    write(overrides, "home.html", "<p>The site's own.</p>\n")
    assert copy_problems(overrides, material, "9.9.0") == []


def test_an_older_stamp_fails(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(overrides, "partials/toc.html", "{#-\n  Copied from Material for MkDocs 9.8.2: partials/toc.html\n-#}\n")
    assert copy_problems(overrides, material, "9.9.0") == [
        "overrides/partials/toc.html was copied from Material 9.8.2 but 9.9.0 is installed: compare it with "
        "Material's partials/toc.html, carry over Material's changes, then update the stamp"
    ]


def test_a_copy_without_a_stamp_fails(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(overrides, "blog.html", "{#- Material's blog.html, changed a little. -#}\n")
    assert copy_problems(overrides, material, "9.9.0") == [
        "overrides/blog.html replaces Material's blog.html but does not say which version it was copied from: "
        "compare it with Material 9.9.0's blog.html, then add the line "
        "'Copied from Material for MkDocs 9.9.0: blog.html' to its opening Jinja comment"
    ]


def test_a_stamp_naming_a_file_material_does_not_have_fails(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(overrides, "partials/side.html", "{#-\n  Copied from Material for MkDocs 9.9.0: partials/side.html\n-#}\n")
    assert copy_problems(overrides, material, "9.9.0") == [
        "overrides/partials/side.html says it was copied from Material's partials/side.html, but Material 9.9.0 "
        "has no partials/side.html: name the file it was copied from, by its path below material/templates/"
    ]


def test_a_stamp_naming_another_file_than_the_one_replaced_fails(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(overrides, "blog.html", "{#-\n  Copied from Material for MkDocs 9.9.0: base.html\n-#}\n")
    assert copy_problems(overrides, material, "9.9.0") == [
        "overrides/blog.html replaces Material's blog.html but says it was copied from Material's base.html: "
        "compare it with Material's blog.html, then name blog.html in its stamp"
    ]


def test_a_stamp_that_would_reach_the_built_pages_fails(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(overrides, "blog.html", "<!-- Copied from Material for MkDocs 9.9.0: blog.html -->\n")
    assert copy_problems(overrides, material, "9.9.0") == [
        "overrides/blog.html has a stamp outside a Jinja comment ({# ... #}), or one that is not a line of its "
        "own: put 'Copied from Material for MkDocs VERSION: PATH' alone on a line of the opening Jinja comment, "
        "where it never reaches the built pages",
        "overrides/blog.html replaces Material's blog.html but does not say which version it was copied from: "
        "compare it with Material 9.9.0's blog.html, then add the line "
        "'Copied from Material for MkDocs 9.9.0: blog.html' to its opening Jinja comment",
    ]


def test_two_stamps_fail(folders: tuple[Path, Path]) -> None:
    material, overrides = folders
    write(
        overrides,
        "blog.html",
        "{#-\n  Copied from Material for MkDocs 9.9.0: blog.html\n  Copied from Material for MkDocs 9.9.0: blog.html\n-#}\n",
    )
    assert copy_problems(overrides, material, "9.9.0") == [
        "overrides/blog.html has 2 stamps: a copy is copied from one file, keep one"
    ]
