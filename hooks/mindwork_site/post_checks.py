"""Every post checked before Material's blog reads it: its front matter, its text and its address.

A post whose front matter has a problem is removed from the build, so one bad post gives clear lines
instead of stopping the build at Material's first error; `mkdocs serve` shows it anyway, from a copy
with front matter Material can read (serve_preview.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import writing
from .blog import excerpt_separator
from .content_policy import check_content
from .dates import as_moment
from .front_matter import FrontMatter, read_front_matter
from .messages import Problem
from .provenance import read_marks
from .sources import footnote_problems
from .post_fields import Contract, check_post
from .source_files import read_source, source_path, writer_text

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from .state import BuildState, Run

# A post's file name, and the longest address a post's title or slug may make (a file name has 255 bytes).
POST_FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")
MAX_SLUG = 100
# The narrowest cover a link preview (1200 × 630) and the post's top take without upscaling.
COVER_WIDTH = 1200


def post_contract(state: BuildState) -> Contract:
    """What a post may name: the blog's authors and categories, and the site's own page templates
    (they extend main.html, and so keep the disclaimer)."""
    custom_dir = Path(state.config.theme.custom_dir or ".")
    return Contract(
        authors={author_id: author.name for author_id, author in state.blog.authors.items()},
        categories=state.blog.categories_allowed,
        templates=frozenset(path.name for path in custom_dir.glob("*.html") if path.name != "main.html"),
    )


def rendered_problems(text: str, read: FrontMatter, state: BuildState) -> list[Problem]:
    """The content rules on a post's text that will not be built (its front matter has problems),
    rendered with the site's Markdown extensions, so one build reports every problem of a post."""
    html = state.writer_markdown.reset().convert(read.body(text))
    findings = check_content(html, excerpt_separator(state.config))
    return [Problem(writing.line_of(text, finding.needles, read.body_line), finding.text) for finding in findings] + [
        Problem(writing.line_of(text, [needle], read.body_line), problem) for needle, problem in footnote_problems(html)
    ]


def post_problems(file: File, text: str, state: BuildState, allowed: Contract) -> tuple[list[Problem], FrontMatter]:
    """Every problem of one post (``text``) found before it is built: its front matter, then its text."""
    read = check_post(text, Path(file.abs_src_path).parent, Path(state.config.docs_dir), allowed)
    if not read.text_found:
        return read.problems, read
    lines = list(writing.prose_lines(read.body(text), read.body_line))
    if bombs := writing.structure_problems(lines):
        # Not built at all: Markdown would fail on it with a traceback, or take minutes.
        problems = sorted([*read.problems, *bombs], key=lambda problem: problem.line)
        return problems, replace(read, problems=problems)
    separator = excerpt_separator(state.config)
    problems = read.problems + writing.check_text(
        lines, read.body_line, separator=separator, site_url=state.published_site_url
    )
    problems += [Problem(line, text) for line, text in read_marks(read.body(text), read.body_line).problems]
    if not POST_FILE_NAME.fullmatch(Path(file.src_uri).name):
        problems.append(Problem(1, "file name: name the file in lowercase words joined by '-', like grief-and-the-body.md"))
    if read.problems and not state.serving:
        problems += rendered_problems(text, read, state)
    return sorted(problems, key=lambda problem: problem.line), read


def address_problem(read: FrontMatter, where: str, state: BuildState, seen: dict[str, str]) -> Problem | None:
    """A post's address, as Material makes it from its `slug:` or its title, must exist, stay short
    enough for a file name, and be its own: a second post at the same address would replace the first."""
    data = read.data or {}
    found = state.blog.slug(data)
    dates = data.get("date")
    created = as_moment(dates.get("created")) if isinstance(dates, Mapping) else None
    if found is None or not state.blog.builds(data, created):
        return None  # a draft or a scheduled post takes no address in this build
    slug, field = found
    line = read.line(field)
    if not slug.strip("-. "):
        return Problem(line, f"{field}: gives the post no address (it has no letters or digits); add a line like slug: my-post")
    if len(slug) > MAX_SLUG:
        shorter = "-".join(slug.split("-")[:6])
        return Problem(line, f"{field}: makes an address of {len(slug)} characters; add a shorter one, like slug: {shorter}")
    if slug in seen:
        return Problem(
            line, f"{field}: gives the same address (blog/{slug}/) as {seen[slug]}; change the title or add a line "
            f"like slug: {slug}-2",
        )
    seen[slug] = where
    return None


def check_posts(files: Files, state: BuildState, run: Run) -> list[str]:
    """Every post's problems, one line each. A post whose front matter has any is removed from the
    build; `mkdocs serve` shows it anyway, from a copy with front matter Material can read."""
    if state.blog is None:
        return []
    allowed, config = post_contract(state), state.config
    lines: list[str] = []
    addresses: dict[str, str] = {}
    for file in sorted(files.documentation_pages(), key=lambda file: file.src_uri):
        if not file.src_uri.startswith(state.blog.post_dir):
            continue
        text = read_source(file.abs_src_path)
        problems, read = (
            post_problems(file, text, state, allowed)
            if text is not None
            else ([Problem(1, "the file is not UTF-8 text; save it as UTF-8")], None)
        )
        where = source_path(file, config)
        address = address_problem(read, where, state, addresses) if read is not None and not read.problems else None
        if address is not None:
            problems = sorted([*problems, address], key=lambda problem: problem.line)
        lines += [f"{where}:{problem.line}: {problem.text}" for problem in problems]
        if read is not None and not problems and (note := cover_note(file, read, state)):
            state.images.notes.append(f"{where}:{note.line}: {note.text}")
        if state.serving and problems:
            state.writer_problems[file.src_uri] = problems
        if read is None or read.data is None or read.problems or address is not None:
            files.remove(file)
            if state.serving and text is not None and read is not None:
                preview = run.previews.add(file, text, read, allowed, config.site_dir, config.use_directory_urls)
                if preview is not None:
                    files.append(preview)
    return lines


def cover_note(file: File, read: FrontMatter, state: BuildState) -> Problem | None:
    """A note (never a failure) for a post whose cover is too narrow for link previews and wide screens."""
    image = (read.data or {}).get("image")
    if not isinstance(image, str):
        return None
    source = posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), image.strip()))
    found = state.images.by_source.get(source)
    if found is None or found.width >= COVER_WIDTH:
        return None
    return Problem(
        read.line("image"),
        f"note: image: the cover is {found.width} pixels wide; link previews and wide screens want at least "
        f"{COVER_WIDTH}: use a larger picture if you have one",
    )


def page_problems(html: str, page: Page, state: BuildState) -> list[Problem]:
    """The content rules on a page's rendered HTML, each problem on its line of the writer's own file."""
    findings = check_content(html, excerpt_separator(state.config))
    sources = footnote_problems(html)
    if not findings and not sources:
        return []
    source = writer_text(page.file, state.config)
    body_line = read_front_matter(source).body_line
    return [Problem(writing.line_of(source, finding.needles, body_line), finding.text) for finding in findings] + [
        Problem(writing.line_of(source, [needle], body_line), problem) for needle, problem in sources
    ]
