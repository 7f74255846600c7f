"""Which passages of a post the clinic did not write: marked in the post's source, never shown to readers.

The first article reached the site as extracted text that had lost its lists; the site's editors
rebuilt them. Such a passage is marked, each mark alone on its line (indented inside a list item or a
note), with what was done:

    <!-- reconstructed: the source lost this list; the editors rebuilt it -->
    - Treatment-resistant depression
    <!-- /reconstructed -->

The hook removes the marks before the post is rendered (no HTML comment reaches a page, an excerpt, a
feed or the search index); the writers' report lists every marked passage as awaiting the clinic's
confirmation; the post checks report a mark left open or closed twice. Marks inside code blocks are
text, not marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A mark alone on its line, at the margin or indented (inside a list item or a note).
OPEN = re.compile(r"^\s*<!--\s*reconstructed(?::\s*(?P<note>.*?))?\s*-->\s*$")
CLOSE = re.compile(r"^\s*<!--\s*/reconstructed\s*-->\s*$")
FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
DEFAULT_NOTE = "rebuilt by the site's editors"


@dataclass(frozen=True)
class Passage:
    """A marked passage: its lines in the file (the marks' own), the editors' note, and its first line of text."""

    start: int
    end: int
    note: str
    first_line: str
    lines: int


@dataclass(frozen=True)
class Marks:
    """What the marks of one text say: the passages, and the marks out of place (line, what is wrong)."""

    passages: tuple[Passage, ...]
    problems: tuple[tuple[int, str], ...]
    # Line numbers (from 1 in the text given) of every mark, to remove.
    mark_lines: frozenset[int]


def read_marks(text: str, first_line: int = 1) -> Marks:
    """The marks of a Markdown text whose first line is line ``first_line`` of its file."""
    passages, problems, marks = [], [], set()
    fence: str | None = None
    opened: tuple[int, str] | None = None
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        if found := FENCE.match(line):
            if fence is None:
                fence = found.group("fence")
            elif found.group("fence").startswith(fence):
                fence = None
        if fence is not None or found:
            if opened is not None:
                body.append(line)
            continue
        if start := OPEN.match(line):
            marks.add(number)
            if opened is not None:
                problems.append((number, "a 'reconstructed' mark opens again before '<!-- /reconstructed -->' closed the one "
                                         f"on line {opened[0]}; close it first"))
            opened, body = (number, (start.group("note") or DEFAULT_NOTE).strip()), []
        elif CLOSE.match(line):
            marks.add(number)
            if opened is None:
                problems.append((number, "'<!-- /reconstructed -->' closes no mark; remove it, or add "
                                         "'<!-- reconstructed -->' where the passage starts"))
                continue
            text_lines = [kept.strip() for kept in body if kept.strip()]
            passages.append(Passage(opened[0], number, opened[1], text_lines[0] if text_lines else "", len(text_lines)))
            opened = None
        elif opened is not None:
            body.append(line)
    if opened is not None:
        problems.append((opened[0], "the 'reconstructed' mark is never closed; add '<!-- /reconstructed -->' on a line of its "
                                    "own after the passage"))
        # Still awaiting the clinic's confirmation: the passage runs to the end of the text.
        text_lines = [kept.strip() for kept in body if kept.strip()]
        last = first_line + len(text.splitlines()) - 1
        passages.append(Passage(opened[0], last, opened[1], text_lines[0] if text_lines else "", len(text_lines)))
    return Marks(tuple(passages), tuple(problems), frozenset(marks))


def without_marks(markdown: str) -> str:
    """The Markdown with every mark's line removed: a mark at the margin leaves an empty line (which
    keeps the blocks around it apart), an indented one nothing (an empty line would loosen its list)."""
    marks = read_marks(markdown).mark_lines
    if not marks:
        return markdown
    lines = markdown.splitlines(keepends=True)
    return "".join(
        ("" if line[:1].isspace() else "\n") if number in marks else line for number, line in enumerate(lines, start=1)
    )
