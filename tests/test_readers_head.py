"""What every page tells search engines and link previews, read from the built HTML."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from bs4 import BeautifulSoup

from conftest import ROOT, SOURCES, Build, SourcePost, build_variant, post
from sources import author_url

SITE_URL = "https://modern-mindwork.github.io/"


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.head.find("meta", attrs={"property": key}) or page.head.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def site_file(build: Build, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = build.site / urlsplit(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def test_every_page_has_language_description_canonical_and_social_tags(built: Build) -> None:
    for path, page in built.pages().items():
        assert page.html["lang"] == "en", path
        assert meta(page, "description"), path
        for key in ("og:title", "og:description", "og:type", "og:image", "og:image:alt", "twitter:card",
                    "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt"):
            if path == "404.html":
                continue  # no page context: the 404 page has the site's description and no preview
            assert meta(page, key), f"{path}: {key}"
        if path != "404.html":
            canonical = page.head.find("link", rel="canonical")["href"]
            assert canonical == SITE_URL + path.removesuffix("index.html"), path
            assert meta(page, "og:url") == canonical, path
            assert site_file(built, meta(page, "og:image")).is_file(), path


def test_posts_are_articles_with_their_own_description(built: Build) -> None:
    posts = {f"{source.url}index.html": source for source in SOURCES.published_posts}
    for path, page in built.pages().items():
        if path in posts:
            assert meta(page, "og:type") == "article", path
            assert meta(page, "description") == posts[path].meta["description"] == meta(page, "og:description"), path
            assert meta(page, "og:title") == posts[path].title, path
        elif path != "404.html":
            assert meta(page, "og:type") == "website", path


def test_the_default_share_image_ships_at_1200_by_630(built: Build) -> None:
    url = meta(built.page(""), "og:image")
    data = site_file(built, url).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def author_entry(author_id: str) -> dict[str, str]:
    """How JSON-LD names an author: the clinic's team (extra.seo.team_authors) is an Organization."""
    team = SOURCES.config["extra"]["seo"]["team_authors"]
    kind = "Organization" if author_id in team else "Person"
    return {"@type": kind, "name": SOURCES.author_name(author_id), "url": SITE_URL + author_url(author_id)}


@pytest.mark.parametrize("source", SOURCES.published_posts, ids=lambda source: source.url)
def test_every_post_has_a_blog_posting_that_parses(built: Build, source: SourcePost) -> None:
    scripts = built.page(source.url).head.find_all("script", type="application/ld+json")
    postings = [json.loads(script.string) for script in scripts]
    posting = next(data for data in postings if data["@type"] == "BlogPosting")
    url = SITE_URL + source.url
    assert posting["@context"] == "https://schema.org"
    assert posting["headline"] == source.title
    assert posting["description"] == source.meta["description"]
    assert posting["datePublished"] == source.created.isoformat()
    assert posting["dateModified"] == (source.updated or source.created).isoformat()
    assert posting["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert posting["author"] == [author_entry(author) for author in source.authors]
    for author in posting["author"]:
        assert site_file(built, author["url"]).is_file()
    publisher = posting["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == SOURCES.config["site_name"]
    assert site_file(built, publisher["logo"]["url"]).is_file()
    assert site_file(built, posting["image"]["url"]).is_file()


def test_only_posts_carry_a_blog_posting(built: Build) -> None:
    posts = {f"{source.url}index.html" for source in SOURCES.published_posts}
    for path, page in built.pages().items():
        found = page.head.find_all("script", type="application/ld+json")
        assert bool(found) == (path in posts), path


def test_robots_txt_points_at_the_sitemap(built: Build) -> None:
    robots = (built.site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    for source in SOURCES.published_posts:
        assert f"<loc>{SITE_URL}{source.url}</loc>" in sitemap


def test_a_post_image_and_quoted_text_reach_the_head_intact(tmp_path: Path) -> None:
    description = 'A post whose description has "quotes" & an ampersand, to test how the head escapes.'
    build = build_variant(
        tmp_path,
        posts={
            "quoted.md": post(
                "'The \"new\" treatment: 1 < 2 & more'",
                image="../../assets/images/logo-144.png",
                image_alt="The clinic's round logo",
            ).replace(
                "description: A fixture post that the tests build to check how the site treats posts.",
                f"description: '{description}'",  # YAML single quotes: the double quotes stay as they are
            )
        },
    )
    assert build.returncode == 0, build.log
    page = build.page("blog/the-new-treatment-1--2--more")
    assert meta(page, "description") == description
    assert meta(page, "og:title") == 'The "new" treatment: 1 < 2 & more'
    # The post's own image, as its link-preview crop (images.py): the shape of 1200 × 630, never upscaled.
    share = meta(page, "og:image")
    assert share.startswith(SITE_URL + "assets/images/variants/")
    with Image.open(build.site / share.removeprefix(SITE_URL)) as preview, Image.open(ROOT / "docs/assets/images/logo-144.png") as logo:
        assert preview.width <= logo.width and preview.height <= logo.height
        assert abs(preview.width / preview.height - 1200 / 630) < 0.02
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == (str(preview.width), str(preview.height))
    assert meta(page, "og:image:alt") == "The clinic's round logo"
    posting = json.loads(page.head.find("script", type="application/ld+json").string)
    assert posting["image"]["url"] == share


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("extra:\n  seo:\n    share_image: assets/images/missing.png\n",
         "extra.seo.share_image must be the path of a file in docs/, like 'assets/images/share.png', "
         "got 'assets/images/missing.png'"),
        ("extra:\n  seo:\n    share_image_alt: ''\n", "extra.seo.share_image_alt must be a non-empty text, got ''"),
    ],
)
def test_refused_seo_settings_name_the_setting(tmp_path: Path, settings: str, message: str) -> None:
    build = build_variant(tmp_path, settings=settings)
    assert build.returncode == 1
    assert f"ERROR   -  {message}\n" in build.log
