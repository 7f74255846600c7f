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
    assert result.stdout == "No problems: every post follows CONTRIBUTING.md.\n"
    assert "No problems" in summary


def test_a_bad_post_gets_one_annotation_on_its_file_and_line_per_problem(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", also=CHECKED_PARTS)
    markdown, expected = BROKEN["eight-mistakes.md"]
    (project / "docs" / "blog" / "posts" / "eight-mistakes.md").write_text(markdown, encoding="utf-8")
    result, summary = check(project, tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    annotations = [found for line in lines if (found := ANNOTATION.match(line))]
    plain = [line for line in lines if not line.startswith("::")]
    assert len(annotations) == len(plain) == len(expected)
    assert [found["text"] for found in annotations] == expected
    for found, line in zip(annotations, plain, strict=True):
        assert found["file"] == "docs/blog/posts/eight-mistakes.md"
        assert line == f"{found['file']}:{found['line']}: {found['text']}"
    assert [int(found["line"]) for found in annotations] == [2, 3, 5, 7, 9, 10, 13, 14, 16, 18]
    rows = [row for row in summary.splitlines() if row.startswith("| docs/")]
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


@pytest.fixture(scope="module")
def every_problem(broken_project: Path) -> list[writers_check.Problem]:
    build = run_build(broken_project, broken_project.parent / "site")
    assert build.returncode == 1
    assert "Traceback" not in build.log
    problems = writers_check.read_log(build.log) + authors_file_problems(broken_project.parent / "authors")
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
        if problem.file == "docs/blog/.authors.yml":
            continue  # the broken authors files are built in copies of their own
        path = broken_project / problem.file
        assert path.is_file(), problem
        assert 1 <= problem.line <= len(path.read_text(encoding="utf-8", errors="replace").split("\n")), problem
