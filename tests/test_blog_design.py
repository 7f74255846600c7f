"""A blog's pages, read from the real build with a parser: what to read after a post (the newer and
the older post, related reading that falls back to the latest posts), the home page's cards with
their covers, the 404 page that helps a reader on, the post's summary, and the clinic's contact."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import SOURCES, Build, build_variant, copy_project, post, run_build, text
from sources import SourcePost, parse_post

SITE = "https://x.test/"
# Three fixture posts: two share a category, one shares none with any other post.
POSTS = {
    "first-steps.md": post("First steps in trauma care", created="2024-03-01", category="Trauma"),
    "sleep-and-mood.md": post("Sleep and mood", created="2024-05-01", category="Integration",
                              image="../../assets/images/posts/cover-test.png", image_alt="A quiet room at dusk"),
    "after-a-session.md": post("After a session", created="2024-07-01", category="Trauma"),
}
COVER = (640, 360)


def cover_png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", COVER, (200, 210, 205)).save(picture, "PNG")
    return picture.getvalue()


@pytest.fixture(scope="module")
def blog_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site with the fixture posts, one with a cover image (a PNG made here)."""
    where = tmp_path_factory.mktemp("blog-design")
    project = copy_project(where / "project")
    images = project / "docs" / "assets" / "images" / "posts"
    images.mkdir(parents=True, exist_ok=True)
    (images / "cover-test.png").write_bytes(cover_png())
    for name, markdown in POSTS.items():
        (project / "docs" / "blog" / "posts" / name).write_text(markdown, encoding="utf-8")
    build = run_build(project, where / "site")
    assert build.returncode == 0, build.log
    return build


def published() -> list[SourcePost]:
    """Every post the fixture site publishes, newest first, from the sources."""
    fixtures = [parse_post(Path(name), markdown) for name, markdown in POSTS.items()]
    posts = [source for source in SOURCES.published_posts + fixtures if source.published]
    return sorted(posts, key=lambda source: (source.created, f"blog/posts/{source.path.name}"), reverse=True)


def target(page_url: str, href: str) -> str:
    return urljoin(urljoin(SITE, page_url), href).removeprefix(SITE)


def test_each_post_links_the_newer_and_the_older_post(blog_site: Build) -> None:
    posts = published()
    for number, source in enumerate(posts):
        block = blog_site.page(source.url).select_one("#related")
        newer = block.select_one(".mm-related__newer a")
        older = block.select_one(".mm-related__older a")
        expected_newer = posts[number - 1] if number > 0 else None
        expected_older = posts[number + 1] if number + 1 < len(posts) else None
        assert (target(source.url, newer["href"]) if newer else None) == (expected_newer.url if expected_newer else None)
        assert (target(source.url, older["href"]) if older else None) == (expected_older.url if expected_older else None)


def test_related_reading_falls_back_to_the_latest_posts(blog_site: Build) -> None:
    posts = published()
    for source in posts:
        block = blog_site.page(source.url).select_one("#related")
        sharing = [other for other in posts if other is not source and set(other.categories) & set(source.categories)]
        expected = (sharing or [other for other in posts if other is not source])[:3]
        listed = [target(source.url, link["href"]) for link in block.select(".mm-related__posts a")]
        assert listed == [other.url for other in expected], source.url
        heading = text(block.select_one("#related-posts-heading"))
        assert heading == ("Related reading" if sharing else "Latest articles")


def test_the_home_page_shows_the_latest_posts_as_cards(blog_site: Build) -> None:
    home = blog_site.page("")
    assert any(card.select_one("img") for card in home.select(".mm-card")), "the fixture's cover is shown"
    cards = home.select(".mm-card")
    listed = published()
    assert len(cards) == min(5, len(listed))
    for card in cards:
        link = card.select_one(".mm-card__title a")
        source = next(source for source in listed if source.url == target("", link["href"]))
        assert text(link) == source.title
        assert text(card.select_one(".mm-card__summary")) == " ".join(source.meta["description"].split())
        assert card.select_one("time")["datetime"] == source.created.date().isoformat()
        cover = card.select_one("img")
        if source.meta.get("image"):
            # The post's image file, as the site publishes it (a copy of the one in docs/).
            with Image.open(blog_site.site / target("", cover["src"])) as picture:
                assert (int(cover["width"]), int(cover["height"])) == picture.size
            assert cover["alt"] == source.meta["image_alt"]
        else:
            assert cover is None


def test_the_404_page_helps_a_reader_on(blog_site: Build) -> None:
    page = BeautifulSoup((blog_site.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    main = page.select_one("article")
    # MkDocs renders the 404 page for the site's root, with absolute links: it answers any address.
    links = {urljoin(SITE + "any/where/", a["href"]).removeprefix(SITE) for a in main.select("a[href]")}
    assert {"", "blog/"} <= links
    # The five the blog lists first: pinned posts, then the newest.
    for source in sorted(published(), key=lambda source: (source.pinned, source.created), reverse=True)[:5]:
        assert source.url in links
    assert main.select_one(".mm-search-page") is not None
    assert main.select_one(".mm-crisis-line a[href='tel:988']") is not None


def test_a_posts_summary_is_its_description_unless_its_text_opens_with_it(blog_site: Build) -> None:
    for source in published():
        header = blog_site.page(source.url).select_one(".mm-post-header")
        summary = header.select_one(".mm-post-header__summary")
        description = " ".join(source.meta["description"].split())
        opens_with_it = " ".join(source.body.split()).startswith(description)
        assert (summary is None) == opens_with_it, source.url
        if summary is not None:
            assert text(summary) == description


def test_no_contact_is_shown_unless_the_clinic_sets_one(built: Build) -> None:
    assert "contact" not in (SOURCES.config.get("extra") or {})
    assert "Contact the clinic" not in built.page("").get_text()


@pytest.mark.parametrize(
    ("value", "href"),
    [("hello@clinic.example", "mailto:hello@clinic.example"), ("https://clinic.example/contact", "https://clinic.example/contact"),
     ("privacy.md", "../privacy/")],
)
def test_a_contact_the_clinic_sets_is_in_every_footer(tmp_path: Path, value: str, href: str) -> None:
    build = build_variant(tmp_path, settings=f"extra:\n  contact: {value}\n")
    assert build.returncode == 0, build.log
    link = next(a for a in build.page("about").select(".md-footer a") if text(a) == "Contact the clinic")
    assert link["href"] == href


def test_a_contact_that_is_no_address_is_one_line(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings="extra:\n  contact: call us on Monday\n")
    assert build.returncode == 1
    problems = [line for line in build.log.splitlines() if "extra.contact" in line]
    assert len(problems) == 1 and "must be an e-mail address" in problems[0], build.log
    assert "Traceback" not in build.log
