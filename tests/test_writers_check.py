"""The writers' check CI runs first (.ci/writers_check.py): every problem on its file and line, as a
GitHub annotation and a row of the job summary, with the fix CONTRIBUTING.md gives for its message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, post, run_build
from test_contract import BROKEN, TEXT, UNSAFE

sys.path.insert(0, str(ROOT / ".ci"))
import writers_check  # noqa: E402 - CI's script, importable from its folder

CHECKED_PARTS = (".ci", "CONTRIBUTING.md", ".codespellrc", ".codespell-words.txt")
ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),title=(?P<title>[^:]+)::(?P<text>.+)$")
# Problems no post of test_contract.py shows: MkDocs' own link warnings, reserved ids, an author's photo.
MORE_POSTS = {
    "links.md": post(
        "Links",
        "See [a missing post](missing.md), [a missing section](../../about.md#no-such-section), "
        "[an address](/about/) and [a folder](../../assets/).",
    ),
    "reserved.md": post("Reserved", "## Disclaimer\n\nOur words.\n\n<div id=\"newsletter\">Mine</div>"),
    "template.md": post("Template", template="base.html"),
    "categories-text.md": post("Categories as text").replace("categories:\n  - Trauma", "categories: Trauma"),
    "author-twice.md": post("Author twice").replace("  - modern-mindwork\n", "  - modern-mindwork\n  - modern-mindwork\n"),
    "image-number.md": post("Image number", image="5", image_alt="A number"),
    "long-slug.md": post("Long slug", slug="a" * 101),
    "open-mark.md": post("Open mark", "Text.\n\n<!-- reconstructed -->\n- An item\n"),
    "marks-twice.md": post(
        "Marks twice", "Text.\n\n<!-- reconstructed -->\n- a\n<!-- reconstructed -->\n- b\n<!-- /reconstructed -->\n<!-- /reconstructed -->\n"
    ),
    "uncited.md": post("Uncited", "A claim.[^9]"),
    "orphan-source.md": post("Orphan source", "A claim.\n\n[^orphan]: Sample H. A study nobody cites. 2020."),
    "future-review.md": post("Future review", reviewed_by="modern-mindwork", last_reviewed="2099-01-01"),
}
# Authors files, each with the problems that stop Material's blog from reading it.
AUTHORS_FILES = {
    "several": (
        "authors:\n  modern-mindwork:\n    name: Modern Mindwork\n    description: Team\n"
        "    avatar: assets/images/logo-144.png\n"
        "  jane-doe:\n    name: Jane Doe, PMHNP-BC: nurse\n    description:\tNurse\n    avatar: assets/images/logo-144.png\n"
        "  sam:\n    description: Sam\n    photo: x.png\n    avatar: assets/images/logo-144.png\n"
        "  modern-mindwork:\n    name: Again\n    description: Team\n    avatar: assets/images/logo-144.png\n"
        "  lee: Lee\n"
        "kim:\n  name: Kim\n"
    ).encode(),
    "not-under-authors": b"- modern-mindwork\n",
    "not-utf-8": "authors:\n  jos\u00e9:\n    name: Jos\u00e9\n".encode("latin-1"),
}
# A page outside the blog, not in the navigation, naming a template that does not exist.
MORE_PAGES = {"odd.md": "---\ntemplate: nowhere.html\n---\n\n# Odd\n"}


def check(project: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the writers' check on a project as GitHub Actions would: its output and its job summary."""
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, str(project / ".ci" / "writers_check.py")],
        cwd=project,
        env={**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
        capture_output=True,
        text=True,
        check=False,
    )
    return result, summary.read_text(encoding="utf-8") if summary.exists() else ""


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with a post for every problem the check knows, a misspelt word and an author photo
    from elsewhere."""
    project = copy_project(tmp_path_factory.mktemp("writers") / "project", also=CHECKED_PARTS)
    posts = {name: markdown for name, (markdown, _) in {**BROKEN, **UNSAFE, **TEXT}.items()} | MORE_POSTS
    posts["spelling.md"] = post("Spelling", "We recieve letters.")
    for name, markdown in posts.items():
        (project / "docs" / "blog" / "posts" / name).write_text(markdown, encoding="utf-8")
    for name, markdown in MORE_PAGES.items():
        (project / "docs" / name).write_text(markdown, encoding="utf-8")
    (project / "docs" / "blog" / "posts" / "not-utf-8.md").write_bytes(post("Not UTF-8", "Caf\u00e9.").encode("latin-1"))
    (project / "docs" / "assets" / "images" / "broken.jpg").write_text("not a picture", encoding="utf-8")
    authors = project / "docs" / "blog" / ".authors.yml"
    authors.write_text(
        authors.read_text(encoding="utf-8") + "  elsewhere:\n    name: Elsewhere\n    description: A fixture\n"
        "    avatar: https://avatars.example/u/1\n  nowhere:\n    name: Nowhere\n    description: A fixture\n"
        "    avatar: assets/images/authors/nowhere.jpg\n",
        encoding="utf-8",
    )
    return project


def test_a_correct_site_passes_with_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", also=CHECKED_PARTS)
    result, summary = check(project, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # Notes (a cover smaller than link previews want) may come before it: they never fail the check.
    *notes, last = result.stdout.splitlines()
    assert last == "No problems: every post follows CONTRIBUTING.md."
    assert all(": note: " in line or line.startswith("::notice ") for line in notes), notes
    assert "No problems" in summary


def test_a_bad_post_gets_one_annotation_on_its_file_and_line_per_problem(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", also=CHECKED_PARTS)
    markdown, expected = BROKEN["eight-mistakes.md"]
    (project / "docs" / "blog" / "posts" / "eight-mistakes.md").write_text(markdown, encoding="utf-8")
    result, summary = check(project, tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    annotations = [found for line in lines if (found := ANNOTATION.match(line))]
    plain = [line for line in lines if not line.startswith("::") and ": note: " not in line]
    assert len(annotations) == len(plain) == len(expected)
    assert [found["text"] for found in annotations] == expected
    for found, line in zip(annotations, plain, strict=True):
        assert found["file"] == "docs/blog/posts/eight-mistakes.md"
        assert line == f"{found['file']}:{found['line']}: {found['text']}"
    assert [int(found["line"]) for found in annotations] == [2, 3, 5, 7, 9, 10, 13, 14, 16, 18]
    problems_table = summary.split("### Notes")[0]  # the notes' own table follows
    rows = [row for row in problems_table.splitlines() if row.startswith("| docs/")]
    assert len(rows) == len(expected)
    assert "Writers' check: 10 problems" in summary
    # GitHub renders the summary as Markdown: messages that quote HTML or Markdown must show as text.
    messages = " ".join(row.split(" | ")[3] for row in rows)
    assert "<script>" not in messages and "&lt;script&gt;" in messages
    assert "<!--" not in messages and "&lt;!-- more --&gt;" in messages


def authors_file_problems(where: Path) -> list[writers_check.Problem]:
    """What the build says of each broken authors file: it stops, with one line per problem."""
    problems = []
    for name, content in AUTHORS_FILES.items():
        project = copy_project(where / name)
        (project / "docs" / "blog" / ".authors.yml").write_bytes(content)
        build = run_build(project, where / name / "site")
        assert build.returncode == 1 and "Traceback" not in build.log, build.log
        problems += writers_check.read_log(build.log)
    return problems


# Files a writer may put in docs/ that the site refuses: each name, and what it holds.
DOCS_FILES: dict[str, str] = {
    "assets/images/drawing.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">\n<script>alert(1)</script>\n'
        '<use href="https://tracker.example/x.svg#a"/>\n<rect width="10" height="10" ping="https://tracker.example/"/>\n</svg>\n'
    ),
    "assets/images/broken.svg": '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>\n',
    "assets/images/packed.svgz": "not a drawing",
    "handout.html": "<script>alert(1)</script>",
    "assets/images/two\nlines.png": "x",
}
# As the log names them: a line break in a name is written as \n.
DOCS_FILE_PATHS = {f"docs/{name}".replace("\n", "\\n") for name in DOCS_FILES} | {"docs/assets/passwords.txt", "docs/assets/elsewhere"}


def docs_files_problems(where: Path) -> list[writers_check.Problem]:
    """What the build says of the files above and of symlinks in docs/: it stops, one line per problem."""
    project = copy_project(where / "docs-files")
    for name, content in DOCS_FILES.items():
        (project / "docs" / name).write_text(content, encoding="utf-8")
    (project / "docs" / "assets" / "passwords.txt").symlink_to("/etc/passwd")
    (project / "docs" / "assets" / "elsewhere").symlink_to(where, target_is_directory=True)
    build = run_build(project, where / "docs-files" / "site")
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    return writers_check.read_log(build.log)


def test_an_authors_file_gets_one_line_per_problem_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "blog" / ".authors.yml").write_bytes(AUTHORS_FILES["several"])
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1
    found = [re.sub(r"^\w+\s+-\s+", "", line) for line in build.log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert found == [
        "docs/blog/.authors.yml:7: authors file: not valid YAML: a text with ': ' in it must be in quotes, like "
        'name: "Jane Doe, PMHNP-BC: nurse"',
        "docs/blog/.authors.yml:8: authors file: a tab character on this line; use spaces instead",
        "docs/blog/.authors.yml:10: authors.sam.name: required, a line of text like 'name: ...'",
        "docs/blog/.authors.yml:12: authors.sam.photo: not a field of an author; use name, description and avatar",
        "docs/blog/.authors.yml:14: authors.modern-mindwork: written twice (lines 2 and 14); keep one",
        "docs/blog/.authors.yml:18: authors.lee: expected name, description and avatar, each on its own line "
        "indented by four spaces",
        "docs/blog/.authors.yml:19: kim: not in the authors file's list; indent it by two spaces under 'authors:'",
    ]


HOSTILE_AUTHORS = """authors:
  modern-mindwork:
    name: Modern Mindwork
    description: Clinical team in mental health and anesthesiology
    avatar: assets/images/avatar-modern-mindwork.svg
  mallory:
    name: "<img src=x onerror=alert(1)>"
    description: "Psychiatrist \u202e reversed"
    avatar: 'assets/images/a" onerror="alert(1).png'
    url: "JavaScript:alert(1)"
    slug: "../../etc"
  eve:
    name: "Eve [Doe](javascript:alert(1))"
    description: Counsellor
    avatar: assets/images/avatar-modern-mindwork.svg
"""


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)
AUTHORS_FILES |= {
    "hostile": HOSTILE_AUTHORS.encode(),
    "alias-bomb": (ALIAS_BOMB + HOSTILE_AUTHORS).encode(),
    "long-name": HOSTILE_AUTHORS.replace('"<img src=x onerror=alert(1)>"', "Dr " + "Longname " * 10).encode(),
    "two-line-name": HOSTILE_AUTHORS.replace('"<img src=x onerror=alert(1)>"', '"Jane Doe\\nPsychiatrist"').encode(),
}


def test_an_authors_file_is_checked_like_a_post(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "blog" / ".authors.yml").write_text(HOSTILE_AUTHORS, encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    found = [re.sub(r"^\w+\s+-\s+", "", line) for line in build.log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert found == [
        "docs/blog/.authors.yml:7: authors.mallory.name: plain text only; remove the HTML tag (it is shown as it is on every post)",
        "docs/blog/.authors.yml:8: authors.mallory.description: contains an invisible character that reverses the "
        "text's direction (U+202E); retype the text",
        "docs/blog/.authors.yml:9: authors.mallory.avatar: a path of letters, digits, '-', '_', '.' and '/' ending in "
        ".jpg, .png, .webp or .svg, like 'assets/images/authors/jane-doe.jpg', got 'assets/images/a\" onerror=\"alert(1).png'",
        "docs/blog/.authors.yml:10: authors.mallory.url: an https address or a path of the site, like 'team/', got "
        "'JavaScript:alert(1)'",
        "docs/blog/.authors.yml:11: authors.mallory.slug: lowercase words joined by '-', like 'jane-doe', got '../../etc'",
        "docs/blog/.authors.yml:13: authors.eve.name: plain text only; remove '[', or reword (the author's page would "
        "read it as Markdown)",
    ]


def test_an_alias_bomb_in_the_authors_file_is_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "blog" / ".authors.yml").write_text(ALIAS_BOMB + HOSTILE_AUTHORS, encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    found = [line for line in build.log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert build.returncode == 1 and len(found) == 1, build.log
    assert found[0].endswith(
        "docs/blog/.authors.yml:1: authors file: '&' and '*' start YAML anchors and aliases, which are not allowed; "
        "write each value out, and put a text starting with & or * in quotes"
    )


@pytest.fixture(scope="module")
def every_problem(broken_project: Path) -> list[writers_check.Problem]:
    build = run_build(broken_project, broken_project.parent / "site")
    assert build.returncode == 1
    assert "Traceback" not in build.log
    problems = (
        writers_check.read_log(build.log)
        + authors_file_problems(broken_project.parent / "authors")
        + docs_files_problems(broken_project.parent)
    )
    spelling = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "docs"], cwd=broken_project, capture_output=True, text=True, check=False
    )
    return problems + [
        writers_check.Problem(found["file"], int(found["line"]), "spelling", found["text"])
        for line in spelling.stdout.splitlines()
        if (found := writers_check.SPELLING.match(line))
    ]


def test_every_message_the_build_prints_has_its_fix_in_contributing(every_problem: list[writers_check.Problem]) -> None:
    table = writers_check.fixes()
    missing = [problem.text for problem in every_problem if writers_check.fix_for(problem, table) == "See CONTRIBUTING.md."]
    assert missing == []
    assert {problem.field for problem in every_problem} >= {"front matter", "title", "link", "spelling", "text"}


def test_every_message_in_contributing_is_one_the_build_prints(every_problem: list[writers_check.Problem]) -> None:
    """CONTRIBUTING.md's table matches what the build prints: no row describes a message that no longer exists."""
    texts = [problem.text for problem in every_problem]
    unused = [pattern.pattern for pattern, _ in writers_check.fixes() if not any(pattern.search(text) for text in texts)]
    assert unused == []


def test_each_problem_names_a_file_of_the_repository_and_a_line_in_it(
    broken_project: Path, every_problem: list[writers_check.Problem]
) -> None:
    for problem in every_problem:
        if problem.file == "docs/blog/.authors.yml" or problem.file in DOCS_FILE_PATHS:
            continue  # the broken authors files, and the refused files of docs/, are built in copies of their own
        path = broken_project / problem.file
        assert path.is_file(), problem
        assert 1 <= problem.line <= len(path.read_text(encoding="utf-8", errors="replace").split("\n")), problem
