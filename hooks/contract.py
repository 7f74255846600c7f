"""The post contract: what a writer may put in a post, checked at every build.

Each check returns one line per problem, naming the field and what is expected, so a writer can fix
a post from the pull request's check alone. Nothing here raises on a writer's input, whatever it is:
the hook (``modern_mindwork.py``) prefixes each line with the file and logs it as a warning, which
``mkdocs build --strict`` turns into a failed build. CONTRIBUTING.md explains every message.
"""

from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

DESCRIPTION_LENGTH = (50, 160)
# Fields this site's posts use, and those Material for MkDocs reads on posts and pages.
SITE_FIELDS = (
    "title", "description", "date", "authors", "categories", "draft", "newsletter",
    "image", "image_alt", "reviewed_by", "last_reviewed", "crisis",
)
MATERIAL_FIELDS = ("slug", "pin", "readtime", "links", "hide", "search", "template", "rss")
KNOWN_FIELDS = frozenset(SITE_FIELDS + MATERIAL_FIELDS)
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "feedback", "path", "tags"})
DATE_EXAMPLE = "a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00"
SHOWN_VALUE_LENGTH = 60
# Recovering from a YAML slip (its line read as blank) finds the post's other problems in the same build.
MAX_YAML_SLIPS = 10
# A date as people write it by hand: 12/03/2026, 12.03.2026, 12-03-2026.
WRITTEN_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
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
# Dates as people write them, and what they mean.
WRITTEN_DATES = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%Y/%m/%d", "%Y-%m-%d %H:%M")
# A value that YAML reads as a date or a date-time: the whole value, after a field's name or a "- ".
IMPOSSIBLE_DATE = re.compile(r"^\s*(?:[\w-]+:\s+|-\s+)(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2}):(\d{2})\S*)?\s*$")
# Invisible control characters (often pasted from a word processor): feeds and search snippets break on them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

# What a post's rendered HTML may not contain: a pull request may come from outside the clinic, and
# readers' browsers must ask nothing of another website. Markdown escapes "<" in text and code blocks,
# so a post may still show all of this as code.
FORBIDDEN_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link", "style", "form",
    # Elements whose content browsers read as raw text, where a parser and a browser can disagree.
    "noscript", "template", "textarea", "xmp", "noembed", "noframes", "plaintext", "title",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"})
LOADED_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background"})
LINKING_TAGS = frozenset({"a", "area"})
# Browsers drop tabs, newlines and other control characters inside a URL, and read "\" as "/".
URL_NOISE = re.compile(r"[\x00-\x20]+")
ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def browser_url(value: str) -> str:
    """A URL as a browser reads it: control characters and spaces gone, backslashes as slashes."""
    return URL_NOISE.sub("", value).replace("\\", "/")


def loads_from_elsewhere(value: str) -> bool:
    url = browser_url(value)
    return bool(ELSEWHERE.match(url)) and not url.lower().startswith("data:")


@dataclass(frozen=True)
class Contract:
    """What the site allows in a post: its authors (ids and names), its categories and the theme's templates."""

    authors: Mapping[str, str]
    categories: tuple[str, ...]
    templates: frozenset[str] = frozenset()


def shown(value: object) -> str:
    """A writer's value as a message quotes it: on one line, short, and written as YAML would write it."""
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = repr(value).replace("\\xa0", "\u00a0")
    else:
        try:
            text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
            text = text.removesuffix("\n").removesuffix("\n...").strip()
        except yaml.YAMLError:
            text = repr(value)
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


def got(value: object) -> str:
    """The end of a message that quotes what the writer wrote, or nothing when they wrote nothing."""
    return "" if value is None else f", got {shown(value)}"


def field_name(key: object) -> str:
    """A field as a message names it: plain when it is a plain word, quoted otherwise."""
    return key if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w-]{0,40}", key) else shown(key)


@dataclass(frozen=True)
class Problem:
    """One problem of a file: the line a writer should look at (counted from 1) and what to do."""

    line: int
    text: str


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


def parse_front_matter(lines: list[str]) -> tuple[yaml.Node | None, Any]:
    """The YAML node and the data of the front matter's lines, read in one pass."""
    # PyYAML's Python reader, as Material's blog reads posts: libyaml accepts some text it refuses.
    loader = yaml.SafeLoader("\n".join(lines))
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
        node, data = parse_front_matter(lines)
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


def as_moment(value: object) -> datetime | None:
    """A YAML date or date-time as a moment in UTC (as Material reads it), or None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=timezone.utc)
    return None


def invisible_character(field: str, value: str) -> str | None:
    found = CONTROL.search(value)
    if found:
        return f"{field}: contains an invisible control character (U+{ord(found.group(0)):04X}); retype the text"
    return None


def check_title(value: object) -> str | None:
    if value is not None and not isinstance(value, str | Mapping | list):
        return f"title: must be text; put it in double quotes, like title: \"{shown(value)}\""
    if not isinstance(value, str) or not value.strip():
        return f"title: required, a line of text like 'title: My post'{got(value)}"
    if re.search(r"<[A-Za-z/!?]", value):
        return "title: plain text only; remove the HTML tag (a title is shown as it is, in pages and feeds)"
    return invisible_character("title", value)


def check_description(value: object) -> str | None:
    low, high = DESCRIPTION_LENGTH
    if not isinstance(value, str) or not value.strip():
        return f"description: required, {low} to {high} characters of text{got(value)}"
    if not low <= len(value.strip()) <= high:
        return f"description: must be {low} to {high} characters (it is the search snippet and feed summary), got {len(value.strip())}"
    return invisible_character("description", value)


def date_hint(value: object) -> str:
    """What a writer meant by a date written the way people write dates, like 12/03/2026, in year-month-day."""
    if not isinstance(value, str):
        return ""
    for layout in WRITTEN_DATES:
        try:
            meant = datetime.strptime(value.strip(), layout)
        except ValueError:
            continue
        return f"; did you mean {meant:%Y-%m-%d %H:%M:%S}?" if "%H" in layout else f"; did you mean {meant:%Y-%m-%d}?"
    found = WRITTEN_DATE.fullmatch(value.strip())
    if found is None:
        return ""
    first, second, year = (int(part) for part in found.groups())
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    readings = sorted(set(readings))
    if len(readings) == 1:
        return f"; did you mean {readings[0].isoformat()}?"
    if readings:
        return "; write year-month-day: " + " or ".join(
            f"{reading.isoformat()} for {reading.day} {reading:%B} {reading.year}" for reading in readings
        )
    return ""


def check_date(value: object, unreadable: frozenset[str] = frozenset()) -> list[str]:
    if value is None:
        return [] if {"date", "created"} & unreadable else [f"date: required, with 'created:' under it ({DATE_EXAMPLE})"]
    if not isinstance(value, Mapping):
        return [f"date: write the date under 'created:', e.g. 'date:' then '  created: 2025-06-01'{got(value)}{date_hint(value)}"]
    problems = [
        f"date.{field_name(key)}: not a field; use 'created' and, after a revision, 'updated'"
        for key in value
        if key not in ("created", "updated")
    ]
    created = as_moment(value.get("created"))
    if created is None and "created" not in unreadable:
        problems.append(f"date.created: required, {DATE_EXAMPLE}{got(value.get('created'))}{date_hint(value.get('created'))}")
    if "updated" in value:
        updated = as_moment(value["updated"])
        if updated is None:
            problems.append(f"date.updated: expected {DATE_EXAMPLE}{got(value['updated'])}{date_hint(value['updated'])}")
        elif created is not None and updated < created:
            problems.append(f"date.updated: {shown(value['updated'])} is before date.created {shown(value['created'])}")
    return problems


def closest(item: str, allowed: Mapping[str, str]) -> str | None:
    """The allowed id a writer most likely meant: the same in another case, the id of a name, or a near spelling."""
    wanted = item.casefold().strip()
    for key, name in allowed.items():
        if wanted in (key.casefold(), name.casefold()):
            return key
    for key, name in allowed.items():  # "Jane Doe" for "Jane Doe, PMHNP-BC"
        if len(wanted) >= 4 and name.casefold().startswith(wanted):
            return key
    close = difflib.get_close_matches(item, list(allowed), n=1, cutoff=0.75)
    return close[0] if close else None


def check_ids(field: str, value: object, allowed: Mapping[str, str], where: str) -> list[tuple[str, str]]:
    """A required list of ids, each one of ``allowed`` (each id with the name a writer may write instead).
    Each problem comes with the field it is on: the list, or one of its items (``authors[1]``)."""
    choices = ", ".join(allowed)
    if isinstance(value, str):
        example = value if re.fullmatch(r"[\w .-]{1,40}", value) else "..."
        listed = (field, f"{field}: write a list, e.g. '{field}:' then '  - {example}'")
        return [listed, *check_ids(field, [value], allowed, where)[:1]] if value not in allowed else [listed]
    if not isinstance(value, list) or not value:
        return [(field, f"{field}: required, a list of one or more of: {choices}{got(value)}")]
    problems = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in allowed:
            meant = closest(item, allowed) if isinstance(item, str) else None
            hint = f"did you mean '{meant}'? " if meant else ""
            if isinstance(item, str) and "\u00a0" in item:
                hint = "it has a non-breaking space (often pasted); retype its spaces. " + hint
            problems.append((f"{field}[{index}]", f"{field}: {shown(item)} is not in {where}; {hint}choose from: {choices}"))
    if len(set(map(str, value))) != len(value):
        problems.append((field, f"{field}: lists an entry twice"))
    return problems


def check_boolean(field: str, value: object) -> str | None:
    if not isinstance(value, bool):
        return f"{field}: must be true or false{got(value) or ', got nothing'}"
    return None


def check_schedule(front_matter: Mapping[str, Any]) -> list[str]:
    """A future date schedules a post, unless `draft: false` publishes it at once (Material's rule)."""
    date_field = front_matter.get("date")
    created = as_moment(date_field.get("created")) if isinstance(date_field, Mapping) else None
    if front_matter.get("draft") is False and created is not None and created > datetime.now(timezone.utc):
        return ["draft: 'false' publishes this post now, before its date; remove the line to schedule it for its date"]
    return []


def is_file_in(folder: Path, relative: str, docs_dir: Path) -> bool:
    """Whether a path relative to ``folder`` names a file inside docs/ (any odd path is simply not one)."""
    try:
        path = (folder / relative).resolve()
        return path.is_relative_to(docs_dir.resolve()) and path.is_file()
    except (OSError, ValueError):
        return False


def check_image(value: object, alt: object, post_dir: Path, docs_dir: Path) -> list[str]:
    problems = []
    if value is not None:
        if not isinstance(value, str) or not value.strip():
            problems.append(f"image: expected a path to an image file{got(value)}")
        elif re.match(r"^[a-z][a-z0-9+.-]*:|^//", value.strip(), re.IGNORECASE):
            problems.append(
                f"image: must be a file in docs/, not a web address (the build would fetch it), got {shown(value)}"
            )
        elif not is_file_in(post_dir, value.strip(), docs_dir):
            problems.append(f"image: no file at {shown(value)}; give its path relative to this post")
        if not isinstance(alt, str) or not alt.strip():
            problems.append("image_alt: required with image; describe what the image shows")
        elif found := invisible_character("image_alt", alt):
            problems.append(found)
    elif alt is not None:
        problems.append("image_alt: only used with image; add the image or remove this line")
    return problems


def check_review(reviewer: object, reviewed: object, authors: Mapping[str, str]) -> list[str]:
    problems = []
    if reviewer is not None and (not isinstance(reviewer, str) or reviewer not in authors):
        meant = closest(reviewer, authors) if isinstance(reviewer, str) else None
        hint = f"did you mean '{meant}'? " if meant else ""
        problems.append(
            f"reviewed_by: {shown(reviewer)} is not in docs/blog/.authors.yml; {hint}choose from: {', '.join(authors)}"
        )
    if reviewed is not None and as_moment(reviewed) is None:
        problems.append(f"last_reviewed: expected a date like 2025-06-01, got {shown(reviewed)}{date_hint(reviewed)}")
    if (reviewer is None) != (reviewed is None):
        missing = "last_reviewed" if reviewed is None else "reviewed_by"
        problems.append(f"{missing}: required with {'reviewed_by' if missing == 'last_reviewed' else 'last_reviewed'}")
    return problems


def is_link(item: object) -> bool:
    """A post's related link as Material reads it: a path, or one 'Title: path' pair."""
    if isinstance(item, str):
        return bool(item.strip())
    return (
        isinstance(item, Mapping)
        and len(item) == 1
        and all(isinstance(key, str) and isinstance(value, str) and value.strip() for key, value in item.items())
    )


def check_material_field(field: str, value: object, templates: frozenset[str]) -> str | None:
    """The fields Material reads, with the values it accepts (anything else would stop its build)."""
    expected: dict[str, tuple[Callable[[object], bool], str]] = {
        "slug": (lambda v: isinstance(v, str) and bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", v)),
                 "lowercase words joined by '-', like 'my-post'"),
        "pin": (lambda v: isinstance(v, bool), "true or false"),
        "readtime": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 < v < 1000,
                     "a whole number of minutes"),
        "links": (lambda v: isinstance(v, list) and all(is_link(item) for item in v),
                  "a list of paths or 'Title: path' lines"),
        "hide": (lambda v: isinstance(v, list) and all(isinstance(item, str) and item in HIDE_VALUES for item in v),
                 f"a list of: {', '.join(sorted(HIDE_VALUES))}"),
        "search": (lambda v: isinstance(v, Mapping) and set(v) <= {"exclude", "boost"}, "'exclude: true'"),
        "template": (lambda v: isinstance(v, str) and v in templates, "the name of a template in overrides/"),
        "rss": (lambda v: isinstance(v, Mapping), "settings of the feed plugin"),
    }
    accepts, description = expected[field]
    if not accepts(value):
        return f"{field}: expected {description}, got {shown(value)}"
    return None


def check_unknown(field: object) -> str:
    close = difflib.get_close_matches(str(field), sorted(KNOWN_FIELDS), n=1)
    hint = f"did you mean '{close[0]}'?" if close else "see CONTRIBUTING.md for the fields a post may have"
    return f"{field_name(field)}: not a field of a post; {hint}"


# Where a problem about a field that is not there is fixed: beside the field it goes with.
RELATED_FIELDS = {"image_alt": "image", "reviewed_by": "last_reviewed", "last_reviewed": "reviewed_by"}
REQUIRED_FIELDS = ("title", "description", "date", "authors", "categories")


def check_post(text: str, post_dir: Path, docs_dir: Path, contract: Contract) -> FrontMatter:
    """One post's front matter as read, with every problem of it, each with its line."""
    read = read_front_matter(text)
    front_matter = read.data
    if front_matter is None:
        return read
    unknown = [field for field in front_matter if field not in KNOWN_FIELDS]
    # A required field misspelt is told once, as the misspelling ("did you mean 'categories'?").
    misspelt = {close for field in unknown for close in difflib.get_close_matches(str(field), REQUIRED_FIELDS, n=1)}
    unreadable = read.unreadable | (misspelt - set(front_matter))
    problems = [check_unknown(field) for field in unknown]
    problems += [
        found
        for field, check in (("title", check_title), ("description", check_description))
        if field not in unreadable and (found := check(front_matter.get(field)))
    ]
    problems += check_date(front_matter.get("date"), unreadable)
    authors = dict(sorted(contract.authors.items()))
    categories = {category: category for category in contract.categories}
    located: list[tuple[str, str]] = []
    for field, allowed, where in (
        ("authors", authors, "docs/blog/.authors.yml"),
        ("categories", categories, "the categories allowed in mkdocs.yml"),
    ):
        if field not in unreadable:
            located += check_ids(field, front_matter.get(field), allowed, where)
    problems += [
        found
        for field in ("draft", "newsletter", "crisis")
        if field in front_matter and (found := check_boolean(field, front_matter[field]))
    ]
    problems += check_schedule(front_matter)
    problems += check_image(front_matter.get("image"), front_matter.get("image_alt"), post_dir, docs_dir)
    problems += check_review(front_matter.get("reviewed_by"), front_matter.get("last_reviewed"), authors)
    problems += [
        found
        for field in MATERIAL_FIELDS
        if field in front_matter and (found := check_material_field(field, front_matter[field], contract.templates))
    ]
    located += [(problem.split(":", 1)[0], problem) for problem in problems]
    found = read.problems + [Problem(read.line(path, RELATED_FIELDS), problem) for path, problem in located]
    return replace(read, problems=sorted(found, key=lambda problem: problem.line))


@dataclass(frozen=True)
class Finding:
    """A problem of a page's rendered HTML, and the text to look for in its Markdown to find its line."""

    text: str
    needles: tuple[str, ...]


class ContentChecker(HTMLParser):
    """Reads rendered HTML as a browser would (entities decoded) and notes what a post may not contain."""

    def __init__(self, separator: str) -> None:
        super().__init__(convert_charrefs=True)
        self.separator = separator
        self.problems: list[Finding] = []

    def note(self, text: str, *needles: str) -> None:
        self.problems.append(Finding(text, needles))

    def handle_comment(self, data: str) -> None:
        # Browsers end a comment early in cases Python's parser does not ("<!-->", "<!--->"): a
        # comment that could hide markup is refused. The excerpt marker is the one a post needs.
        if f"<!--{data}-->" == self.separator:
            return
        if "<" in data or ">" in data or data.startswith(("-", ">")) or "--!" in data:
            self.note("an HTML comment with markup in it is not allowed in a post; remove it", f"<!--{data[:20]}", "<!--")

    def unknown_decl(self, data: str) -> None:
        self.note("a <![...]> section is not allowed in a post; remove it", "<![")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.note(f"raw <{tag}> is not allowed in a post; remove it", f"<{tag}")
            return
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            image = dict(attrs).get("src") or "an image"
            self.note(f"image {shown(image)} has no alt text; describe it in the brackets: ![what it shows]({image})", image)

    handle_startendtag = handle_starttag

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        loaded = name in LOADED_ATTRIBUTES or (name in ("href", "xlink:href") and tag not in LINKING_TAGS)
        candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        if name.startswith("on"):
            self.note(f"the attribute {name}= (a script) is not allowed in a post; remove it", f"{name}=", name)
        elif name == "ping":
            self.note("the attribute ping= (it reports clicks to another website) is not allowed in a post; remove it", "ping=")
        elif name in URL_ATTRIBUTES and browser_url(value).lower().startswith("javascript:"):
            self.note(f"a javascript: link is not allowed in a post: {shown(value)}", value, "javascript", f"{name}=")
        elif loaded and any(loads_from_elsewhere(candidate) for candidate in candidates):
            self.note(
                f"{shown(value)} would be loaded from another website; store the file in docs/assets/ and use its path",
                *candidates,
            )
        elif name == "style" and re.search(r"url|image-set|\\", value, re.IGNORECASE):
            self.note("a style with url(...) is not allowed in a post; remove it", "style=")


def check_content(html: str, separator: str = "<!-- more -->") -> list[Finding]:
    """What a page's rendered HTML may not contain: scripts, embeds and other active or foreign
    content, inline handlers, javascript: links, files from other websites, images without alt text.
    ``separator`` is the blog's excerpt marker, the one comment a post needs."""
    checker = ContentChecker(separator)
    checker.feed(html)
    checker.close()
    return checker.problems


AUTHOR_FIELDS = ("name", "description", "avatar")
# Fields Material reads on an author besides those.
MATERIAL_AUTHOR_FIELDS = ("slug", "url")


def check_authors_file(text: str) -> list[Problem]:
    """Every problem of the authors file (docs/blog/.authors.yml) that would stop Material's blog
    from reading it, each with its line: YAML slips, entries that are not indented under
    ``authors:``, missing or unknown fields, authors listed twice."""
    node, data, problems, unreadable = read_yaml(text.replace("\r\n", "\n").split("\n"), first_line=1, label="authors file")
    if node is None:
        return problems
    lines, twice = field_lines(node, first_line=1)
    problems += twice
    if not isinstance(data, Mapping) or not isinstance(data.get("authors"), Mapping):
        line = lines.get("authors", 1)
        return [*problems, Problem(line, "authors file: expected a line 'authors:' and, under it, each author's id indented by two spaces")]
    for key in data:
        if key != "authors":
            problems.append(Problem(lines.get(str(key), 1), f"{field_name(key)}: not in the authors file's list; indent it by two spaces under 'authors:'"))
    starts = sorted(line for path, line in lines.items() if path.startswith("authors.") and path.count(".") == 1)
    for author_id, author in data["authors"].items():
        where = f"authors.{field_name(author_id)}"
        start = lines.get(where, 1)
        end = next((line for line in starts if line > start), 10**9)
        # The fields on this author's lines that YAML could not read: reported already.
        slipped = {field for field, found in unreadable.items() for line in found if start < line < end}
        if not isinstance(author, Mapping):
            problems.append(Problem(lines.get(where, 1), f"{where}: expected name, description and avatar, each on its own line indented by four spaces"))
            continue
        for field in AUTHOR_FIELDS:
            value = author.get(field)
            if (not isinstance(value, str) or not value.strip()) and not (value is None and field in slipped):
                problems.append(Problem(
                    lines.get(f"{where}.{field}", lines.get(where, 1)),
                    f"{where}.{field}: required, a line of text like '{field}: ...'" + got(value),
                ))
        problems += [
            Problem(lines.get(f"{where}.{key}", 1), f"{where}.{field_name(key)}: not a field of an author; use name, description and avatar")
            for key in author
            if key not in AUTHOR_FIELDS + MATERIAL_AUTHOR_FIELDS
        ]
    return sorted(problems, key=lambda problem: problem.line)
