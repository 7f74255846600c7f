"""The blog's listings show each post's opening exactly as before the hook cut their Markdown.

The hook hands Material's listings only a post's opening (hooks/mindwork_site/listings.py), which makes a
1,000-post build about a third faster; these tests hold it to changing nothing a reader sees.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from mindwork_site import listings
from conftest import Build, build_variant, copy_project, post, run_build, text

MORE = "<!-- more -->"
POSTS = {
    "plain.md": post("Plain opening", "An opening about sleep.\n\n<!-- more -->\n\n## Later\n\nThe rest.", created="2025-03-01"),
    "reference.md": post(
        "Reference link",
        "See [the lifeline][988] and a note.[^1]\n\n<!-- more -->\n\n## Later\n\nMore.\n\n"
        "[988]: https://988lifeline.org/\n[^1]: A footnote defined after the opening.",
        created="2025-03-02",
    ),
    "admonition.md": post(
        "Admonition first",
        '!!! note "Before you read"\n\n    A note in the opening.\n\n<!-- more -->\n\n## Later\n\nMore.',
        created="2025-03-03",
    ),
    "fenced.md": post(
        "Fenced opening",
        "```text\n<!-- more -->\n```\n\nStill the opening.\n\n<!-- more -->\n\n## Later\n\nMore.",
        created="2025-03-04",
    ),
    # The check asks for a separator (NO_SEPARATOR below); without one, a listing shows the whole post.
    "no-separator.md": post("No separator", "All of it is the opening.\n\n## Only section\n\nText.", created="2025-03-05")
    .replace("\n\n<!-- more -->\n", "\n"),
    "nested-definition.md": post(
        "Nested definition",
        "See [the guide][g].\n\n<!-- more -->\n\n!!! note\n\n    [g]: https://example.org/guide\n",
        created="2025-03-07",
    ),
    "attributes.md": post(
        "Attributes",
        "An opening with **weight** and a [link](https://example.org/){ .mm-x }.\n\n<!-- more -->\n\nRest.",
        created="2025-03-08",
    ),
    "mention-later.md": post(
        "Mention later", "A calm opening.\n\n<!-- more -->\n\n## Later\n\nSome people think about suicide.", created="2025-03-06",
    ),
}


NO_SEPARATOR = (
    "WARNING -  docs/blog/posts/no-separator.md:13: no '<!-- more -->' line; put one on a line of its own after "
    "the summary paragraph (the blog index shows what is above it)"
)


def built_with_one_warning(build: Build) -> Build:
    """A build of POSTS: the post without a separator is its one warning, and the site is written."""
    assert [line for line in build.log.splitlines() if line.startswith("WARNING")] == [NO_SEPARATOR], build.log
    return build


@pytest.fixture(scope="module")
def listing_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return built_with_one_warning(build_variant(tmp_path_factory.mktemp("listings"), posts=POSTS))


@pytest.fixture(scope="module")
def whole_markdown_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The same posts, built with listings.opening never cutting: the listings exactly as Material renders them."""
    where = tmp_path_factory.mktemp("whole-markdown")
    project = copy_project(where / "project")
    (project / "hooks" / "listings.py").write_text(
        "def opening(markdown: str, separator: str) -> None:\n    return None\n", encoding="utf-8"
    )
    for name, markdown in POSTS.items():
        (project / "docs" / "blog" / "posts" / name).write_text(markdown, encoding="utf-8")
    return built_with_one_warning(run_build(project, where / "site"))


LISTINGS = ("blog", "blog/category/trauma", "blog/archive/2025", "blog/author/modern-mindwork")


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_is_the_html_material_renders_from_the_whole_post(
    listing_site: Build, whole_markdown_site: Build, listing: str
) -> None:
    cut = [str(e) for page in listing_site.listing(listing).values() for e in page.select("article.md-post--excerpt")]
    whole = [str(e) for page in whole_markdown_site.listing(listing).values() for e in page.select("article.md-post--excerpt")]
    assert len(cut) >= 8
    for ours, materials in zip(cut, whole, strict=True):
        assert ours == materials


def opening_on_post_page(page: BeautifulSoup) -> str:
    """The text of a post's article up to its excerpt separator (the whole article if it has none)."""
    article = page.select_one("article.md-content__inner")
    for ignored in article.select(".mm-post-header, .mm-crisis-note, .mm-post-toc, #related, .headerlink, h1"):
        ignored.decompose()
    separator = article.find(string=lambda s: isinstance(s, Comment) and s.strip() == "more")
    if separator is not None:
        for later in list(separator.find_all_next()):
            later.decompose()
        for later in list(separator.find_all_next(string=True)):
            later.extract()
    return text(article)


def excerpts(build: Build) -> dict[str, Tag]:
    """Every excerpt on the blog index, across its pages, by its post's title."""
    return {text(e.select_one("h2")): e for page in build.listing("blog").values() for e in page.select("article.md-post--excerpt")}


def test_every_listing_excerpt_reads_as_the_post_opens(listing_site: Build) -> None:
    shown = excerpts(listing_site)
    for title in ("Plain opening", "Reference link", "Admonition first", "Fenced opening", "Mention later"):
        excerpt = shown[title].select_one(".md-post__content")
        action = excerpt.select_one(".md-post__action")
        assert action is not None, title  # "Continue reading"
        action.decompose()
        for heading in excerpt.select("h2"):
            heading.decompose()
        slug = title.lower().replace(" ", "-")
        assert text(excerpt) == opening_on_post_page(listing_site.page(f"blog/{slug}")), title


def test_references_defined_after_the_opening_still_resolve_in_listings(listing_site: Build) -> None:
    excerpt = excerpts(listing_site)["Reference link"]
    assert excerpt.select_one('a[href="https://988lifeline.org/"]') is not None
    assert "[988]" not in text(excerpt) and "[^1]" not in text(excerpt)


def test_a_post_without_a_separator_is_listed_whole_without_continue_reading(listing_site: Build) -> None:
    excerpt = excerpts(listing_site)["No separator"]
    assert "All of it is the opening." in text(excerpt)
    assert excerpt.select_one(".md-post__action") is None


def test_the_crisis_note_still_reads_the_whole_post(listing_site: Build) -> None:
    assert listing_site.page("blog/mention-later").select_one(".mm-crisis-note") is not None
    assert listing_site.page("blog/plain-opening").select_one(".mm-crisis-note") is None


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Opening.\n\n<!-- more -->\n\nRest.", "Opening.\n\n<!-- more -->\n"),
        ("Opening [link](https://a.example/).\n<!-- more -->\n[x]: https://b.example/", "Opening [link](https://a.example/).\n<!-- more -->\n"),
        ("[Defined][x] here.\n\n[x]: https://b.example/\n\n<!-- more -->\n\nRest.", "[Defined][x] here.\n\n[x]: https://b.example/\n\n<!-- more -->\n"),
    ],
)
def test_an_opening_is_cut_where_nothing_after_it_matters(markdown: str, expected: str) -> None:
    assert listings.opening(markdown, MORE) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "No separator at all.",
        "Uses [a reference][x].\n\n<!-- more -->\n\n[x]: https://b.example/",
        "A note.[^1]\n\n<!-- more -->\n\n[^1]: Defined later.",
        "```\ncode\n```\n\n<!-- more -->\n\nRest.",
        "<div markdown>\n\nInside.\n\n<!-- more -->\n\n</div>",
        "    <!-- more -->\n\nIndented, so not the separator.",
        "Inline <!-- more --> first.\n\n<!-- more -->\n\nRest.",
    ],
)
def test_an_opening_is_left_whole_where_the_rest_could_change_it(markdown: str) -> None:
    assert listings.opening(markdown, MORE) is None
