"""What the repository says the site holds: its posts, authors and settings, read from the sources.

Tests derive what they expect from these, never from today's posts, so that any post or author a
writer adds the way CONTRIBUTING.md says keeps the suite green.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load
from pymdownx.slugs import slugify

ROOT = Path(__file__).resolve().parents[1]
SLUGIFY = slugify(case="lower")
# What a copy of the site needs to build: the tests and the benchmarks build copies they can change.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


def copy_project(destination: Path, *, also: tuple[str, ...] = ()) -> Path:
    """A copy of the site's sources, to build with extra posts or settings; ``also`` names more of
    the repository's files and folders to copy."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS + also:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


@dataclass(frozen=True)
class SourcePost:
    """A post as its file says it is: where it comes from, where it is published and what it claims."""

    path: Path
    meta: dict[str, Any]
    body: str

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def url(self) -> str:
        """Its address below the site root, as Material's `post_url_format: "{slug}"` makes it."""
        return f"blog/{self.meta.get('slug') or SLUGIFY(self.title, '-')}/"

    @property
    def created(self) -> datetime:
        return moment(self.meta["date"]["created"])

    @property
    def updated(self) -> datetime | None:
        updated = self.meta["date"].get("updated")
        return moment(updated) if updated is not None else None

    @property
    def authors(self) -> list[str]:
        return list(self.meta["authors"])

    @property
    def categories(self) -> list[str]:
        return list(self.meta["categories"])

    @property
    def published(self) -> bool:
        """Neither a draft nor scheduled for later: the published site and its feeds hold it."""
        return self.meta.get("draft") is not True and self.created <= datetime.now(timezone.utc)

    @property
    def newsletter(self) -> bool:
        return self.meta.get("newsletter") is not False

    @property
    def pinned(self) -> bool:
        return self.meta.get("pin") is True

    @property
    def searchable(self) -> bool:
        search = self.meta.get("search")
        return not (isinstance(search, dict) and search.get("exclude") is True)


def moment(value: date | datetime) -> datetime:
    """A front-matter date as a moment in UTC, as Material reads it."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime.combine(value, time(), tzinfo=timezone.utc)


def parse_post(path: Path, text: str) -> SourcePost:
    """A post from its text (a file's, or a fixture's)."""
    _, header, body = text.split("---\n", 2)
    return SourcePost(path, yaml.safe_load(header), body)


def read_post(path: Path) -> SourcePost:
    return parse_post(path, path.read_text(encoding="utf-8-sig"))


@dataclass(frozen=True)
class Sources:
    """The posts, authors and settings of a project folder."""

    root: Path

    @functools.cached_property
    def config(self) -> dict[str, Any]:
        with open(self.root / "mkdocs.yml", encoding="utf-8") as file:
            return yaml_load(file)

    @functools.cached_property
    def site_url(self) -> str:
        return self.config["site_url"]

    @functools.cached_property
    def posts(self) -> list[SourcePost]:
        """Every post, newest first."""
        found = [read_post(path) for path in (self.root / "docs" / "blog" / "posts").rglob("*.md")]
        return sorted(found, key=lambda post: post.created, reverse=True)

    @functools.cached_property
    def published_posts(self) -> list[SourcePost]:
        """The posts of the published site, newest first."""
        return [post for post in self.posts if post.published]

    @functools.cached_property
    def listed_posts(self) -> list[SourcePost]:
        """The published posts in the order the blog lists them: pinned ones first, then newest first."""
        return sorted(self.published_posts, key=lambda post: (post.pinned, post.created), reverse=True)

    @functools.cached_property
    def newest(self) -> SourcePost:
        """The newest published post: what the tests of one post's page open."""
        return self.published_posts[0]

    @functools.cached_property
    def authors(self) -> dict[str, dict[str, str]]:
        return yaml.safe_load((self.root / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))["authors"]

    @functools.cached_property
    def categories(self) -> list[str]:
        blog = next(plugin["blog"] for plugin in self.config["plugins"] if isinstance(plugin, dict) and "blog" in plugin)
        return list(blog["categories_allowed"])

    @functools.cached_property
    def pages(self) -> list[Path]:
        """The site's pages outside the blog (index.md is the home page)."""
        return sorted((self.root / "docs").glob("*.md"))

    def post(self, url: str) -> SourcePost:
        return next(post for post in self.posts if post.url == url)

    def author_name(self, author_id: str) -> str:
        return self.authors[author_id]["name"]


def category_url(category: str) -> str:
    """A category's listing below the site root, as Material's blog slugifies it."""
    return f"blog/category/{SLUGIFY(category, '-')}/"


def archive_url(post: SourcePost) -> str:
    return f"blog/archive/{post.created.year}/"


def author_url(author_id: str) -> str:
    return f"blog/author/{author_id}/"


SOURCES = Sources(ROOT)
