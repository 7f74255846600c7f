"""The site's design as readers meet it, in the real Chromium: reading comfort, the crisis note a
thumb can use, the post's header above the fold, and the flat menu, on phones and desktops.

The figures themselves (characters a line, heights) are printed by `python bench/reading.py`; these
tests hold the rules the design promises, on whatever posts the blog has."""

from __future__ import annotations

import statistics

import pytest
from playwright.sync_api import Browser, Page

from conftest import SOURCES, Build
from test_readers_browser import PAGE_KINDS, VIEWPORTS, open_page

# Characters on each full rendered line of the article's own paragraphs (a paragraph's last line is
# short by nature, so it is left out).
LINE_LENGTHS = """() => {
  const lengths = [];
  for (const paragraph of document.querySelectorAll("article.md-content__inner > p")) {
    const text = paragraph.textContent;
    const range = document.createRange();
    const lines = new Map();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let at = 0; at < node.length; at++) {
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const box = range.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const top = Math.round(box.top);
        lines.set(top, (lines.get(top) || 0) + 1);
      }
    }
    const counts = [...lines.values()];
    if (counts.length > 1 && text.length > 0) lengths.push(...counts.slice(0, -1));
  }
  return lengths;
}"""
BOX = "selector => [...document.querySelectorAll(selector)].map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height, r.top, r.bottom]; })"


def crisis_post(built: Build) -> str:
    """The newest post that opens with the crisis note, found in the built pages."""
    for source in SOURCES.published_posts:
        if built.page(source.url).select_one("article .mm-crisis-note") is not None:
            return source.url
    pytest.skip("no post of the blog shows the crisis note")


def font_px(page: Page, selector: str) -> float:
    return float(page.evaluate("s => getComputedStyle(document.querySelector(s)).fontSize", selector).removesuffix("px"))


@pytest.mark.parametrize(("viewport", "low", "high"), [("phone", 17, 18), ("desktop", 18, 20)])
def test_a_post_reads_at_a_comfortable_size(browser: Browser, served: str, viewport: str, low: int, high: int) -> None:
    page = open_page(browser, served + SOURCES.newest.url, viewport=viewport)
    assert low <= font_px(page, "article.md-content__inner > p") <= high
    page.context.close()


def test_a_post_on_a_desktop_has_60_to_75_characters_a_line(browser: Browser, served: str) -> None:
    # The longest post: a short one may have a single full line, broken early by a long word.
    longest = max(SOURCES.published_posts, key=lambda source: len(source.body))
    page = open_page(browser, served + longest.url, viewport="desktop")
    lengths = page.evaluate(LINE_LENGTHS)
    assert len(lengths) >= 10, f"{longest.url} has too few full lines to measure: {lengths}"
    assert 60 <= statistics.median(lengths) <= 75, sorted(lengths)
    page.context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_notes_are_at_the_bodys_size_and_headings_at_full_contrast(browser: Browser, served: str, viewport: str) -> None:
    page = open_page(browser, served + SOURCES.newest.url, viewport=viewport)
    body = page.evaluate("() => getComputedStyle(document.querySelector('article.md-content__inner > p'))")
    for heading in ("article h1", "article h2"):
        style = page.evaluate("s => { const c = getComputedStyle(document.querySelector(s)); return [c.color, c.fontWeight]; }", heading)
        assert style[0] == body["color"] and int(style[1]) >= 600, heading
    if page.locator("article .admonition").count():
        assert font_px(page, "article .admonition") == float(body["fontSize"].removesuffix("px"))
    assert page.locator("article .headerlink").count() == 0
    page.context.close()


def test_the_crisis_note_is_short_and_each_way_is_a_thumbs_width(browser: Browser, served: str, built: Build) -> None:
    page = open_page(browser, served + crisis_post(built), viewport="phone")
    [(_, height, top, _)] = page.evaluate(BOX, "article .mm-crisis-note")
    assert height <= 210  # about 200 px at 390 px wide
    for width, tall, _, _ in page.evaluate(BOX, "article .mm-crisis-note a"):
        assert width >= 44 and tall >= 44
    first_section = page.evaluate(BOX, "article h2")
    assert first_section and top < first_section[0][2]
    page.context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_footers_crisis_links_are_at_least_24_px(browser: Browser, served: str, viewport: str) -> None:
    page = open_page(browser, served, viewport=viewport)
    boxes = page.evaluate(BOX, ".mm-crisis-line a, .mm-footer-links a, .mm-footer-feed a")
    assert boxes
    for width, height, _, _ in boxes:
        assert width >= 24 and height >= 24
    page.context.close()


def test_a_posts_header_is_above_the_fold_on_a_phone(browser: Browser, served: str) -> None:
    page = open_page(browser, served + SOURCES.newest.url, viewport="phone")
    [(_, _, _, bottom)] = page.evaluate(BOX, "article .mm-post-header")
    assert bottom <= VIEWPORTS["phone"]["height"]
    for part in (".mm-post-header h1", ".mm-byline", ".mm-byline time"):
        assert page.locator(f"article {part}").first.is_visible(), part
    # No second column of the same facts, and no docs-style navigation column.
    assert page.locator(".md-sidebar--post, .md-sidebar--primary").count() == 0
    page.context.close()


def menu_entries() -> list[str]:
    """The titles of the top level of `nav:` in mkdocs.yml, in order."""
    return [next(iter(item)) for item in SOURCES.config["nav"]]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_the_flat_menu_is_on_every_page_and_screen(browser: Browser, served: str, kind: str, viewport: str) -> None:
    page = open_page(browser, served + PAGE_KINDS[kind], viewport=viewport)
    menu = page.locator('nav[aria-label="Site"] a')
    assert [menu.nth(number).inner_text().strip() for number in range(menu.count())] == menu_entries()
    for number in range(menu.count()):
        assert menu.nth(number).is_visible()
        box = menu.nth(number).bounding_box()
        assert box["height"] >= 44
    assert page.locator(".md-footer__link").count() == 0  # no docs-style previous/next
    page.context.close()
