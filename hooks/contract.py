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
from dataclasses import dataclass
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
    """What the site allows in a post: its authors' ids, its categories and the theme's templates."""

    authors: frozenset[str]
    categories: tuple[str, ...]
    templates: frozenset[str] = frozenset()


def shown(value: object) -> str:
    """A writer's value as a message quotes it: on one line, and short."""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat() if isinstance(value, date) else repr(value)
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


def field_name(key: object) -> str:
    """A field as a message names it: plain when it is a plain word, quoted otherwise."""
    return key if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w-]{0,40}", key) else shown(key)


def read_front_matter(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """The front matter as a mapping, or None and one line saying what is wrong (with its line)."""
    match = YAML_RE.match(text)
    if not match:
        return None, "front matter: missing; start the file with a line '---', the fields, then '---'"
    try:
        # PyYAML's Python reader, as Material's blog reads posts: libyaml accepts some text it refuses.
        data = yaml.load(match.group(1), yaml.SafeLoader)  # noqa: S506 - SafeLoader is safe
    except yaml.YAMLError as error:
        # Where the unfinished construct began (a quote, a bracket) is where a writer looks first.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "it cannot be read"
        where = f"line {mark.line + 2}: " if mark is not None else ""
        if "'\\t'" in problem:  # a tab pasted from a word processor, which YAML refuses here
            return None, f"{where}front matter has a tab character; use spaces instead"
        return None, f"{where}front matter is not valid YAML: {problem}; check the indentation and quotes"
    except ValueError as error:
        # PyYAML reads 2025-02-30 as a date and fails: the value is the problem, not the syntax.
        return None, f"front matter: a date that does not exist ({error}); check the day and the month"
    except Exception as error:  # noqa: BLE001 - PyYAML raises more than YAMLError on odd input
        return None, f"front matter is not valid YAML: {shown(str(error))}"
    if not isinstance(data, dict):
        return None, "front matter: expected 'field: value' lines, like 'title: My post'"
    return data, None


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
    if not isinstance(value, str) or not value.strip():
        return f"title: required, a line of text like 'title: My post', got {shown(value)}"
    if re.search(r"<[A-Za-z/!?]", value):
        return "title: plain text only; remove the HTML tag (a title is shown as it is, in pages and feeds)"
    return invisible_character("title", value)


def check_description(value: object) -> str | None:
    low, high = DESCRIPTION_LENGTH
    if not isinstance(value, str) or not value.strip():
        return f"description: required, {low} to {high} characters of text, got {shown(value)}"
    if not low <= len(value.strip()) <= high:
        return f"description: must be {low} to {high} characters (it is the search snippet and feed summary), got {len(value.strip())}"
    return invisible_character("description", value)


def check_date(value: object) -> list[str]:
    if value is None:
        return [f"date: required, with 'created:' under it ({DATE_EXAMPLE})"]
    if not isinstance(value, Mapping):
        return [f"date: write the date under 'created:', e.g. 'date:' then '  created: 2025-06-01', got {shown(value)}"]
    problems = [
        f"date.{field_name(key)}: not a field; use 'created' and, after a revision, 'updated'"
        for key in value
        if key not in ("created", "updated")
    ]
    created = as_moment(value.get("created"))
    if created is None:
        problems.append(f"date.created: required, {DATE_EXAMPLE}, got {shown(value.get('created'))}")
    if "updated" in value:
        updated = as_moment(value["updated"])
        if updated is None:
            problems.append(f"date.updated: expected {DATE_EXAMPLE}, got {shown(value['updated'])}")
        elif created is not None and updated < created:
            problems.append(f"date.updated: {value['updated']} is before date.created {value['created']}")
    return problems


def check_ids(field: str, value: object, allowed: Mapping[str, str] | frozenset[str] | tuple[str, ...], where: str) -> list[str]:
    """A required list of ids, each one of ``allowed``."""
    if isinstance(value, str):
        example = value if re.fullmatch(r"[\w .-]{1,40}", value) else "..."
        listed = f"{field}: write a list, e.g. '{field}:' then '  - {example}'"
        return [listed, *check_ids(field, [value], allowed, where)[:1]] if value not in allowed else [listed]
    if not isinstance(value, list) or not value:
        return [f"{field}: required, a list of one or more of: {', '.join(allowed)}, got {shown(value)}"]
    problems = []
    for item in value:
        if not isinstance(item, str) or item not in allowed:
            problems.append(f"{field}: {shown(item)} is not in {where}; choose from: {', '.join(allowed)}")
    if len(set(map(str, value))) != len(value):
        problems.append(f"{field}: lists an entry twice")
    return problems


def check_boolean(field: str, value: object) -> str | None:
    if not isinstance(value, bool):
        return f"{field}: must be true or false, got {shown(value)}"
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
            problems.append(f"image: expected a path to an image file, got {shown(value)}")
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


def check_review(reviewer: object, reviewed: object, authors: frozenset[str]) -> list[str]:
    problems = []
    if reviewer is not None and (not isinstance(reviewer, str) or reviewer not in authors):
        problems.append(
            f"reviewed_by: {shown(reviewer)} is not in docs/blog/.authors.yml; choose from: {', '.join(sorted(authors))}"
        )
    if reviewed is not None and as_moment(reviewed) is None:
        problems.append(f"last_reviewed: expected a date like 2025-06-01, got {shown(reviewed)}")
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


def check_post(text: str, post_dir: Path, docs_dir: Path, contract: Contract) -> list[str]:
    """Every problem of one post's front matter, one line each (without the file's name)."""
    front_matter, problem = read_front_matter(text)
    if front_matter is None:
        return [problem or "front matter: missing"]
    problems = [check_unknown(field) for field in front_matter if field not in KNOWN_FIELDS]
    problems += [
        found
        for found in (check_title(front_matter.get("title")), check_description(front_matter.get("description")))
        if found
    ]
    problems += check_date(front_matter.get("date"))
    problems += check_ids("authors", front_matter.get("authors"), tuple(sorted(contract.authors)), "docs/blog/.authors.yml")
    problems += check_ids("categories", front_matter.get("categories"), contract.categories, "the categories allowed in mkdocs.yml")
    problems += [
        found
        for field in ("draft", "newsletter", "crisis")
        if field in front_matter and (found := check_boolean(field, front_matter[field]))
    ]
    problems += check_schedule(front_matter)
    problems += check_image(front_matter.get("image"), front_matter.get("image_alt"), post_dir, docs_dir)
    problems += check_review(front_matter.get("reviewed_by"), front_matter.get("last_reviewed"), contract.authors)
    problems += [
        found
        for field in MATERIAL_FIELDS
        if field in front_matter and (found := check_material_field(field, front_matter[field], contract.templates))
    ]
    return problems


class ContentChecker(HTMLParser):
    """Reads rendered HTML as a browser would (entities decoded) and notes what a post may not contain."""

    def __init__(self, separator: str) -> None:
        super().__init__(convert_charrefs=True)
        self.separator = separator
        self.problems: list[str] = []

    def handle_comment(self, data: str) -> None:
        # Browsers end a comment early in cases Python's parser does not ("<!-->", "<!--->"): a
        # comment that could hide markup is refused. The excerpt marker is the one a post needs.
        if f"<!--{data}-->" == self.separator:
            return
        if "<" in data or ">" in data or data.startswith(("-", ">")) or "--!" in data:
            self.problems.append("an HTML comment with markup in it is not allowed in a post; remove it")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("a <![...]> section is not allowed in a post; remove it")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"raw <{tag}> is not allowed in a post; remove it")
            return
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            image = dict(attrs).get("src") or "an image"
            self.problems.append(f"image {shown(image)} has no alt text; describe it in the brackets: ![what it shows]({image})")

    handle_startendtag = handle_starttag

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        loaded = name in LOADED_ATTRIBUTES or (name in ("href", "xlink:href") and tag not in LINKING_TAGS)
        candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        if name.startswith("on"):
            self.problems.append(f"the attribute {name}= (a script) is not allowed in a post; remove it")
        elif name == "ping":
            self.problems.append("the attribute ping= (it reports clicks to another website) is not allowed in a post; remove it")
        elif name in URL_ATTRIBUTES and browser_url(value).lower().startswith("javascript:"):
            self.problems.append(f"a javascript: link is not allowed in a post: {shown(value)}")
        elif loaded and any(loads_from_elsewhere(candidate) for candidate in candidates):
            self.problems.append(
                f"{shown(value)} would be loaded from another website; store the file in docs/assets/ and use its path"
            )
        elif name == "style" and re.search(r"url|image-set|\\", value, re.IGNORECASE):
            self.problems.append("a style with url(...) is not allowed in a post; remove it")


def check_content(html: str, separator: str = "<!-- more -->") -> list[str]:
    """What a page's rendered HTML may not contain: scripts, embeds and other active or foreign
    content, inline handlers, javascript: links, files from other websites, images without alt text.
    ``separator`` is the blog's excerpt marker, the one comment a post needs."""
    checker = ContentChecker(separator)
    checker.feed(html)
    checker.close()
    return checker.problems
