"""What a post says under its title, and who the people named on the site are.

The byline, the medical review and whether readers need the crisis note first, for
``overrides/partials/post-header.html``; the team (the authors file's authors), for ``team.html``
and the authors' profile pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from . import blog
from .dates import as_moment

if TYPE_CHECKING:
    from .blog import Post
    from mkdocs.structure.files import Files

# The page that lists every author: where a reviewer who has written no post yet is linked to.
TEAM_PAGE = "team.md"


@dataclass(frozen=True)
class Credit:
    """A person (or the clinic's team) named on a post, and the page that says who they are."""

    id: str
    name: str
    url: str | None


@dataclass(frozen=True)
class PostHeader:
    """What a post says under its title: who wrote it, who reviewed it and when, and whether readers
    need the crisis note first."""

    authors: tuple[Credit, ...]
    created: datetime
    updated: datetime | None
    reviewer: Credit | None
    reviewed: datetime | None
    crisis: bool
    # The post's description, shown under its title, unless the text opens with the same words.
    summary: str | None = None


def author_credit(author_id: str, site_blog: blog.Blog, files: Files | None) -> Credit | None:
    """An author's name and page: their profile if Material made one (they wrote a post), else the team page."""
    author = site_blog.authors.get(author_id)
    if author is None:
        return None
    if author.url:
        return Credit(author_id, author.name, author.url)
    team = files.get_file_from_path(TEAM_PAGE) if files is not None else None
    return Credit(author_id, author.name, f"{team.url}#{author_id}" if team is not None else None)


def post_header(post: Post, site_blog: blog.Blog, files: Files | None, crisis: bool) -> PostHeader:
    """The facts shown under a post's title (see PostHeader); ``crisis`` is whether it shows the crisis note."""
    reviewer_id = post.meta.get("reviewed_by")
    reviewed = as_moment(post.meta.get("last_reviewed"))
    return PostHeader(
        authors=tuple(credit for author_id in blog.author_ids(post) if (credit := author_credit(author_id, site_blog, files))),
        created=blog.created(post),
        updated=blog.updated(post),
        reviewer=author_credit(reviewer_id, site_blog, files) if isinstance(reviewer_id, str) and reviewed else None,
        reviewed=reviewed if isinstance(reviewer_id, str) else None,
        crisis=crisis,
        summary=summary(post.meta.get("description"), post.markdown),
    )


def summary(description: object, markdown: str) -> str | None:
    """A post's description as the summary under its title; None when its text opens with it (a
    reader would read the same sentence twice)."""
    if not isinstance(description, str) or not description.strip():
        return None
    words = " ".join(description.split())
    return None if " ".join(markdown.lstrip().split()).startswith(words) else words


def team_members(site_blog: blog.Blog | None) -> list[blog.Author]:
    """Everyone in docs/blog/.authors.yml, in its order, with their profile page if they wrote a post."""
    return list(site_blog.authors.values()) if site_blog is not None else []
