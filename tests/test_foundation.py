"""The site builds strictly, and its first article reads as the structured article it was."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, SOURCES, Build

SOURCE = Path(__file__).parent / "data" / "ketamine-guide.source.txt"
POST = ROOT / "docs" / "blog" / "posts" / "ketamine-guide.md"
POST_SOURCE = next(source for source in SOURCES.posts if source.path == POST)
# The source's last four paragraphs are the site's newsletter call, tagline, about blurb and
# disclaimer, not the article (see tests/data/README.md).
SITE_PARAGRAPHS = 4


def front_matter(path: Path) -> dict:
    _, header, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(header)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", normalise(paragraph)) if s]


def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").strip().splitlines()


def article_lines() -> list[str]:
    """The article's own lines: the summary without its label, then the body."""
    summary, *body = source_lines()[:-SITE_PARAGRAPHS]
    return [summary.removeprefix("Summary: "), *body]


@pytest.fixture(scope="module")
def post_url() -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", front_matter(POST)["title"].lower()).strip("-")
    return f"blog/{slug}/"


@pytest.fixture(scope="module")
def article(built: Build, post_url: str) -> Tag:
    page = built.page(post_url)
    found = page.select_one("article.md-content__inner")
    assert found is not None
    return found


def links_to(page: BeautifulSoup, page_url: str, target_url: str, site_url: str = "https://x.test/") -> bool:
    base = urljoin(site_url, page_url)
    return any(urljoin(base, a["href"]) == urljoin(site_url, target_url) for a in page.find_all("a", href=True))


def test_the_build_writes_nothing_into_docs(built: Build) -> None:
    """A build touches nothing outside its output: the copy it built is still the repository's docs/."""
    copied = built.site.parent
    project = next(path for path in copied.glob("project*") if (path / "docs").is_dir())
    ours = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*") if p.is_file())
    assert theirs == ours


def test_post_has_its_title_and_at_least_eight_sections(article: Tag) -> None:
    assert normalise(article.h1.get_text()).rstrip("¶").strip() == front_matter(POST)["title"]
    assert len(article.find_all("h2")) >= 8


def test_post_has_at_least_eight_lists(article: Tag) -> None:
    assert len(article.find_all(["ul", "ol"])) >= 8


def test_no_paragraph_ending_in_a_colon_is_left_without_its_list(article: Tag) -> None:
    orphans = [
        p.get_text()
        for p in article.find_all("p")
        if normalise(p.get_text()).endswith(":") and getattr(p.find_next_sibling(), "name", None) not in ("ul", "ol")
    ]
    assert orphans == []


def test_routes_of_administration_are_a_list(article: Tag) -> None:
    intro = article.find("p", string=re.compile("administered in several ways:"))
    routes = [normalise(li.get_text()) for li in intro.find_next_sibling("ul").find_all("li")]
    expected = [line for line in source_lines() if " – " in line]
    assert routes == expected
    assert len(routes) == 4


@pytest.mark.parametrize("sentence", [s for line in article_lines() for s in sentences(line)])
def test_every_sentence_of_the_source_is_on_the_page(article: Tag, sentence: str) -> None:
    assert sentence in normalise(article.get_text(" "))


def test_summary_is_the_description_and_the_excerpt(built: Build) -> None:
    summary = article_lines()[0]
    description = front_matter(POST)["description"]
    assert 50 <= len(description) <= 160
    assert summary.startswith(description)
    post_url = POST_SOURCE.url
    excerpts = [(url, e) for url, page in built.listing("blog").items() for e in page.select("article.md-post--excerpt")]
    excerpt = next(e for url, e in excerpts if links_to(e, url, post_url))
    assert summary in normalise(excerpt.get_text(" "))
    assert "Ketamine is rapidly becoming" not in excerpt.get_text()


def test_home_shows_the_tagline_and_links_to_the_newest_posts(built: Build) -> None:
    home = built.page("")
    tagline = "Healing takes time, curiosity, and a deeper kind of listening. Welcome to Modern Mindwork."
    assert tagline in normalise(home.get_text(" "))
    # The five the blog lists first: pinned posts, then the newest.
    for source in SOURCES.listed_posts[:5]:
        assert links_to(home, "", source.url), source.url


def test_about_has_the_blurb_and_links_to_the_post(built: Build, post_url: str) -> None:
    about = built.page("about")
    blurb = source_lines()[-2]
    assert blurb.startswith("Healing isn’t linear.")
    assert blurb in normalise(about.get_text(" "))
    assert links_to(about, "about/", post_url)


def test_blog_index_links_to_every_published_post(built: Build) -> None:
    listing = built.listing("blog")
    for source in SOURCES.published_posts:
        assert any(links_to(page, url, source.url) for url, page in listing.items()), source.url


def test_readme_test_command_is_the_one_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```(?:sh|bash|console)?\n(.+?)\n```", readme)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
