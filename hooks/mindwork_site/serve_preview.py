"""`mkdocs serve` for writers: a post whose front matter has problems is shown anyway, never built.

Material's blog stops at a post it cannot read, so the post is served from a copy outside docs/
whose front matter keeps what the writer wrote where it is valid; the page then shows a box listing
the problems (``overrides/partials/writer-problems.html``). The copies live in a temporary folder
that each build starts afresh and `mkdocs serve` removes when it stops.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.files import File

from .dates import as_moment
from .front_matter import FrontMatter
from .post_fields import Contract, check_description, check_material_field, check_title


def listed(value: object) -> list[str]:
    """The texts of a field that should be a list, whatever a writer typed: one text, a list, or neither."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [item for item in items if isinstance(item, str)]


def preview_front_matter(read: FrontMatter, file: File, allowed: Contract) -> dict[str, Any] | None:
    """Front matter Material can build, made from what a writer wrote where it is valid, or None
    when the site has no author to credit the post to."""
    data = read.data or {}
    authors = [author for author in listed(data.get("authors")) if author in allowed.authors]
    authors = authors or list(allowed.authors)[:1]
    if not authors:
        return None
    title = data.get("title")
    dates = data.get("date") if isinstance(data.get("date"), Mapping) else {}
    description = data.get("description")
    front_matter: dict[str, Any] = {
        "title": title if check_title(title) is None else Path(file.src_uri).stem.replace("-", " ").capitalize(),
        "description": description if check_description(description) is None else "",
        "date": {"created": as_moment(dates.get("created")) or datetime.now(timezone.utc)},
        "authors": authors,
        "categories": [category for category in listed(data.get("categories")) if category in allowed.categories],
        "newsletter": False,
        "search": {"exclude": True},
    }
    if data.get("draft") is True:
        front_matter["draft"] = True
    slug = data.get("slug")
    if isinstance(slug, str) and check_material_field("slug", slug, allowed.templates) is None:
        front_matter["slug"] = slug
    return front_matter


class PreviewCopies:
    """The copies one build serves, in a temporary folder made when the first is needed."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    def add(self, file: File, text: str, read: FrontMatter, allowed: Contract, site_dir: str,
            use_directory_urls: bool) -> File | None:
        """The file to serve in place of ``file`` (a post with problems), or None when none can be made."""
        front_matter = preview_front_matter(read, file, allowed)
        if front_matter is None:
            return None
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="modern-mindwork-preview-"))
        copy = self.folder / file.src_uri
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(f"---\n{yaml.safe_dump(front_matter, allow_unicode=True)}---\n\n{read.body(text)}", encoding="utf-8")
        return File(file.src_uri, str(self.folder), site_dir, use_directory_urls)

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
