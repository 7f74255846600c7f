"""What the feeds say of each post, gathered from the build for ``feeds.py`` to write.

mkdocs-rss-plugin writes the feed files; after the build the site rewrites each item from its post
(see feeds.py). This module knows where the plugin wrote them, what each published post contributes
(summary, dates, authors, image, crisis note), and the one value the plugin must be handed before it
reads a post.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from . import blog, feeds
from .images import SITE_FOLDER

if TYPE_CHECKING:
    from .blog import Post
    from .images import Processed
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from .state import BuildState

RSS_PLUGIN = "rss"


@dataclass(frozen=True)
class FeedFiles:
    """The feeds mkdocs-rss-plugin writes, as file names below the site, and their public URLs."""

    rss_created: str
    rss_updated: str
    json_created: str
    json_updated: str
    rss: str
    json: str


def feed_files(config: MkDocsConfig) -> FeedFiles | None:
    """The feed files the RSS plugin writes, or None when it is off."""
    rss = config.plugins.get(RSS_PLUGIN)
    if rss is None or not rss.config.enabled:
        return None
    names = rss.config.feeds_filenames
    site_url = config.site_url or "/"
    return FeedFiles(
        rss_created=names.rss_created,
        rss_updated=names.rss_updated,
        json_created=names.json_created,
        json_updated=names.json_updated,
        rss=site_url + names.rss_created,
        json=site_url + names.json_created,
    )


def dated_for_feeds(meta: dict[str, Any]) -> None:
    """The feed plugin dates a post that was never updated by the build's clock, which put every such
    post ahead of those really updated and could leave those out of the 20 items of the "updated"
    feeds. A post never updated was last changed when it was written: its front matter says so here."""
    dates = meta.get("date")
    if isinstance(dates, dict) and dates.get("updated") is None:
        meta["date"] = {**dates, "updated": dates.get("created")}


def image_source(post: Post) -> str | None:
    """The source path (below docs/) of a post's ``image``, a path relative to the post."""
    image = post.meta.get("image")
    if not isinstance(image, str):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(post.file.src_uri), image.strip()))


def post_image(
    post: Post, files: Files, site_url: str, images: Mapping[str, Processed] | None = None, *, share: bool = False
) -> feeds.Image | None:
    """A post's ``image`` as a feed enclosure (a medium variant, 800 pixels wide, in its own format) or,
    with ``share``, as its link preview (the 1200 × 630 crop); the file itself when it has no variants."""
    source = image_source(post)
    file = files.get_file_from_path(source) if source is not None else None
    if file is None or not file.abs_src_path:
        return None
    processed = (images or {}).get(source)
    if processed is not None:
        variant = processed.share if share else processed.closest(800, processed.published.format)
        url = f"{site_url}{SITE_FOLDER}/{variant.name}"
        return feeds.Image(url, variant.media_type, variant.bytes, variant.width, variant.height)
    media_type = mimetypes.guess_type(source)[0] or "application/octet-stream"
    return feeds.Image(site_url + file.url, media_type, os.path.getsize(file.abs_src_path))


def feed_entries(
    posts: list[Post],
    files: Files,
    site_url: str,
    crisis_note: str,
    with_crisis_note: Collection[str],
    images: Mapping[str, Processed] | None = None,
) -> dict[str, feeds.Entry]:
    """What the feeds say of each published post, by its URL: Material's own reading of its front
    matter; ``with_crisis_note`` holds the posts (by source path) that open with the crisis note."""
    return {
        post.canonical_url: feeds.Entry(
            url=post.canonical_url,
            summary=str(post.meta.get("description", "")),
            created=blog.created(post),
            updated=blog.updated(post) or blog.created(post),
            authors=blog.author_names(post),
            categories=blog.category_names(post),
            image=post_image(post, files, site_url, images),
            header=crisis_note if post.file.src_uri in with_crisis_note else "",
        )
        for post in posts
        if blog.is_published(post)
    }


def rewrite_feeds(
    site_dir: Path, files: FeedFiles, entries: dict[str, feeds.Entry], footer: str, publisher: str = ""
) -> None:
    """Rewrite each feed the plugin wrote, in place (see feeds.py); ``publisher`` is the site's name."""
    json_feed = partial(feeds.rewrite_json, publisher=publisher)
    rewrites = (
        (files.rss_created, feeds.rewrite_rss, False),
        (files.rss_updated, feeds.rewrite_rss, True),
        (files.json_created, json_feed, False),
        (files.json_updated, json_feed, True),
    )
    for name, rewrite, by_update in rewrites:
        path = site_dir / name
        if not path.is_file():
            continue
        try:
            text = rewrite(path.read_text(encoding="utf-8"), entries, footer, by_update=by_update)
        except feeds.FeedError as error:
            raise PluginError(f"{name}: {error}") from None
        path.write_text(text, encoding="utf-8")


def write_feeds(state: BuildState) -> None:
    """After the build: every feed item rewritten from its post, with the site's crisis note and footer."""
    if state.settings.feeds is None or state.theme is None or state.files is None:
        return
    crisis_note, footer = (
        state.theme.get_template(name).render(site_settings=state.settings)
        for name in ("partials/feed-crisis-note.html", "partials/feed-footer.html")
    )
    site_url = state.config.site_url or "/"
    entries = feed_entries(state.posts, state.files, site_url, crisis_note, state.crisis_posts, state.images.by_source)
    rewrite_feeds(Path(state.config.site_dir), state.settings.feeds, entries, footer, state.config.site_name or "")
