"""What the hook knows: of the whole MkDocs run (``Run``), and of one build (``BuildState``).

`mkdocs serve` rebuilds in the same process: each build starts from a new BuildState, made in
on_config, so nothing learnt in one build leaks into the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from markdown import Markdown

from . import blog
from .messages import Problem
from .related import Entry, RelatedIndex
from .search import SearchIndex
from .serve_preview import PreviewCopies
from .image_files import PublishedImages
from .sources import Citation

if TYPE_CHECKING:
    from jinja2 import Environment
    from .blog import Post
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from .settings import SiteSettings


@dataclass
class Run:
    """The MkDocs command this process runs, and what outlives its builds."""

    serving: bool = False
    dirty: bool = False
    # `mkdocs serve` shows a post with problems from a copy outside docs/ (serve_preview.py).
    previews: PreviewCopies = field(default_factory=PreviewCopies)


@dataclass
class BuildState:
    """What one build has learnt, event by event."""

    config: MkDocsConfig
    settings: SiteSettings
    blog: blog.Blog | None
    serving: bool
    # The live site's address (source_files.published_address): posts must not link to it.
    published_site_url: str | None
    # Set in on_env: the theme's templates, and the build's files.
    theme: Environment | None = None
    files: Files | None = None
    # The posts (by source path) that show the crisis note, settled from their whole text.
    crisis_posts: set[str] = field(default_factory=set)
    # The site's raster images and their variants (image_files.py), settled in on_files.
    images: PublishedImages = field(default_factory=PublishedImages)
    # Each post's sources (by source path), read from its rendered footnotes for its JSON-LD.
    citations: dict[str, tuple[Citation, ...]] = field(default_factory=dict)
    # In `mkdocs serve`, each page's problems, for the box above it.
    writer_problems: dict[str, list[Problem]] = field(default_factory=dict)
    # The search index, fed each searchable page as it is written, unless the build is --dirty.
    search: SearchIndex | None = None

    @cached_property
    def posts(self) -> list[Post]:
        """The blog's posts, newest first: the published ones, and in `mkdocs serve` the drafts too.
        Read once, when a page is rendered: by then Material has resolved them (after its on_files)."""
        return self.blog.posts() if self.blog is not None else []

    @cached_property
    def related(self) -> tuple[RelatedIndex, dict[str, Post]]:
        """The related-reading index of this build's posts, and the posts by key."""
        posts = {post.file.src_uri: post for post in self.posts}
        index = RelatedIndex(Entry(key, blog.category_names(post), blog.created(post)) for key, post in posts.items())
        return index, posts

    @cached_property
    def writer_markdown(self) -> Markdown:
        """The Markdown that renders the posts left out of the build, for the content rules."""
        return Markdown(extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs)

    @cached_property
    def templates(self) -> frozenset[str]:
        """Every template in the theme's folders, by the name a page's ``template:`` gives."""
        folders = map(Path, self.config.theme.dirs)
        return frozenset(path.relative_to(folder).as_posix() for folder in folders for path in folder.rglob("*.html"))

    def close(self) -> None:
        """Let go of what the build holds outside memory (its search records)."""
        if self.search is not None:
            self.search, index = None, self.search
            index.close()
