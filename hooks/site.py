"""Modern Mindwork's build hook: decides what the site adds to its pages.

HTML lives in Jinja templates under ``overrides/``; settings live in ``mkdocs.yml``.
This module only decides which data reaches which template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from material.plugins.blog.structure import Post
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

BLOG_PLUGIN = "material/blog"
LATEST_POSTS_ON_HOME = 5


def published_posts(config: MkDocsConfig) -> list[Post]:
    """The blog's posts, newest first, as Material's blog plugin resolved them (drafts excluded)."""
    blog = config.plugins.get(BLOG_PLUGIN)
    if blog is None or not blog.config.enabled:
        return []
    return list(blog.blog.posts)


def latest_posts(config: MkDocsConfig, page: Page) -> list[Post] | None:
    """The newest posts for the home page; None for every other page."""
    if not page.is_homepage:
        return None
    return published_posts(config)[:LATEST_POSTS_ON_HOME]


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation, **kwargs: Any
) -> dict[str, Any]:
    context["latest_posts"] = latest_posts(config, page)
    return context
