"""Medical trust on the built site: bylines and author pages, medical review, the crisis note,
related reading, the editorial policy and the editor's note on the first article."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SOURCES, Build, SourcePost, build_variant, post, text
from sources import author_url, parse_post

SITE_URL = "https://modern-mindwork.github.io/"
# A fixture reviewer for the tests only; the site itself lists no invented people.
AUTHORS = (ROOT / "docs/blog/.authors.yml").read_text(encoding="utf-8") + (
    "  fixture-reviewer:\n"
    "    name: Fixture Reviewer\n"
    "    description: A reviewer who exists only in the tests\n"
    "    avatar: assets/images/avatar-modern-mindwork.svg\n"
)
POSTS = {
    "reviewed.md": post(
        "A reviewed post", "Text about grief.", created="2025-02-01", updated="2025-03-05",
        reviewed_by="fixture-reviewer", last_reviewed="2025-03-01",
    ),
    "mentions-suicide.md": post(
        "Talking about it", "An opening.\n\n## First section\n\nMany people have suicidal thoughts at some point.",
        created="2025-02-02",
    ),
    "crisis-off.md": post("A study summary", "## Method\n\nThe study measured suicide risk.", created="2025-02-03", crisis="false"),
    "crisis-on.md": post("Forced note", "## Breathing\n\nNothing in the text needs it.", created="2025-02-04", crisis="true"),
    "plain.md": post("Plain", "## Sleep\n\nBreathing exercises for sleep.", created="2025-02-05"),
    "depression-1.md": post("Depression one", created="2025-01-10", category="Depression"),
    "depression-2.md": post("Depression two", created="2025-01-11", category="Depression"),
}


@pytest.fixture(scope="module")
def trust_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_variant(tmp_path_factory.mktemp("trust"), posts=POSTS, pages={"blog/.authors.yml": AUTHORS})
    assert build.returncode == 0, build.log
    return build


def post_pages(build: Build) -> dict[str, BeautifulSoup]:
    return {path: page for path, page in build.pages().items() if page.select_one(".mm-post-header")}


def test_a_reviewed_post_says_who_reviewed_it_and_when(trust_site: Build) -> None:
    page = trust_site.page("blog/a-reviewed-post")
    review = page.select_one(".mm-review")
    assert text(review) == "Medically reviewed by Fixture Reviewer on March 1, 2025"
    assert review.find("time")["datetime"] == "2025-03-01"
    link = review.find("a")
    assert link.get_text() == "Fixture Reviewer"
    reviewer_page = urljoin(SITE_URL + "blog/a-reviewed-post/", link["href"])
    assert reviewer_page == SITE_URL + "team/#fixture-reviewer"
    assert trust_site.page("team").select_one("#fixture-reviewer h2").get_text() == "Fixture Reviewer"
    byline = text(page.select_one(".mm-byline"))
    assert "Updated March 5, 2025" in byline
    assert page.select_one(".mm-byline time:last-of-type")["datetime"].startswith("2025-03-05")


def test_a_reviewed_post_carries_the_same_facts_in_json_ld(trust_site: Build) -> None:
    page = trust_site.page("blog/a-reviewed-post")
    data = {item["@type"]: item for item in (json.loads(s.string) for s in page.find_all("script", type="application/ld+json"))}
    assert set(data) == {"BlogPosting", "MedicalWebPage"}
    medical = data["MedicalWebPage"]
    assert medical["lastReviewed"] == "2025-03-01"
    assert medical["reviewedBy"] == {"@type": "Person", "name": "Fixture Reviewer", "url": SITE_URL + "team/#fixture-reviewer"}
    assert medical["url"] == SITE_URL + "blog/a-reviewed-post/"
    assert data["BlogPosting"]["dateModified"] == "2025-03-05T00:00:00+00:00"


def test_an_unreviewed_post_claims_no_review(trust_site: Build) -> None:
    page = trust_site.page("blog/plain")
    assert page.select_one(".mm-review") is None
    assert "Medically reviewed" not in page.get_text()
    types = [json.loads(s.string)["@type"] for s in page.find_all("script", type="application/ld+json")]
    assert types == ["BlogPosting"]


@pytest.mark.parametrize(
    ("slug", "shown"),
    [("talking-about-it", True), ("a-study-summary", False), ("forced-note", True), ("plain", False)],
)
def test_the_crisis_note_follows_the_text_and_the_switch(trust_site: Build, slug: str, shown: bool) -> None:
    page = trust_site.page(f"blog/{slug}")
    note = page.select_one(".mm-crisis-note")
    assert (note is not None) == shown
    if note is not None:
        words = text(note)
        for needed in ("Call 988", "Text 988", "Text HOME to 741741", "Call 911", "local emergency number"):
            assert needed in words
        assert {link["href"] for link in note.select("a")} == {"tel:988", "sms:988", "sms:741741", "tel:911"}
        first_section = page.select_one("article h2")
        assert note.sourceline < first_section.sourceline


def test_the_ketamine_guide_shows_the_crisis_note_before_its_first_section(built: Build) -> None:
    page = built.page("blog/ketamine-for-trauma-and-depression-a-guide")
    note = page.select_one("article .mm-crisis-note")
    first_section = page.select_one("article h2")
    assert note is not None and note.sourceline < first_section.sourceline


def expected_related(posts: list[SourcePost], this: SourcePost) -> list[str]:
    """The related-reading rule: up to three other posts that share a category, newest first, or else
    the three latest posts."""
    others = [other for other in posts if other.path != this.path]
    others.sort(key=lambda other: (other.created, f"blog/posts/{other.path.name}"), reverse=True)
    sharing = [other for other in others if set(other.categories) & set(this.categories)]
    return [other.title for other in (sharing or others)[:3]]


def test_related_reading_shares_a_category_newest_first_and_never_itself(trust_site: Build) -> None:
    fixtures = [parse_post(Path(name), markdown) for name, markdown in POSTS.items()]
    posts = [source for source in SOURCES.published_posts + fixtures if source.published]
    pages = post_pages(trust_site)
    assert len(pages) == len(posts)
    for source in posts:
        path = f"{source.url}index.html"
        related = pages[path].select("#related")
        assert len(related) == 1, path
        links = related[0].select(".mm-related__posts a")
        assert [a.get_text() for a in links] == expected_related(posts, source), path
        url = SITE_URL + source.url
        for link in links:
            assert urljoin(url, link["href"]) != url, path


def shows_picture(built: Build, page_path: str, page: BeautifulSoup, picture: str) -> bool:
    """Whether a page shows a picture of docs/: an <img> of it, or (a photo made responsive, images.py)
    one whose srcset holds a copy of what the site publishes at the picture's own address."""
    published = (built.site / picture).read_bytes()
    base = SITE_URL + page_path
    for img in page.find_all("img"):
        candidates = [img.get("src", "")] + [part.split()[0] for part in img.get("srcset", "").split(",") if part.strip()]
        for candidate in candidates:
            target = urljoin(base, candidate).removeprefix(SITE_URL)
            if target == picture or ((built.site / target).is_file() and (built.site / target).read_bytes() == published):
                return True
    return False


def test_bylines_link_to_author_pages_that_list_the_posts(built: Build) -> None:
    for source in SOURCES.published_posts:
        page = built.page(source.url)
        links = page.select(".mm-byline a")
        assert [link.get_text() for link in links[: len(source.authors)]] == [
            SOURCES.author_name(author) for author in source.authors
        ], source.url
        for author_id, link in zip(source.authors, links, strict=False):
            author_path = urljoin(SITE_URL + source.url, link["href"]).removeprefix(SITE_URL)
            assert author_path == author_url(author_id)
            author = built.page(author_path)
            assert SOURCES.authors[author_id]["description"] in text(author)
            assert shows_picture(built, author_path, author, SOURCES.authors[author_id]["avatar"]), author_id
            listed = built.listing(author_path).values()
            assert any(page.find("a", string=re.compile(re.escape(source.title))) for page in listed), source.url


def test_the_team_page_lists_every_author_with_role_and_a_local_avatar(built: Build) -> None:
    team = built.page("team")
    for author_id, author in SOURCES.authors.items():
        member = team.select_one(f"#{author_id}")
        assert member.h2.get_text() == author["name"]
        assert author["description"] in text(member)
        assert not member.img["src"].startswith("http")


def test_the_editorial_policy_is_linked_next_to_privacy_on_every_page(built: Build) -> None:
    for path, page in built.pages().items():
        links = [a.get_text() for a in page.select(".mm-footer-links a")]
        assert links[:2] == ["Privacy", "Editorial policy"], path
    policy = text(built.page("editorial-policy"))
    for needed in ("Medical review", "Updates and corrections", "Not medical advice", "No endorsements"):
        assert needed in policy


def test_the_editors_note_states_the_regulatory_facts(built: Build) -> None:
    article = built.page("blog/ketamine-for-trauma-and-depression-a-guide").select_one("article")
    note = next(a for a in article.select(".admonition") if "Editor’s note" in a.get_text())
    words = text(note)
    for needed in ("approved by the US Food and Drug Administration (FDA) as an anesthetic", "off-label",
                   "esketamine (Spravato)", "treatment-resistant depression", "restricted program (REMS)"):
        assert needed in words


def test_an_author_photo_from_an_avatar_service_is_refused(tmp_path: Path) -> None:
    authors = AUTHORS.replace("avatar: assets/images/avatar-modern-mindwork.svg\n", "avatar: https://avatars.example/u/1\n", 1)
    build = build_variant(tmp_path, pages={"blog/.authors.yml": authors})
    assert build.returncode == 1
    line = authors.split("\n").index("    avatar: https://avatars.example/u/1") + 1
    assert (
        f"WARNING -  docs/blog/.authors.yml:{line}: authors.modern-mindwork.avatar: must be an image file in docs/, "
        "like 'assets/images/authors/modern-mindwork.jpg', got 'https://avatars.example/u/1'\n" in build.log
    )
