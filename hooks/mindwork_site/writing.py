"""The writer's own Markdown, read line by line: slips that render wrongly without an error.

Python-Markdown turns a list with no empty line before it into one paragraph of "- " lines, and a
link to the live site's own address or to a writer's own computer passes every link check. These
checks read a post's text as the writer typed it, outside code blocks, and give each problem its line.
They also find the line of a problem that the content rules found in the rendered HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from .messages import Problem

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).+?\1")
# A list's first item: a bullet, or "1." (a line that happens to start "2000. " in a paragraph is text,
# and Python-Markdown starts no list with "1)").
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|1\.)\s+\S")
LATER_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}\.)\s+\S")
# Python-Markdown reads "#Title" as a heading too, and a line of "=" under a line of text.
TITLE_HEADING = re.compile(r"^ {0,3}#(?!#)")
SETEXT_TITLE = re.compile(r"^ {0,3}=+\s*$")
QUOTE = re.compile(r"^\s*(?:>\s?)+")
CONTAINER = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s")
# Lines a list may follow directly: headings, tables, HTML, admonitions, footnotes, other list items.
NOT_A_PARAGRAPH = re.compile(r"^\s*(?:#|\||<|!!!|\?\?\?|\[\^|[-*_](?:\s*[-*_]){2,}\s*$)")
URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0"})
# Not when the words are quoted, as in a post about safe language: "not 'committed suicide'".
# What Markdown searches ahead from, and how many of each a paragraph may hold (see structure_problems).
OPENERS = ("[", "(", "<")
MAX_OPENERS = 1000
MAX_INDENT = 120
COMMITTED_SUICIDE = re.compile(r"(?<![\"'“‘])\bcommit(?:s|ted|ting)?\s+suicide\b(?![\"'”’])", re.IGNORECASE)
EXAMPLE_LINK = "[our editorial policy](../../editorial-policy.md)"


def indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def prose_lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown text outside code blocks (fenced, or indented by four spaces after an
    empty line), with their numbers, blockquote marks taken off and inline code blanked."""
    fence = ""
    base = 0  # the indentation of the block a line is in: 4 inside a note (!!! or ???)
    previous = ""  # the last line that was not empty
    blank_before = True
    in_code = False
    for number, raw in enumerate(text.split("\n"), start=first_line):
        line = QUOTE.sub("", raw.rstrip("\r")).expandtabs(4)
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if not line.strip():
            blank_before = True
            yield number, ""
            continue
        if indentation(line) < base:
            base = 0
        after_list = bool(LATER_ITEM.match(previous)) or indentation(previous) > base
        if in_code and indentation(line) >= base + 4:
            continue
        in_code = blank_before and indentation(line) >= base + 4 and not after_list
        blank_before = False
        if in_code:
            continue
        if container := CONTAINER.match(line):
            base = len(container.group(1)) + 4
        previous = line
        yield number, INLINE_CODE.sub(lambda code: " " * len(code.group(0)), line)


def list_problems(lines: Sequence[tuple[int, str]]) -> list[Problem]:
    """A list's first item right after a line of a paragraph, with no empty line between them."""
    problems = []
    in_list = False
    previous: tuple[int, str] | None = None
    for number, line in lines:
        if not line.strip():
            in_list = False
        elif LIST_ITEM.match(line) and not in_list:
            in_list = True
            if (
                previous is not None
                and previous[0] == number - 1
                and previous[1].strip()
                and not NOT_A_PARAGRAPH.match(previous[1])
                and not LATER_ITEM.match(previous[1])
            ):
                marker = line.strip().split()[0]
                problems.append(Problem(
                    number,
                    f"this list needs an empty line before it; without one it shows as a paragraph of '{marker} ' lines",
                ))
        elif LATER_ITEM.match(line):
            in_list = True  # "2." after an empty line: a loose list goes on
        previous = (number, line)
    return problems


def own_site(url: str, site_url: str | None) -> bool:
    """Whether a URL is the live site's own address (http or https)."""
    if not site_url:
        return False
    site, found = urlsplit(site_url), urlsplit(url)
    return found.hostname == site.hostname and found.path.startswith(site.path or "/")


def link_problems(lines: Sequence[tuple[int, str]], site_url: str | None) -> list[Problem]:
    """Links to the site's own address or to the writer's computer: neither is checked, both break."""
    problems = []
    for number, line in lines:
        for found in URL.finditer(line):
            url = found.group(0).rstrip(".,;:!?")
            try:
                host = urlsplit(url).hostname
            except ValueError:
                continue
            if host in LOCAL_HOSTS:
                problems.append(Problem(
                    number,
                    f"the link {url} works only on your own computer; link to the page's .md file instead, "
                    f"like {EXAMPLE_LINK}",
                ))
            elif own_site(url, site_url):
                problems.append(Problem(
                    number,
                    f"the link {url} is the live site's own address, which the build cannot check and previews "
                    f"cannot follow; link to the page's .md file instead, like {EXAMPLE_LINK}",
                ))
    return problems


def separator_problem(lines: Sequence[tuple[int, str]], separator: str, first_line: int) -> list[Problem]:
    """A post needs its excerpt separator on a line of its own, after the summary."""
    if any(line.strip() == separator for _, line in lines):
        return []
    started = False
    line_after_summary = first_line
    for number, line in lines:
        if line.strip():
            started = True
        elif started:
            line_after_summary = number
            break
    return [Problem(
        line_after_summary,
        f"no '{separator}' line; put one on a line of its own after the summary paragraph "
        "(the blog index shows what is above it)",
    )]


def title_problems(lines: Sequence[tuple[int, str]]) -> list[Problem]:
    """A heading the size of the title: "# Title", "#Title", or a line of "=" under a line of text."""
    message = "a '# ' heading in the text: the title comes from 'title:', so start sections with '## '"
    problems = [Problem(number, message) for number, line in lines if TITLE_HEADING.match(line)]
    problems += [
        Problem(number, message)
        for (_, above), (number, line) in zip(lines, lines[1:], strict=False)
        if SETEXT_TITLE.match(line) and above.strip() and not LATER_ITEM.match(above)
    ]
    return problems


def wording_problems(lines: Sequence[tuple[int, str]]) -> list[Problem]:
    """Words safe-messaging guidance asks writers to avoid, also across a line break."""
    text = "\n".join(line for _, line in lines)
    numbers = [number for number, _ in lines]
    return [
        Problem(numbers[text.count("\n", 0, found.start())],
                "write 'died by suicide', not 'committed suicide' (safe-messaging guidance, see CONTRIBUTING.md)")
        for found in COMMITTED_SUICIDE.finditer(text)
    ]


def structure_problems(lines: Sequence[tuple[int, str]]) -> list[Problem]:
    """What would make Markdown itself fail or take minutes on a post, each on its line.

    Python-Markdown reads a link, a footnote or inline HTML by searching ahead from each "[", "(" or
    "<" to the end of its paragraph: a paragraph of thousands of them takes time growing with their
    square (5,000 "[x](" take 6 s, 20,000 nested brackets 90 s). Lists and quotes nested a few hundred
    levels deep exhaust Python's recursion. Both are far beyond what an article holds.
    """
    problems = []
    for number, line in lines:
        if indentation(line) > MAX_INDENT:
            problems.append(Problem(
                number, f"a line indented by {indentation(line)} spaces: lists and notes may nest at most "
                f"{MAX_INDENT // 4} levels deep; indent it less",
            ))
            break  # the lines below are as deep: told once
    text = "\n".join(line for _, line in lines)
    if not any(text.count(opener) > MAX_OPENERS for opener in OPENERS):
        return problems
    start, paragraph = 0, []
    for number, line in [*lines, (0, "")]:
        if line.strip():
            start = start or number
            paragraph.append(line)
            continue
        for opener in OPENERS:
            if (count := sum(part.count(opener) for part in paragraph)) > MAX_OPENERS:
                problems.append(Problem(
                    start, f"this paragraph has {count} '{opener}', more than Markdown can read in good time "
                    f"(at most {MAX_OPENERS}); split it, or put it in a code block between lines of ```",
                ))
        start, paragraph = 0, []
    return sorted(problems, key=lambda problem: problem.line)


def check_text(lines: Sequence[tuple[int, str]], first_line: int, *, separator: str, site_url: str | None) -> list[Problem]:
    """Every slip in a post's Markdown text (after its front matter, as ``prose_lines`` reads it), each
    with its line."""
    problems = title_problems(lines)
    problems += list_problems(lines)
    problems += link_problems(lines, site_url)
    problems += wording_problems(lines)
    problems += separator_problem(lines, separator, first_line)
    return sorted(problems, key=lambda problem: problem.line)


def line_of(text: str, needles: Sequence[str], first_line: int = 1) -> int:
    """The first line of a Markdown text, outside code blocks, that holds one of ``needles`` (tried
    in order, ignoring case); ``first_line`` when none does."""
    lines = [(number, line.casefold()) for number, line in prose_lines(text, 1) if number >= first_line]
    for needle in needles:
        wanted = needle.casefold().strip()
        if wanted:
            for number, line in lines:
                if wanted in line:
                    return number
    return first_line
