"""The writers' check: build the site strictly, then show each problem on the writer's own file and line.

Run by CI before the tests (`python .ci/writers_check.py`). It prints one line per problem,
`docs/blog/posts/grief.md:12: field: what is wrong`, and the build's notes (a cover too small),
which never fail it; on GitHub Actions it also writes each as an annotation on the pull request's "Files changed" tab and a table in the job summary, with the fix
that CONTRIBUTING.md gives for the message. It exits 1 when there is any problem.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What the hook prints: "WARNING -  docs/blog/posts/x.md:12: title: ..." (ERROR for settings).
LOCATED = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<file>[^\s:]+):(?P<line>\d+): (?P<text>.+)$")
# A note for the writer (a cover too small for link previews): told on its line, never a failure.
NOTE = re.compile(r"^INFO\s+-\s+(?P<file>[^\s:]+):(?P<line>\d+): note: (?P<text>.+)$")
# MkDocs' own link warnings name the file below docs/ but not the line.
DOC_LINK = re.compile(r"^WARNING\s+-\s+Doc file '(?P<doc>[^']+)' (?P<text>contains an? (?:\w+ )*link '(?P<link>[^']+)'.*)$")
OTHER = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<text>.+)$")
LEVEL = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-")
# codespell: "docs/blog/posts/x.md:3: recieve ==> receive".
SPELLING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<text>.+==>.+)$")
FIELD = re.compile(r"^(?:front matter|[A-Za-z_][\w.\[\]-]*)$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    text: str


def field_of(text: str) -> str:
    """The field a message is about ('title', 'date.created'), or 'text' for the post's own text."""
    head = text.split(": ", 1)[0]
    return head if FIELD.match(head) and head != text else "text"


def line_of_link(doc: str, link: str, occurrence: int = 0) -> int:
    """The line of docs/<doc> that holds a link MkDocs reports (it names no line): the first, or the
    one after as many as MkDocs reported already."""
    try:
        lines = (ROOT / "docs" / doc).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    found = [number for number, line in enumerate(lines, start=1) for _ in range(line.count(f"]({link}") or line.count(link))]
    return found[min(occurrence, len(found) - 1)] if found else 1


def line_of_setting(text: str) -> int:
    """The line of mkdocs.yml where a setting a message names (``extra.newsletter.action``) is set."""
    name = text.split(" ", 1)[0].split(":", 1)[0].rsplit(".", 1)[-1].split("[", 1)[0]
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return next((number for number, line in enumerate(lines, start=1) if line.strip().startswith(f"{name}:")), 1)


def entries(log: str) -> list[str]:
    """A build's log, one entry per warning or error: a message on several lines is joined into one."""
    found: list[str] = []
    for line in log.splitlines():
        if LEVEL.match(line) or not found:
            found.append(line)
        elif line.strip() and LEVEL.match(found[-1]) and not found[-1].startswith("INFO"):
            found[-1] += " " + line.strip()
    return found


def read_log(log: str) -> list[Problem]:
    """The problems of a build's log, one per warning or error."""
    problems = []
    links_seen: dict[tuple[str, str], int] = {}
    for line in entries(log):
        if found := LOCATED.match(line):
            text = found["text"]
            problems.append(Problem(found["file"], int(found["line"]), field_of(text), text))
        elif found := DOC_LINK.match(line):
            seen = links_seen.get((found["doc"], found["link"]), 0)
            links_seen[(found["doc"], found["link"])] = seen + 1
            line_number = line_of_link(found["doc"], found["link"], seen)
            problems.append(Problem(f"docs/{found['doc']}", line_number, "link", found["text"]))
        elif (found := OTHER.match(line)) and not found["text"].startswith("Aborted with"):
            text = found["text"]
            problems.append(Problem("mkdocs.yml", line_of_setting(text), field_of(text), text))
    return problems


def read_notes(log: str) -> list[Problem]:
    """The notes of a build's log: what a writer may improve, which never fails the check."""
    return [
        Problem(found["file"], int(found["line"]), field_of(found["text"]), found["text"])
        for line in log.splitlines()
        if (found := NOTE.match(line))
    ]


def build(site: Path) -> tuple[int, list[Problem], list[Problem]]:
    """`mkdocs build --strict` (never with -q, which hides the warnings), its problems and its notes."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, check=False,
    )
    problems = read_log(result.stdout + result.stderr)
    if result.returncode != 0 and not problems:  # a crash: show its last line rather than nothing
        last = (result.stderr.strip().splitlines() or ["the build failed"])[-1]
        problems = [Problem("mkdocs.yml", 1, "build", last)]
    return result.returncode, problems, read_notes(result.stdout + result.stderr)


def spelling() -> list[Problem]:
    """codespell over docs/, with the project's word list (.codespellrc)."""
    if importlib.util.find_spec("codespell_lib") is None:
        return [Problem(".codespellrc", 1, "spelling", "codespell is not installed; run: pip install -r requirements.txt")]
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "docs"], cwd=ROOT, capture_output=True, text=True, check=False,
    )
    return [
        Problem(found["file"], int(found["line"]), "spelling", found["text"])
        for line in result.stdout.splitlines()
        if (found := SPELLING.match(line))
    ]


def fixes() -> list[tuple[re.Pattern[str], str]]:
    """CONTRIBUTING.md's table of messages: a pattern for each message, and what to do."""
    rows = []
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## What the check's messages mean", 1)[-1]
    for row in table.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split(" | ")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        fix = cells[1]
        for code in re.findall(r"`([^`]+)`", cells[0]):
            rows.append((message_pattern(code), fix))
    return rows


def message_pattern(code: str) -> re.Pattern[str]:
    """A message as CONTRIBUTING.md writes it: '...' for any text, 'x' or 'y' for any quoted value, x
    or y for a field's name and <tag> for an HTML tag."""
    pattern = re.escape(code)
    for placeholder, meaning in (("...", ".*?"), ("'x'", "'[^']*'"), ("'y'", "'[^']*'"), ("<tag>", "<[a-z]+>")):
        pattern = pattern.replace(re.escape(placeholder), meaning)
    return re.compile(re.sub(r"(?<![\w'\\])[xy](?![\w'])", r"[\\w.\\[\\]-]+", pattern))


def fix_for(problem: Problem, table: list[tuple[re.Pattern[str], str]]) -> str:
    return next((fix for pattern, fix in table if pattern.search(problem.text)), "See CONTRIBUTING.md.")


def escape(value: str, *, property_value: bool = False) -> str:
    """A value in a GitHub workflow command (annotation)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def annotation(problem: Problem, level: str = "error") -> str:
    properties = f"file={escape(problem.file, property_value=True)},line={problem.line},title={escape(problem.field, property_value=True)}"
    return f"::{level} {properties}::{escape(problem.text)}"


def cell(value: str) -> str:
    """Text in a cell of the summary's table, shown as it is: no HTML, links or images made of it."""
    for character, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("[", "\\["), ("]", "\\]")):
        value = value.replace(character, escaped)
    return value.replace("\n", " ")


def fix_cell(fix: str) -> str:
    """A fix from CONTRIBUTING.md in the summary: its links to the guide's sections made absolute."""
    guide = "CONTRIBUTING.md"
    if all(os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")):
        guide = f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}/blob/{os.environ['GITHUB_SHA']}/CONTRIBUTING.md"
    return re.sub(r"\]\(#", f"]({guide}#", fix).replace("|", "\\|")


def summary(problems: list[Problem], table: list[tuple[re.Pattern[str], str]]) -> str:
    if not problems:
        return "## Writers' check\n\nNo problems: every post follows CONTRIBUTING.md.\n"
    rows = "\n".join(
        f"| {cell(p.file)} | {p.line} | {cell(p.field)} | {cell(p.text)} | {fix_cell(fix_for(p, table))} |" for p in problems
    )
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    return (
        f"## Writers' check: {count}\n\n"
        "Each problem is also marked on its line in the pull request's **Files changed** tab.\n\n"
        "| file | line | field | problem | how to fix |\n|---|---|---|---|---|\n" + rows + "\n"
    )


def notes_summary(notes: list[Problem]) -> str:
    if not notes:
        return ""
    rows = "\n".join(f"| {cell(note.file)} | {note.line} | {cell(note.text)} |" for note in notes)
    return "\n### Notes (nothing that stops the post)\n\n| file | line | note |\n|---|---|---|\n" + rows + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site-dir", type=Path, help="where to build (a temporary folder by default)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        returncode, problems, notes = build(arguments.site_dir or Path(scratch) / "site")
    problems += spelling()
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    table = fixes()
    for problem in problems:
        print(f"{problem.file}:{problem.line}: {problem.text}")
        if github:
            print(annotation(problem))
    for note in notes:
        print(f"{note.file}:{note.line}: note: {note.text}")
        if github:
            print(annotation(note, "notice"))
    if step_summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(step_summary, "a", encoding="utf-8") as file:
            file.write(summary(problems, table) + notes_summary(notes))
    if not problems:
        print("No problems: every post follows CONTRIBUTING.md.")
    return 1 if problems or returncode != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
