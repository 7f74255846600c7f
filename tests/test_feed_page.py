"""The RSS feeds opened in a browser: a page of the site in English (overrides/assets/feed.xsl), saying
what a feed is and how to subscribe, with the feed's address and its items as titles and summaries.

What each page must show comes from the feed itself (titles, links, dates, addresses) and from the
posts' sources (summaries), never from the built page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from conftest import SOURCES, Build, build_variant, copy_project, post, run_build, serve_site
from sources import Sources
from test_readers_browser import AXE, VIEWPORTS, WCAG

RSS_FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml")
ATOM = "{http://www.w3.org/2005/Atom}"
DCTERMS = "{http://purl.org/dc/terms/}"
STYLESHEET = re.compile(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>')
# Chromium adds a banner of its own to every page a stylesheet makes from XML, warning that browsers
# are dropping XSLT: the browser's element, not the page's, and what axe would find on any such page.
BROWSER_BANNER = "xslt-warning-banner"
# The site's palette (what the stylesheet's colours must be), as the browser computes them.
PALETTE = {
    "light": {"page": "rgb(251, 249, 244)", "text": "rgb(29, 39, 37)", "link": "rgb(28, 94, 85)", "band": "rgb(31, 74, 68)"},
    "dark": {"page": "rgb(21, 28, 27)", "text": "rgb(231, 236, 233)", "link": "rgb(143, 208, 195)", "band": "rgb(29, 51, 48)"},
}


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return request.param


@dataclass(frozen=True)
class FeedItem:
    """What the feed says of one post: what its page must show, and the article it must not."""

    title: str
    link: str
    date: str
    article: str


@dataclass(frozen=True)
class Feed:
    title: str
    site: str
    address: str
    items: tuple[FeedItem, ...]


def read_feed(path: Path) -> Feed:
    channel = ET.fromstring(path.read_bytes()).find("channel")
    items = tuple(
        FeedItem(
            title=item.findtext("title"),
            link=item.findtext("link"),
            date=long_date(item.findtext("pubDate")),
            article=BeautifulSoup(item.findtext("description"), "html.parser").get_text(" "),
        )
        for item in channel.iter("item")
    )
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    return Feed(channel.findtext("title"), channel.findtext("link"), self_link.get("href"), items)


def long_date(rfc822: str) -> str:
    """A feed's date as the site writes dates: June 1, 2025."""
    moment = parsedate_to_datetime(rfc822)
    return f"{moment:%B} {moment.day}, {moment.year}"


def summaries(sources: Sources, *, directory_urls: bool = True) -> dict[str, str]:
    """Each published post's summary (its front matter's description), by its URL (``blog/slug/``, or
    ``blog/slug.html`` in a build with ``--no-directory-urls``)."""
    return {
        sources.site_url + (source.url if directory_urls else source.url.rstrip("/") + ".html"): squeeze(source.meta["description"])
        for source in sources.published_posts
    }


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def open_feed(browser: Browser, url: str, scheme: str = "light", viewport: str = "phone") -> tuple[Page, list[str]]:
    """The feed as the browser shows it, with every request the page made. A page made by XSLT replaces
    the XML document, so it is awaited by its <main>, not by the network going quiet."""
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("main")
    return page, requests


def axe_violations(page: Page, tags: list[str]) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        "([tags, banner]) => axe.run({exclude: [[banner]]}, {runOnly: {type: 'tag', values: tags}})", [tags, BROWSER_BANNER]
    )
    return [
        f"{violation['id']}: {node['target']} {node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def page_text(page: Page) -> str:
    """The page's own text, without the browser's banner."""
    return page.evaluate(
        "banner => { const body = document.body.cloneNode(true); body.querySelectorAll(banner).forEach(e => e.remove());"
        " document.documentElement.append(body); const text = body.innerText; body.remove(); return text; }",
        BROWSER_BANNER,
    )


def assert_shows_the_feed(page: Page, feed: Feed, expected_summaries: dict[str, str]) -> None:
    """The page is an English HTML page with the feed's address, a link to the site, and each item as its
    title linked to the post, its date and its post's summary, nothing else."""
    assert page.evaluate("[document.contentType, document.documentElement.lang, document.compatMode]") == [
        "text/html", "en", "CSS1Compat"
    ]
    assert feed.title in page.title()
    assert page.locator("main").count() == 1
    assert page.locator("h1").inner_text() == feed.title
    text = page_text(page)
    assert "A feed is" in text and "feed reader" in text
    address = page.get_by_label("Feed address")
    assert address.get_attribute("readonly") is not None
    assert address.input_value() == feed.address
    assert page.locator(f'main a[href="{feed.site}"]').count() == 1
    shown = page.locator("main ol > li")
    assert shown.count() == len(feed.items) > 0
    for index, item in enumerate(feed.items):
        entry = shown.nth(index)
        title = entry.locator("h3 a")
        assert (title.inner_text(), title.get_attribute("href")) == (item.title, item.link)
        assert entry.locator("time").inner_text() == item.date
        # Its title, date and summary, and nothing more: never the article the feed carries.
        lines = [line for line in entry.inner_text().split("\n") if line.strip()]
        assert lines == [item.title, item.date, expected_summaries[item.link]]
    assert "&lt;" not in text and not re.search(r"</?[a-z]+[ >]", text)
    # The article's own words (each item ends with the site's disclaimer, which the page shows too).
    disclaimer = squeeze(SOURCES.config["extra"]["disclaimer"])
    own_words = [squeeze(item.article).split(disclaimer)[0].strip()[-120:] for item in feed.items]
    assert all(own_words) and not any(words in squeeze(text) for words in own_words)
    # Like every page of the site, it ends with the medical disclaimer and the crisis line.
    footer = page.locator("footer.disclaimer")
    assert "not medical advice" in footer.inner_text()
    assert footer.locator('a[href="tel:988"]').count() == 1 and footer.locator('a[href="sms:988"]').count() == 1


@pytest.mark.parametrize("name", RSS_FEEDS)
def test_each_feed_names_the_sites_stylesheet_beside_it(built: Build, name: str) -> None:
    """Relative to the feed, so the browser loads it from the feed's own origin: the live site, a local
    server, the pull-request preview. The plugin's own stylesheet (partly in French, the article shown
    as escaped HTML) is not published."""
    href = STYLESHEET.search((built.site / name).read_text(encoding="utf-8")).group(1)
    assert not urlsplit(href).scheme and not href.startswith("/")
    published = built.site / urlsplit(urljoin(SOURCES.site_url + name, href)).path.lstrip("/")
    # Rendered from overrides/assets/feed.xsl (a template, for the site's disclaimer and crisis line).
    assert ET.fromstring(published.read_bytes()).tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert not (built.site / "rss.xsl").exists()


@pytest.mark.parametrize("name", RSS_FEEDS)
def test_a_feed_opened_in_a_browser_reads_as_a_page_of_the_site(
    browser: Browser, built: Build, served: str, name: str, scheme: str
) -> None:
    page, requests = open_feed(browser, served + name, scheme)
    assert_shows_the_feed(page, read_feed(built.site / name), summaries(SOURCES))
    assert page.evaluate("document.scripts.length") == 0
    # The feed, its stylesheet and the site's icon: nothing else, and nothing from another origin.
    assert requests[:2] == [served + name, urljoin(served + name, "assets/feed.xsl")]
    assert set(requests[2:]) <= {urljoin(served + name, "assets/images/logo.svg")}
    page.context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", RSS_FEEDS)
def test_axe_finds_no_violation_on_a_feed_page(browser: Browser, served: str, name: str, scheme: str, viewport: str) -> None:
    page, _ = open_feed(browser, served + name, scheme, viewport)
    assert axe_violations(page, [*WCAG, "best-practice"]) == []
    page.context.close()


def test_a_feed_page_has_the_sites_colours_in_both_schemes(browser: Browser, served: str, scheme: str) -> None:
    page, _ = open_feed(browser, served + RSS_FEEDS[0], scheme)
    colours = page.evaluate(
        """() => { const style = selector => getComputedStyle(document.querySelector(selector));
        return {page: style('html').backgroundColor, text: style('main').color, link: style('main li a').color,
                band: style('header').backgroundColor, underline: style('main li a').textDecorationLine,
                size: style('body').fontSize}; }"""
    )
    assert colours == {**PALETTE[scheme], "underline": "underline", "size": "18px"}
    page.context.close()


def test_every_control_of_a_feed_page_shows_its_focus(browser: Browser, served: str, scheme: str) -> None:
    page, _ = open_feed(browser, served + RSS_FEEDS[0], scheme)
    page.evaluate(f"document.querySelectorAll('{BROWSER_BANNER}').forEach(e => e.remove())")
    stops = page.locator("main a[href], main input").count()
    focused = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.outerHTML.slice(0, 80), s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }"""
        ))
    assert len({html for html, _ in focused}) == stops
    assert [html for html, visible in focused if not visible] == []
    page.context.close()


# What a writer may put in a title or a summary that must reach the page as text: an ampersand, a "<",
# quotes, and a post dated on the first of a month (no leading zero in the date shown).
TRICKY_TITLE = 'Care & recovery: when 3 < 5 "sessions" help'
TRICKY = {
    "care-and-recovery.md": post(
        f"'{TRICKY_TITLE}'",
        created="2025-03-01",
        category="Integration",
    ).replace(
        "description: A fixture post that the tests build to check how the site treats posts.",
        "description: 'Why care & recovery take time, what \"integration\" means, and when 3 < 5 sessions help.'",
    ),
}


def test_titles_and_summaries_with_markup_characters_are_shown_as_written(browser: Browser, tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts=TRICKY)
    assert build.returncode == 0, build.log
    sources = Sources(tmp_path / "project")
    with serve_site(build.site) as base:
        for name in RSS_FEEDS:
            page, _ = open_feed(browser, f"{base}/{name}")
            feed = read_feed(build.site / name)
            assert TRICKY_TITLE in [item.title for item in feed.items]
            assert_shows_the_feed(page, feed, summaries(sources))
            assert axe_violations(page, WCAG) == []
            page.context.close()


def test_the_preview_built_without_directory_urls_shows_the_feed_page(browser: Browser, tmp_path: Path) -> None:
    """The pull-request preview (`mkdocs build --no-directory-urls`), served as its summary says."""
    project = copy_project(tmp_path / "project")
    build = run_build(project, tmp_path / "preview", extra_args=["--no-directory-urls"])
    assert build.returncode == 0, build.log
    with serve_site(build.site) as base:
        for name in RSS_FEEDS:
            page, requests = open_feed(browser, f"{base}/{name}")
            assert_shows_the_feed(page, read_feed(build.site / name), summaries(Sources(project), directory_urls=False))
            assert all(urlsplit(url).netloc == urlsplit(base).netloc for url in requests)
            page.context.close()
