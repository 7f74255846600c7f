"""The authors file (docs/blog/.authors.yml): checked before Material's blog reads it, and every
author's photo checked after, each problem on its line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from .front_matter import PlainLoader, field_lines, read_yaml
from .messages import Problem, field_name, got, shown
from .post_fields import LINE_BREAK, invisible_character, is_file_in, markdown_character
from .source_files import repository_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .blog import Blog

AUTHOR_FIELDS = ("name", "description", "avatar")
# Fields Material reads on an author besides those.
MATERIAL_AUTHOR_FIELDS = ("slug", "url")
# An author is shown on every post they write: a name and a line about them, as plain text.
MAX_LENGTH = {"name": 80, "description": 200}
# A photo's path: what a file in docs/ needs, and nothing that could end an HTML attribute.
AVATAR_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(?:png|jpe?g|webp|svg)", re.IGNORECASE)
SITE_PATH = re.compile(r"[A-Za-z0-9_./#-]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def value_problem(field: str, value: str) -> str | None:
    """What is wrong with one author's field (given as text), in a writer's words."""
    if field in MAX_LENGTH:
        if re.search(r"<[A-Za-z/!?]", value):
            return "plain text only; remove the HTML tag (it is shown as it is on every post)"
        if len(value.strip()) > MAX_LENGTH[field]:
            return f"at most {MAX_LENGTH[field]} characters, got {len(value.strip())}"
        if field == "name" and LINE_BREAK.search(value.strip()):
            return "one line only; remove the line break"
        if field == "name" and (problem := markdown_character(value, "the author's page")):
            return f"plain text only; {problem}"
        return (invisible_character(field, value) or "").partition(": ")[2] or None
    if field == "avatar" and not AVATAR_PATH.fullmatch(value.strip()) and not urlsplit(value).scheme:
        return (
            "a path of letters, digits, '-', '_', '.' and '/' ending in .jpg, .png, .webp or .svg, like "
            f"'assets/images/authors/jane-doe.jpg', got {shown(value)}"
        )
    if field == "url":
        url = urlsplit(value.strip()) if "\\" not in value else None
        if not (url and ((url.scheme == "https" and url.hostname and " " not in value) or (not url.scheme and not value.startswith("//") and SITE_PATH.fullmatch(value.strip())))):
            return f"an https address or a path of the site, like 'team/', got {shown(value)}"
    if field == "slug" and not SLUG.fullmatch(value):
        return f"lowercase words joined by '-', like 'jane-doe', got {shown(value)}"
    return None


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
            Problem(lines.get(f"{where}.{field}", lines.get(where, 1)), f"{where}.{field}: {found}")
            for field in AUTHOR_FIELDS + MATERIAL_AUTHOR_FIELDS
            if isinstance(author.get(field), str) and (found := value_problem(field, author[field]))
        ]
        problems += [
            Problem(lines.get(f"{where}.{key}", 1), f"{where}.{field_name(key)}: not a field of an author; use name, description and avatar")
            for key in author
            if key not in AUTHOR_FIELDS + MATERIAL_AUTHOR_FIELDS
        ]
    return sorted(problems, key=lambda problem: problem.line)


def authors_file_problems(site_blog: Blog | None, config: MkDocsConfig) -> list[str]:
    """The authors file's problems, one line each naming the file and the line (nothing without one)."""
    path = site_blog.authors_file(config.docs_dir) if site_blog is not None else None
    if path is None:
        return []
    where = repository_path(path, config)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError):
        return [f"{where}:1: authors file: not UTF-8 text; save it as UTF-8"]
    return [f"{where}:{problem.line}: {problem.text}" for problem in check_authors_file(text)]


def field_lines_of(path: Path) -> dict[str, int]:
    """The line of each field of the authors file (none when it cannot be read: that is told already)."""
    try:
        return field_lines(yaml.compose(path.read_text(encoding="utf-8-sig"), PlainLoader), first_line=1)[0]
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}


def avatar_problems(site_blog: Blog | None, config: MkDocsConfig) -> list[str]:
    """Every author's photo must be a file of the site: an avatar service would learn who reads what."""
    authors = site_blog.authors if site_blog is not None else {}
    path = site_blog.authors_file(config.docs_dir) if site_blog is not None else None
    if not authors or path is None:
        return []
    where, lines = repository_path(path, config), field_lines_of(path)
    docs_dir = Path(config.docs_dir)
    problems = []
    for author_id, author in authors.items():
        line = lines.get(f"authors.{author_id}.avatar", 1)
        if urlsplit(author.avatar).scheme or author.avatar.startswith("//"):
            problems.append(
                f"{where}:{line}: authors.{author_id}.avatar: must be an image file in docs/, like "
                f"'assets/images/authors/{author_id}.jpg', got {shown(author.avatar)}"
            )
        elif not is_file_in(docs_dir, author.avatar, docs_dir):
            problems.append(
                f"{where}:{line}: authors.{author_id}.avatar: no file at {shown(author.avatar)}; put the photo "
                "in docs/assets/images/authors/ and give its path from docs/ (capitals count)"
            )
    return problems
