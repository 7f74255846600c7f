"""Reading the YAML a writer typed: a post's front matter and the authors file.

Whatever the text, the result is data with the line of every field, or none, and one problem per
slip, each on its line, in a writer's words. A slip does not hide the rest: its line is reported, then
read as blank, so one build tells every problem of a file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from .messages import Problem, shown

# Recovering from a YAML slip (its line read as blank) finds the post's other problems in the same build.
MAX_YAML_SLIPS = 10
NO_SPACE_AFTER_COLON = re.compile(r"^(?P<indent> {0,2})(?P<key>[A-Za-z_][\w-]*):(?P<rest>[^\s:/].*)$")
CURLY_QUOTED = re.compile(r"^(?P<head>\s*(?:[A-Za-z_][\w-]*:\s+|-\s+))[“‘](?P<text>[^\"]*)[”’]\s*$")
# PyYAML's words for the slips writers make, in theirs.
YAML_PROBLEMS = {
    "found unexpected end of stream": "a quote is opened and never closed; close it at the end of the text",
    "expected <block end>, but found": (
        "a quote ends the text early (an apostrophe inside '...'?); put the whole text in double quotes"
    ),
    "could not find expected ':'": "a line has no ':' after its field's name, or a quote is not closed",
    "expected ',' or ']'": "a list in [...] is not closed with ]",
}
# A value that YAML reads as a date or a date-time: the whole value, after a field's name or a "- ".
# Where libyaml and PyYAML's Python reader (Material's blog's) read a text differently: tabs, a byte
# order mark, Unicode line breaks, tags (!), a comment right after a block scalar's | or >. Elsewhere
# libyaml reads the same data, ten times faster; tests/test_contract_properties.py holds them to it.
LIBYAML_DIFFERS = re.compile(r"[\t\r\ufeff\u2028\u2029\x85!]|[|>][-+0-9]*#")
IMPOSSIBLE_DATE = re.compile(r"^\s*(?:[\w-]+:\s+|-\s+)(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2}):(\d{2})\S*)?\s*$")


@dataclass(frozen=True)
class FrontMatter:
    """A post's front matter as far as it could be read, with the line of each field."""

    data: dict[str, Any] | None
    # "title", "date.created", "authors[0]": the line of each field and list item in the file.
    lines: dict[str, int]
    problems: list[Problem]
    # Fields on lines that YAML could not read: already reported, so not reported missing too.
    unreadable: frozenset[str]
    # The first line of the text after the front matter.
    body_line: int
    # False when the front matter could not be told from the text (it is not closed): the text is not checked.
    text_found: bool = True

    def body(self, text: str) -> str:
        """The post's text after its front matter (``text`` is the whole file)."""
        return "\n".join(text.split("\n")[self.body_line - 1:])

    def line(self, path: str, related: Mapping[str, str] | None = None) -> int:
        """The line of a field (``date.created``, ``authors[1]``): its own, its parent's, the line of
        the field it goes with (``related``), or the first field's."""
        for candidate in (path, (related or {}).get(path, "")):
            while candidate:
                if candidate in self.lines:
                    return self.lines[candidate]
                candidate = candidate[: candidate.rindex("[")] if candidate.endswith("]") else candidate.rpartition(".")[0]
        return 2


def quoted(line: str) -> str:
    """A 'field: text' line with its text in double quotes: what a writer should have typed."""
    key, _, value = line.strip().partition(": ")
    return f'{key}: "{value.strip()}"' if value.strip() and '"' not in value else 'title: "Grief: what helps"'


def yaml_problem(error: yaml.YAMLError, lines: list[str], label: str = "front matter") -> tuple[int | None, str]:
    """Where a YAML error is (its index among the front matter's lines) and what to tell a writer."""
    # Where the unfinished construct began (a quote, a bracket) is where a writer looks first.
    mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "it cannot be read"
    index = mark.line if mark is not None else None
    if "mapping values are not allowed" in problem:
        line = lines[index] if index is not None and index < len(lines) else ""
        return index, f"{label}: not valid YAML: a text with ': ' in it must be in quotes, like {quoted(line)}"
    for words, plain in YAML_PROBLEMS.items():
        if words in problem:
            return index, f"{label}: not valid YAML: {plain}"
    return index, f"{label}: not valid YAML: {problem}; check the indentation and quotes"


def repaired(lines: list[str], first_line: int = 2, label: str = "front matter") -> tuple[list[str], list[Problem]]:
    """The front matter's lines with the slips pasted text brings mended (tabs, non-breaking spaces,
    curly quotes, no space after a field's colon), so the rest can be read, and a problem for each."""
    mended, problems = [], []
    for number, line in enumerate(lines, start=first_line):
        if "\t" in line:
            problems.append(Problem(number, f"{label}: a tab character on this line; use spaces instead"))
            line = line.replace("\t", "  ")
        if "\u00a0" in line:
            problems.append(Problem(number, f"{label}: a non-breaking space on this line (often pasted); type an ordinary space"))
            line = line.replace("\u00a0", " ")
        if found := NO_SPACE_AFTER_COLON.match(line):
            problems.append(Problem(number, f"{label}: put a space after '{found['key']}:'"))
            line = f"{found['indent']}{found['key']}: {found['rest']}"
        if found := CURLY_QUOTED.match(line):
            problems.append(Problem(number, f"{label}: curly quotes around a value; type straight quotes (\") instead"))
            line = f"{found['head']}\"{found['text']}\""
        mended.append(line)
    return mended, problems


def impossible_date(lines: list[str]) -> int | None:
    """The index of the first line whose value is a date or a time that does not exist, like 2025-02-30."""
    for index, line in enumerate(lines):
        if found := IMPOSSIBLE_DATE.match(line):
            try:
                datetime(*(int(part) for part in found.groups() if part is not None))
            except ValueError:
                return index
    return None


def field_lines(
    node: yaml.Node, path: str = "", first_line: int = 2, seen: set[int] | None = None
) -> tuple[dict[str, int], list[Problem]]:
    """The line of every field below a YAML node (whose text starts on ``first_line``), and a problem
    for each field written twice. A node reached again through an alias is read once."""
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    seen = set() if seen is None else seen
    if id(node) in seen:
        return lines, problems
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{path}.{key_node.value}" if path else str(key_node.value)
            line = key_node.start_mark.line + first_line
            if key in lines:
                problems.append(Problem(line, f"{key}: written twice (lines {lines[key]} and {line}); keep one"))
            lines[key] = line
            nested, twice = field_lines(value_node, key, first_line, seen)
            lines |= nested
            problems += twice
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[f"{path}[{index}]"] = item.start_mark.line + first_line
    return lines, problems


class AnchorError(yaml.YAMLError):
    """An anchor (&name) or an alias (*name): YAML's way to repeat a value, which a writer never needs
    and an attacker uses to make a few lines expand into millions of values."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("an anchor (&name) or alias (*name)")
        self.problem_mark = mark


class PlainLoader(yaml.SafeLoader):
    """PyYAML's Python reader, as Material's blog reads posts, refusing anchors and aliases before
    they are composed: any front matter is read in the time its length takes."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise AnchorError(event.start_mark)
        return super().compose_node(parent, index)


def parse_front_matter(lines: list[str]) -> tuple[yaml.Node | None, Any]:
    """The YAML node and the data of the front matter's lines, read in one pass as Material's blog
    reads them (PyYAML's Python reader): libyaml accepts some text it refuses."""
    loader = PlainLoader("\n".join(lines))
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def parse_quickly(lines: list[str]) -> tuple[yaml.Node | None, Any]:
    """What ``parse_front_matter`` reads, with libyaml where it reads the text alike. Raises on any
    text it cannot read alike (a slip, an anchor), for ``parse_front_matter`` to read and explain."""
    text = "\n".join(lines)
    if not yaml.__with_libyaml__ or LIBYAML_DIFFERS.search(text):
        return parse_front_matter(lines)
    for event in yaml.parse(text, yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise AnchorError(event.start_mark)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def read_front_matter(text: str) -> FrontMatter:
    """The front matter with the line of each field, or no data, and every problem found in it.

    A YAML slip does not hide the rest: its line is reported, then read as blank, up to MAX_YAML_SLIPS times.
    """
    text = text.replace("\r\n", "\n")
    match = YAML_RE.match(text)
    if not match:
        if text.lstrip().startswith("---") and not text.startswith("---"):
            problem = Problem(1, "front matter: the file must start with its '---' line; remove the empty lines above it")
        elif text.startswith("---"):
            problem = Problem(1, "front matter: no closing '---' line after the fields; add one")
        else:
            missing = "front matter: missing; start the file with a line '---', the fields, then '---'"
            return FrontMatter(None, {}, [Problem(1, missing)], frozenset(), 1)
        return FrontMatter(None, {}, [problem], frozenset(), 1, text_found=False)
    body_line = text[: match.end()].count("\n") + 1
    node, data, problems, unreadable = read_yaml(match.group(1).split("\n"))
    if node is None and unreadable:  # every field that could be read was on a line with a slip
        return FrontMatter({}, {}, problems, frozenset(unreadable), body_line)
    if not isinstance(data, dict) or node is None:
        if node is not None or not problems:
            problems.append(Problem(2, "front matter: expected 'field: value' lines, like 'title: My post'"))
        return FrontMatter(None, {}, problems, frozenset(unreadable), body_line)
    found, twice = field_lines(node)
    return FrontMatter(data, found, problems + twice, frozenset(unreadable), body_line)


def read_yaml(
    lines: list[str], first_line: int = 2, label: str = "front matter"
) -> tuple[yaml.Node | None, Any, list[Problem], dict[str, list[int]]]:
    """YAML a writer typed, starting on ``first_line`` of its file: its node and data (None when it
    cannot be read), every problem, and the fields on lines it could not read, with those lines.

    A slip does not hide the rest: its line is reported, then read as blank, up to MAX_YAML_SLIPS times.
    """
    try:
        node, data = parse_quickly(lines)
        return node, data, [], {}
    except Exception:  # noqa: BLE001 - read again below, slip by slip, to say what is wrong where
        pass
    # Only YAML that cannot be read is mended: a tab or a curly quote in valid text is the writer's choice.
    lines, problems = repaired(lines, first_line, label)
    unreadable: dict[str, list[int]] = {}
    for _ in range(MAX_YAML_SLIPS):
        try:
            node, data = parse_front_matter(lines)
            return node, data, problems, unreadable
        except AnchorError as error:
            # Told once: the rest of the text is not read.
            message = f"{label}: '&' and '*' start YAML anchors and aliases, which are not allowed; write each value out, and put a text starting with & or * in quotes"
            return None, None, [*problems, Problem(error.problem_mark.line + first_line, message)], {}
        except yaml.YAMLError as error:
            index, message = yaml_problem(error, lines, label)
        except ValueError as error:
            # PyYAML reads 2025-02-30 as a date and fails: the value is the problem, not the syntax.
            index = impossible_date(lines)
            what = "the time" if re.search(r"hour|minute|second", str(error)) else "the day and the month"
            message = f"{label}: a date that does not exist ({error}); check {what}"
        except Exception as error:  # noqa: BLE001 - PyYAML raises more than YAMLError on odd input
            index, message = None, f"{label}: not valid YAML: {shown(str(error))}"
        problems.append(Problem((index or 0) + first_line, message))
        if index is None or index >= len(lines) or not lines[index].strip():
            break
        unreadable.setdefault(lines[index].split(":", 1)[0].strip().lstrip("- "), []).append(index + first_line)
        lines[index] = ""
    return None, None, problems, {}
