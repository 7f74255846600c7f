"""The writers' report: every post with its authors, its medical review (last, next due, overdue) and its
reading level, and the passages that await the clinic's confirmation. Markdown, for the terminal and
for a CI job's summary (``.ci/writers_report.py`` prints it).

It reads the posts' sources as the build does (the site's front matter reader and Markdown extensions)
but builds nothing, and never fails on a post: a post whose front matter cannot be read is listed as
such (the writers' check says why).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markdown import Markdown

from .blog import Blog
from .dates import as_moment
from .front_matter import read_front_matter
from .image_files import cache_folder
from .images import RASTER_TYPES, ImageCache, ImageError
from .provenance import Passage, read_marks, without_marks
from .reading_level import TARGET, grade
from .review_cycle import Review, review
from .source_files import read_source, repository_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class PostReport:
    """What the report says of one post."""

    path: str
    title: str
    authors: tuple[str, ...]
    reviewer: str | None
    review: Review
    grade: float | None
    draft: bool
    passages: tuple[Passage, ...]
    unreadable: bool = False
    # What a phone (390 CSS pixels, twice as dense) downloads of the post's images, in bytes, and how many.
    image_bytes: int = 0
    images: int = 0


# A picture in a post's Markdown or HTML: ![alt](path "title") or <img src="path">.
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
PHONE_WIDTH = 800


def post_images(path: Path, body: str, cover: object, docs: Path) -> list[Path]:
    """The raster images of docs/ a post shows: its cover and the pictures in its text, each once."""
    found = [cover] if isinstance(cover, str) else []
    found += MARKDOWN_IMAGE.findall(body) + HTML_IMAGE.findall(body)
    images = []
    for link in found:
        if "://" in link or link.startswith(("data:", "/", "#")):
            continue
        target = (path.parent / link.strip()).resolve()
        if target.suffix.lower() in RASTER_TYPES and target.is_file() and target.is_relative_to(docs.resolve()):
            images.append(target)
    return list(dict.fromkeys(images))


def phone_bytes(images: list[Path], cache: ImageCache) -> int:
    """What a phone downloads of these images: for each, the variant its screen picks, in the best format."""
    total = 0
    for image in images:
        try:
            total += cache.processed(image).closest(PHONE_WIDTH).bytes
        except ImageError:
            continue
    return total


def author_names(config: MkDocsConfig, blog: Blog) -> dict[str, str]:
    """Author ids and names from the authors file, or none when it cannot be read."""
    path = blog.authors_file(config.docs_dir)
    text = read_source(path) if path is not None else None
    try:
        found = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return {}
    authors = found.get("authors") if isinstance(found, Mapping) else None
    if not isinstance(authors, Mapping):
        return {}
    return {
        str(key): str(value.get("name", key)) if isinstance(value, Mapping) else str(key) for key, value in authors.items()
    }


def names(ids: object, authors: Mapping[str, str]) -> tuple[str, ...]:
    if not isinstance(ids, list):
        return ()
    return tuple(authors.get(str(author), str(author)) for author in ids)


def post_report(
    path: Path,
    config: MkDocsConfig,
    authors: Mapping[str, str],
    months: int,
    markdown: Markdown,
    today: date,
    cache: ImageCache,
) -> PostReport:
    where = repository_path(str(path), config)
    text = read_source(path) or ""
    read = read_front_matter(text)
    data: dict[str, Any] = read.data if isinstance(read.data, dict) else {}
    body = read.body(text)
    passages = read_marks(body, read.body_line).passages
    title = data.get("title")
    if read.problems or not isinstance(title, str):
        return PostReport(where, path.stem, (), None, review(None, months), None, False, passages, unreadable=True)
    reviewed = as_moment(data.get("last_reviewed"))
    reviewer = data.get("reviewed_by")
    images = post_images(path, body, data.get("image"), Path(config.docs_dir))
    return PostReport(
        path=where,
        title=title,
        authors=names(data.get("authors"), authors),
        reviewer=authors.get(reviewer, reviewer) if isinstance(reviewer, str) and reviewed else None,
        review=review(reviewed.date() if reviewed and isinstance(reviewer, str) else None, months),
        grade=grade(markdown.reset().convert(without_marks(body))),
        draft=data.get("draft") is True or is_scheduled(data, today),
        passages=passages,
        image_bytes=phone_bytes(images, cache),
        images=len(images),
    )


def is_scheduled(data: Mapping[str, Any], today: date) -> bool:
    """A post dated after ``today``: published by the first build after its date, not yet."""
    dates = data.get("date")
    created = as_moment(dates.get("created")) if isinstance(dates, Mapping) else None
    return created is not None and created.date() > today


def post_reports(config: MkDocsConfig, months: int, today: date) -> list[PostReport]:
    """Every post of the blog, in the order of their files."""
    blog = Blog.of(config)
    if blog is None:
        return []
    authors = author_names(config, blog)
    markdown = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    folder = Path(config.docs_dir) / blog.post_dir
    paths = sorted(path for path in folder.rglob("*.md") if path.is_file() and not path.is_symlink())
    cache = ImageCache(cache_folder(config))
    return [post_report(path, config, authors, months, markdown, today, cache) for path in paths]


def cell(text: str) -> str:
    """Text in a Markdown table's cell: its bars and line breaks would end the cell."""
    return " ".join(text.replace("|", "\\|").split())


def review_cell(post: PostReport, today: date) -> str:
    if post.unreadable:
        return "front matter has problems: see the writers' check"
    if post.draft:
        return "draft or scheduled"
    status = post.review.status(today)
    return f"**{status}**" if post.review.overdue(today) else status


def report(posts: Iterable[PostReport], months: int, today: date, *, due_first: bool = False) -> str:
    """The report as Markdown; ``due_first`` opens it with the posts due for review (the deploy's summary)."""
    posts = list(posts)
    due = [post for post in posts if not post.draft and not post.unreadable and post.review.overdue(today)]
    lines = []
    if due_first:
        lines += ["## Posts due for medical review", ""]
        lines += [
            f"- {cell(post.title)} (`{post.path}`): {post.review.status(today)}" for post in due
        ] or ["None: every published post was reviewed in the last "
              f"{months} months."]
        lines.append("")
    lines += [
        "## Writers' report",
        "",
        f"Each post is medically reviewed every {months} months (`extra.review.months` in mkdocs.yml), from its "
        "`last_reviewed` date. Reading level is the Flesch-Kincaid grade of the post's text (without code, tables "
        f"and sources): aim for grade {TARGET} (CONTRIBUTING.md). Images on a phone: how many pictures the post "
        "shows and what a phone downloads of them, as published. None of these ever stops the site from deploying.",
        "",
        "| Post | Authors | Reviewed by | Last review | Next review due | Review | Reading level | Images on a phone |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for post in posts:
        lines.append(
            "| "
            + " | ".join([
                f"{cell(post.title)} (`{post.path}`)",
                cell(", ".join(post.authors)) or "–",
                cell(post.reviewer or "–"),
                post.review.last.isoformat() if post.review.last else "never",
                post.review.due.isoformat() if post.review.due else "now",
                review_cell(post, today),
                f"grade {post.grade:.1f}" if post.grade is not None else "–",
                f"{post.images} ({post.image_bytes / 1024:.0f} KB)" if post.images else "none",
            ])
            + " |"
        )
    lines.append("")
    passages = [(post, passage) for post in posts for passage in post.passages]
    lines += ["## Awaiting the clinic's confirmation", ""]
    if passages:
        lines += [
            "The site's editors wrote these passages (marked `<!-- reconstructed -->` in the post's source); a "
            "clinician of the clinic should read each, correct it if need be, and then remove its two marks.",
            "",
        ]
        lines += [
            f"- `{post.path}:{passage.start}-{passage.end}` ({passage.lines} lines, {cell(passage.note)}): "
            f"{cell(passage.first_line)}"
            for post, passage in passages
        ]
    else:
        lines.append("Nothing: no post holds a passage marked as reconstructed.")
    return "\n".join(lines) + "\n"
