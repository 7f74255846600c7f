"""The post contract: the fields a post's front matter may have and the values each accepts.

Each check returns one line per problem, naming the field and what is expected, so a writer can fix
a post from the pull request's check alone. Nothing here raises on a writer's input, whatever it is.
CONTRIBUTING.md explains every message."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from .dates import as_moment, check_date, check_schedule, date_hint
from .front_matter import FrontMatter, read_front_matter
from .messages import Problem, field_name, got, shown

DESCRIPTION_LENGTH = (50, 160)
# Fields this site's posts use, and those Material for MkDocs reads on posts and pages.
SITE_FIELDS = (
    "title", "description", "date", "authors", "categories", "draft", "newsletter",
    "image", "image_alt", "reviewed_by", "last_reviewed", "crisis",
)
MATERIAL_FIELDS = ("slug", "pin", "readtime", "links", "hide", "search", "template", "rss")
CHECKED_APART = frozenset({"links"})
KNOWN_FIELDS = frozenset(SITE_FIELDS + MATERIAL_FIELDS)
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "feedback", "path", "tags"})
# Invisible control characters (often pasted from a word processor): feeds and search snippets break on them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Characters that reverse or isolate the direction of the text after them: a title can be made to read
# as something else than what the file says.
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_TITLE = 120
# What Markdown reads in a heading: Material writes a title into the blog's listings, and a name into
# its author's profile, as "# {text}", so these would become links, images, emphasis, code, attributes
# (event handlers included) or entities there while the page itself shows them as they are.
LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
MARKDOWN_IN_HEADING = re.compile(r"[`*_\[\]{}\\]|&#?\w+;|#\s*$")
# Link previews and feed readers show these; an SVG can carry a script.
SHARE_IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".webp")
# Where a problem about a field that is not there is fixed: beside the field it goes with.
RELATED_FIELDS = {"image_alt": "image", "reviewed_by": "last_reviewed", "last_reviewed": "reviewed_by"}
REQUIRED_FIELDS = ("title", "description", "date", "authors", "categories")


@dataclass(frozen=True)
class Contract:
    """What the site allows in a post: its authors (ids and names), its categories and the theme's templates."""

    authors: Mapping[str, str]
    categories: tuple[str, ...]
    templates: frozenset[str] = frozenset()


def invisible_character(field: str, value: str) -> str | None:
    if found := CONTROL.search(value):
        return f"{field}: contains an invisible control character (U+{ord(found.group(0)):04X}); retype the text"
    if found := BIDI_CONTROL.search(value):
        return (
            f"{field}: contains an invisible character that reverses the text's direction "
            f"(U+{ord(found.group(0)):04X}); retype the text"
        )
    return None


def markdown_character(value: str, read_by: str = "the blog's listings") -> str | None:
    """What a one-line text would become Markdown by, in the writer's words, or None when it is plain."""
    if found := MARKDOWN_IN_HEADING.search(value):
        return f"remove {found.group(0).strip()!r}, or reword ({read_by} would read it as Markdown)"
    return None


def check_title(value: object) -> str | None:
    if value is not None and not isinstance(value, str | Mapping | list):
        return f"title: must be text; put it in double quotes, like title: \"{shown(value)}\""
    if not isinstance(value, str) or not value.strip():
        return f"title: required, a line of text like 'title: My post'{got(value)}"
    if LINE_BREAK.search(value.strip()):
        return "title: one line only; remove the line break"
    if re.search(r"<[A-Za-z/!?]", value):
        return "title: plain text only; remove the HTML tag (a title is shown as it is, in pages and feeds)"
    if len(value.strip()) > MAX_TITLE:
        return f"title: at most {MAX_TITLE} characters (it is the page's heading and the tab's name), got {len(value.strip())}"
    if problem := markdown_character(value):
        return f"title: plain text only; {problem}"
    return invisible_character("title", value)


def check_description(value: object) -> str | None:
    low, high = DESCRIPTION_LENGTH
    if not isinstance(value, str) or not value.strip():
        return f"description: required, {low} to {high} characters of text{got(value)}"
    if not low <= len(value.strip()) <= high:
        return f"description: must be {low} to {high} characters (it is the search snippet and feed summary), got {len(value.strip())}"
    if re.search(r"<[A-Za-z/!?]", value):
        return "description: plain text only; remove the HTML tag"
    return invisible_character("description", value)


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
        elif not value.strip().lower().endswith(SHARE_IMAGE_TYPES):
            problems.append(f"image: must be a PNG, JPEG or WebP file (link previews and feed readers show no other), got {shown(value)}")
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
    elif reviewed is not None and as_moment(reviewed) > datetime.now(timezone.utc):
        # Readers would read "Medically reviewed on" a day that has not come.
        problems.append(f"last_reviewed: {shown(reviewed)} is in the future; write the day the review took place")
    if (reviewer is None) != (reviewed is None):
        missing = "last_reviewed" if reviewed is None else "reviewed_by"
        problems.append(f"{missing}: required with {'reviewed_by' if missing == 'last_reviewed' else 'last_reviewed'}")
    return problems


def link_problem(item: object, docs_dir: Path) -> str | None:
    """A post's related link (Material's ``links:``): a path of a file in docs/ or an https address,
    alone or as one 'Title: link' pair."""
    example = "'  - Our editorial policy: editorial-policy.md' or '  - https://www.nimh.nih.gov/'"
    title, link = (None, item) if isinstance(item, str) else next(iter(item.items())) if isinstance(item, Mapping) and len(item) == 1 else (None, None)
    if not isinstance(link, str) or not link.strip() or (title is not None and not isinstance(title, str)):
        return f"links: expected a page or an https address, alone or after a title, like {example}, got {shown(item)}"
    if title is not None and (found := invisible_character("links", title)):
        return found
    url = link.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE):
        if re.fullmatch(r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", url):
            return None
        return f"links: {shown(url)} is neither a page of the site nor an https address; links go to pages (like 'about.md') or start with https://"
    if not is_file_in(docs_dir, url.partition("#")[0], docs_dir):
        return f"links: no page {shown(url)} in docs/; give its path from docs/, like 'editorial-policy.md'"
    return None


def check_links(value: object, docs_dir: Path) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return [("links", f"links: expected a list of pages or https addresses, got {shown(value)}")]
    return [(f"links[{index}]", found) for index, item in enumerate(value) if (found := link_problem(item, docs_dir))]


def check_material_field(field: str, value: object, templates: frozenset[str]) -> str | None:
    """The fields Material reads, with the values it accepts (anything else would stop its build)."""
    expected: dict[str, tuple[Callable[[object], bool], str]] = {
        "slug": (lambda v: isinstance(v, str) and bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", v)),
                 "lowercase words joined by '-', like 'my-post'"),
        "pin": (lambda v: isinstance(v, bool), "true or false"),
        "readtime": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 < v < 1000,
                     "a whole number of minutes"),
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
        if field in front_matter and field not in CHECKED_APART
        and (found := check_material_field(field, front_matter[field], contract.templates))
    ]
    if "links" in front_matter:
        located += check_links(front_matter["links"], docs_dir)
    located += [(problem.split(":", 1)[0], problem) for problem in problems]
    found = read.problems + [Problem(read.line(path, RELATED_FIELDS), problem) for path, problem in located]
    return replace(read, problems=sorted(found, key=lambda problem: problem.line))
