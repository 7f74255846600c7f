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

from contract import Problem

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).+?\1")
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+\S")
TITLE_HEADING = re.compile(r"^ {0,3}#(?:\s|$)")
# Lines a list may follow directly: headings, tables, HTML, admonitions, footnotes, other list items.
NOT_A_PARAGRAPH = re.compile(r"^\s*(?:#|\||<|!!!|\?\?\?|\[\^|[-*_](?:\s*[-*_]){2,}\s*$)")
URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})
COMMITTED_SUICIDE = re.compile(r"\bcommit(?:s|ted|ting)?\s+suicide\b", re.IGNORECASE)
EXAMPLE_LINK = "[our editorial policy](../../editorial-policy.md)"


def prose_lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown text outside fenced code blocks, with their numbers, inline code blanked."""
    fence = ""
    for number, line in enumerate(text.split("\n"), start=first_line):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number, INLINE_CODE.sub(lambda code: " " * len(code.group(0)), line)


def list_problems(lines: Sequence[tuple[int, str]]) -> list[Problem]:
    """A list item right after a line of a paragraph, with no empty line between them."""
    problems = []
    in_list = False
    previous: tuple[int, str] | None = None
    for number, line in lines:
        item = LIST_ITEM.match(line)
        if not line.strip():
            in_list = False
        elif item and not in_list:
            in_list = True
            if previous is not None and previous[0] == number - 1 and previous[1].strip() and not NOT_A_PARAGRAPH.match(previous[1]):
                marker = line.strip().split()[0]
                problems.append(Problem(
                    number,
                    f"this list needs an empty line before it; without one it shows as a paragraph of '{marker} ' lines",
                ))
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


def check_text(text: str, first_line: int, *, separator: str, site_url: str | None) -> list[Problem]:
    """Every slip in a post's Markdown text (after its front matter), each with its line."""
    lines = list(prose_lines(text, first_line))
    problems = [
        Problem(number, "a '# ' heading in the text: the title comes from 'title:', so start sections with '## '")
        for number, line in lines
        if TITLE_HEADING.match(line)
    ]
    problems += list_problems(lines)
    problems += link_problems(lines, site_url)
    problems += [
        Problem(number, "write 'died by suicide', not 'committed suicide' (safe-messaging guidance, see CONTRIBUTING.md)")
        for number, line in lines
        if COMMITTED_SUICIDE.search(line)
    ]
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
