"""Which page carries what: the form, the newest posts, the post header, related reading, the
search record, the writer's problems in `mkdocs serve`, and the head's SEO, as the context each
page's templates read; and the last guard, that every page kept the elements the site adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from . import blog, pictures, seo
from .covers import post_cover
from .messages import shown
from .post_header import post_header, team_members
from .seo import page_seo
from .source_files import source_path

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from .blog import Post
    from .state import BuildState

LATEST_POSTS_ON_HOME = 5


def shows_newsletter(page: Page) -> bool:
    """Posts, the home page and the blog index carry the form, unless front matter says ``newsletter: false``."""
    if page.meta.get("newsletter") is False:
        return False
    return blog.is_post(page) or page.is_homepage or blog.is_blog_index(page)


def unknown_template(page: Page, state: BuildState) -> str | None:
    """A page's ``template:`` that names no template (it would stop MkDocs with a traceback): the
    problem, and the page is built with its default template."""
    template = page.meta.get("template")
    if template is None or (isinstance(template, str) and template in state.templates):
        return None
    page.meta.pop("template")
    return f"template: no template {shown(template)} in overrides/ or the theme"


def searchable(page: Page) -> bool:
    """Posts and pages are in the search index. The home page and the blog's listings (index, archive,
    categories, authors) only repeat their posts, and a page can leave with ``search: {exclude: true}``
    in its front matter, as with Material's own search."""
    if blog.is_listing(page) or page.is_homepage:
        return False
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude") is True)


@dataclass(frozen=True)
class ReadNext:
    """What a post offers at its end: the newer and the older post, and related reading (posts that
    share a category, or the latest posts when none does: ``latest`` says which)."""

    newer: Post | None
    older: Post | None
    posts: list[Post]
    latest: bool


def read_next(page: Page, state: BuildState) -> ReadNext | None:
    """What to read after a post, newest first; None for other pages."""
    if not blog.is_post(page):
        return None
    index, posts = state.related
    key = page.file.src_uri
    newer, older = index.neighbours(key)
    related = index.related(key)
    return ReadNext(
        newer=posts.get(newer) if newer else None,
        older=posts.get(older) if older else None,
        posts=[posts[other] for other in (related or index.latest(key))],
        latest=not related,
    )


def report_error_url(corrections: str | None, page: Page) -> str | None:
    """Where a reader reports an error in a post, or a page whose front matter says ``corrections: true``
    (the editorial policy): ``extra.corrections``, an e-mail with the page named in its subject and body."""
    if corrections is None or not (blog.is_post(page) or page.meta.get("corrections") is True):
        return None
    if not corrections.startswith("mailto:"):
        return corrections
    title = seo.page_title(page) or ""
    where = f"Page: {page.canonical_url}\n\nWhat is wrong, and where:\n" if page.canonical_url else ""
    return f"{corrections}?subject={quote(f'Error in: {title}')}&body={quote(where)}"


def page_context(context: dict[str, Any], page: Page, state: BuildState) -> dict[str, Any]:
    """What a page's templates read beyond Material's own context."""
    context["shows_newsletter"] = shows_newsletter(page)
    if state.serving and page.file.src_uri in state.writer_problems:
        context["writer_problems"] = sorted(state.writer_problems[page.file.src_uri], key=lambda problem: problem.line)
        context["writer_problems_file"] = source_path(page.file, state.config)
    latest = state.posts[:LATEST_POSTS_ON_HOME] if page.is_homepage else None
    context["latest_posts"] = [(post, post_cover(post, state.files)) for post in latest] if latest is not None else None
    header = (
        post_header(page, state.blog, state.files, page.file.src_uri in state.crisis_posts) if blog.is_post(page) else None
    )
    context["post_header"] = header
    # A post's cover at its top; a listing's covers on its excerpts.
    context["cover"] = post_cover(page, state.files) if blog.is_post(page) else None
    context["listing_covers"] = (
        {post.file.src_uri: post_cover(post, state.files) for post in state.posts} if blog.is_listing(page) else {}
    )
    context["read_next"] = read_next(page, state)
    context["team"] = team_members(state.blog) if page.meta.get("template") == "team.html" else None
    if blog.is_profile(page):
        context["author_profile"] = next((member for member in team_members(state.blog) if member.url == page.url), None)
    context["report_error_url"] = report_error_url(state.settings.corrections, page)
    context["seo"] = page_seo(
        page, state.config, state.settings.identity, header, state.files, state.citations.get(page.file.src_uri, ()),
        state.images.by_source,
    )
    return context


def template_context(context: dict[str, Any], template_name: str, state: BuildState) -> dict[str, Any]:
    """What a page without a page of its own reads: the 404 page lists the newest posts."""
    if template_name == "404.html":
        context["latest_posts"] = [(post, None) for post in state.posts[:LATEST_POSTS_ON_HOME]]
    return context


def with_pictures(output: str, page: Page, state: BuildState) -> str:
    """The written page with its raster images responsive (pictures.py); a post's first one loads first."""
    if state.theme is None or not (state.images.by_address or state.images.dimensions):
        return output
    template = state.theme.get_template("partials/picture.html")
    return pictures.with_pictures(
        output, page.url, state.images.by_address, lambda found: template.render(picture=found),
        first_eager=blog.is_post(page), dimensions=state.images.dimensions,
    )


def search_record(page: Page, state: BuildState) -> str:
    """A page's own text for the search index (``overrides/partials/search-record.html``)."""
    team = team_members(state.blog) if page.meta.get("template") == "team.html" else None
    return state.theme.get_template("partials/search-record.html").render(
        page=page, config=state.config, team=team, base_url=get_relative_url(".", page.url)
    )


def count_ids(html: str, reserved: str) -> int:
    """How many elements of a written page carry one of the reserved ids: each ` id="..."` that stands
    inside a tag, not in text (inline code keeps its quotes), and not the end of another attribute's
    name (``data-id``). A linear scan of the whole page: a parser (or a regex over every tag) cost
    seconds on a 1,000-post site."""
    needle, count, start = f'id="{reserved}"', 0, 0
    while (found := html.find(needle, start)) != -1:
        if found > 0 and html[found - 1].isspace() and html.rfind("<", 0, found) > html.rfind(">", 0, found):
            count += 1
        start = found + len(needle)
    return count


def missing_elements(output: str, page: Page) -> list[str]:
    """What a written page lacks of the site's own elements (a template that does not extend main.html
    drops the disclaimer), each as 'the page has N elements with id X, not M'."""
    expected = {
        "disclaimer": 1,
        "newsletter": 1 if shows_newsletter(page) else 0,
        "related": 1 if blog.is_post(page) else 0,
    }
    problems = []
    for reserved, count in expected.items():
        found = count_ids(output, reserved)
        # A listing with more is showing a post's excerpt that takes the id: that post's problem, told on its file.
        if found < count or (found > count and page.file.generated_by is None):
            problems.append(f"the page has {found} elements with id '{reserved}', not {count}")
    return problems
