"""Material's blog plugin as the site reads it: the one module that knows its internals.

Everything else asks here which posts the build publishes, who the authors are, where posts live,
how Material makes a post's address, and what kind of page a page is. When Material changes (or the
site moves to another blog), this is the file to change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from material.plugins.blog.structure import Archive, Category, Post, Profile, View

if TYPE_CHECKING:
    from material.plugins.blog.plugin import BlogPlugin
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

BLOG_PLUGIN = "material/blog"
DEFAULT_SEPARATOR = "<!-- more -->"


@dataclass(frozen=True)
class Author:
    """An author of the authors file, as the site names and shows them."""

    id: str
    name: str
    description: str
    avatar: str
    # Their profile page, once Material has made it (for an author who wrote a post), else None.
    url: str | None


@dataclass(frozen=True)
class Blog:
    """The blog of one build, as its plugin has read it."""

    plugin: BlogPlugin

    @classmethod
    def of(cls, config: MkDocsConfig) -> Blog | None:
        """The build's blog, or None when the plugin is missing or turned off."""
        plugin = config.plugins.get(BLOG_PLUGIN)
        return cls(plugin) if plugin is not None and plugin.config.enabled else None

    @property
    def post_dir(self) -> str:
        """The folder of posts below docs/, like ``blog/posts/``."""
        settings = self.plugin.config
        return os.path.normpath(settings.post_dir.format(blog=settings.blog_dir)) + "/"

    @property
    def authors(self) -> dict[str, Author]:
        """The authors file's authors by id (read by Material in its on_config), in the file's order."""
        found = getattr(self.plugin, "authors", None) or {}
        return {
            author_id: Author(author_id, author.name, author.description, author.avatar, author.url)
            for author_id, author in found.items()
        }

    @property
    def categories_allowed(self) -> tuple[str, ...]:
        return tuple(self.plugin.config.categories_allowed)

    def authors_file(self, docs_dir: str) -> Path | None:
        """The authors file, or None when the blog reads none."""
        settings = self.plugin.config
        return Path(docs_dir) / settings.authors_file.format(blog=settings.blog_dir) if settings.authors else None

    def posts(self) -> list[Post]:
        """The posts this build publishes, newest first, as Material resolved them (drafts only in serve)."""
        return list(self.plugin.blog.posts)

    @property
    def index_url(self) -> str:
        return self.plugin.blog.file.url

    def slug(self, data: Mapping[str, Any]) -> tuple[str, str] | None:
        """A post's address and the field it comes from (``slug`` or ``title``), as Material makes it from
        its front matter, or None when addresses are not made from slugs or the post has no title."""
        settings = self.plugin.config
        if settings.post_url_format != "{slug}" or not isinstance(data.get("title"), str):
            return None
        if isinstance(data.get("slug"), str):
            return data["slug"], "slug"
        return settings.post_slugify(data["title"], settings.post_slugify_separator), "title"

    def builds(self, data: Mapping[str, Any], created: datetime | None) -> bool:
        """Whether this build makes a post's page: drafts and scheduled posts only when drafts are shown."""
        settings = self.plugin.config
        if settings.draft:
            return True
        if data.get("draft") is True:
            return False
        scheduled = created is not None and created > datetime.now(timezone.utc)
        return not (settings.draft_if_future_date and scheduled and data.get("draft") is not False)


def excerpt_separator(config: MkDocsConfig) -> str:
    """The line that ends a post's excerpt (Material's setting, even with the blog turned off)."""
    plugin = config.plugins.get(BLOG_PLUGIN)
    return plugin.config.post_excerpt_separator if plugin is not None else DEFAULT_SEPARATOR


def is_post(page: Page) -> bool:
    return isinstance(page, Post)


def is_listing(page: Page) -> bool:
    """A page the blog makes to list posts: its index, archive, categories and authors' profiles."""
    return isinstance(page, View)


def is_blog_index(page: Page) -> bool:
    """The blog's main listing (and its further pages), not its archive, category or author views."""
    return isinstance(page, View) and not isinstance(page, Archive | Category | Profile)


def is_profile(page: Page) -> bool:
    return isinstance(page, Profile)


def is_published(post: Post) -> bool:
    """Neither a draft nor scheduled: `mkdocs serve` shows both, a feed never does."""
    return post.config.draft is not True and post.config.date.created <= datetime.now(timezone.utc)


def created(post: Post) -> datetime:
    return post.config.date.created


def updated(post: Post) -> datetime | None:
    return post.config.date.get("updated")


def author_ids(post: Post) -> tuple[str, ...]:
    return tuple(post.config.authors)


def author_names(post: Post) -> tuple[str, ...]:
    return tuple(author.name for author in post.authors)


def category_names(post: Post) -> tuple[str, ...]:
    """A post's categories as its front matter names them."""
    return tuple(post.config.categories)


def category_titles(post: Post) -> list[str]:
    """A post's categories as its category pages title them."""
    return [category.title for category in post.categories]
