"""Readers in the real Chromium: every page kind accessible (axe, WCAG 2.2 AA) in both colour schemes,
usable with the keyboard alone, and loading nothing from any other origin."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page

from conftest import SOURCES, build_variant, post, serve_site
from sources import archive_url, author_url, category_url

# Every kind of page the site builds; the post and its listings are the newest post's.
PAGE_KINDS = {
    "home": "",
    "blog index": "blog/",
    "post": SOURCES.newest.url,
    "category": category_url(SOURCES.newest.categories[0]),
    "archive": archive_url(SOURCES.newest),
    "author": author_url(SOURCES.newest.authors[0]),
    "about": "about/",
    "privacy": "privacy/",
    "editorial policy": "editorial-policy/",
    "team": "team/",
    "404": "404.html",
}
# axe-core as the package ships it: nothing is downloaded at test time.
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return request.param


def open_page(browser: Browser, url: str, *, scheme: str = "light", viewport: str = "phone") -> Page:
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def axe_violations(page: Page, tags: list[str]) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [
        f"{violation['id']}: {node['target']} {node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_axe_finds_no_wcag_violation(browser: Browser, served: str, kind: str, scheme: str, viewport: str) -> None:
    page = open_page(browser, served + PAGE_KINDS[kind], scheme=scheme, viewport=viewport)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    assert axe_violations(page, WCAG) == []
    page.context.close()


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_axe_best_practices_pass_too(browser: Browser, served: str, kind: str) -> None:
    """Material's defaults fail these (the search dialog's name, duplicate landmarks): overridden."""
    page = open_page(browser, served + PAGE_KINDS[kind], viewport="desktop")
    assert axe_violations(page, ["best-practice"]) == []
    page.context.close()


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_request_leaves_the_site(browser: Browser, served: str, kind: str) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(served + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    origin = urlsplit(served).netloc
    elsewhere = [url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]
    assert requests and elsewhere == []
    context.close()


FOCUSABLE = """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest('[hidden], [aria-hidden=true], [inert]'))
  // What a closed disclosure holds is reached once it is opened (its summary is the tab stop).
  .filter(e => !e.closest('details:not([open]) > :not(summary)'))
  // A radio group (the colour-scheme toggle) is one tab stop: its checked button.
  .filter(e => e.type !== 'radio' || e === (document.querySelector(`input[name="${e.name}"]:checked`)
                                           || document.querySelector(`input[name="${e.name}"]`)))
  .filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                 return (r.width > 0 && r.height > 0 || e.classList.contains('md-option')) && s.visibility !== 'hidden'; })
  .map((e, i) => { e.dataset.kbd = i; return `${i}: ${e.outerHTML.slice(0, 100)}`; })"""
FOCUSED = """() => { const e = document.activeElement;
  const shown = x => { const s = getComputedStyle(x); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; };
  const target = e.classList.contains('md-option') ? e.nextElementSibling : e;
  return {html: `${e.dataset.kbd}: ${e.outerHTML.slice(0, 100)}`, visible: shown(target), skip: e.classList.contains('md-skip')}; }"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_control_is_reachable_by_keyboard_with_visible_focus(browser: Browser, served: str, viewport: str) -> None:
    page = open_page(browser, served + PAGE_KINDS["post"], viewport=viewport)
    expected = set(page.evaluate(FOCUSABLE))
    reached, invisible = set(), []
    for _ in range(len(expected) * 2 + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["skip"] and reached:
            break  # back at the start: every stop has been visited
        if focused["html"].startswith("undefined: <body"):
            continue  # focus passed to the browser's own controls, between the last stop and the first
        reached.add(focused["html"].split(":", 1)[0])
        if not focused["visible"] and "md-search__scrollwrap" not in focused["html"]:
            invisible.append(focused["html"])
    assert {html for html in expected if html.split(":", 1)[0] not in reached} == set()
    assert invisible == []
    page.context.close()


def test_the_skip_link_comes_first_and_moves_to_the_content(browser: Browser, served: str) -> None:
    page = open_page(browser, served + PAGE_KINDS["post"])
    page.keyboard.press("Tab")
    skip = page.evaluate("({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert skip["text"] == "Skip to content"
    box = page.locator(".md-skip").bounding_box()
    assert box is not None and box["width"] > 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == skip["href"]
    target = page.locator(skip["href"])
    assert target.count() == 1
    assert target.evaluate("e => e.closest('main') !== null")
    page.context.close()


def test_a_printed_post_has_the_article_its_address_date_and_disclaimer_and_no_controls(browser: Browser, served: str) -> None:
    page = open_page(browser, served + PAGE_KINDS["post"], viewport="desktop")
    page.emulate_media(media="print")
    hidden = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", "#newsletter",
              "form.md-header__option", ".md-footer"]
    for selector in hidden:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    printed = page.locator(".mm-print-only")
    assert printed.is_visible()
    assert SOURCES.site_url + SOURCES.newest.url in printed.inner_text()
    created = SOURCES.newest.created
    assert f"Published {created:%B} {created.day}, {created.year}" in printed.inner_text()
    assert page.locator("#disclaimer").is_visible()
    assert page.locator("article h1").is_visible()
    page.emulate_media(media="screen")
    assert not printed.is_visible()
    page.context.close()


def test_listings_with_a_pinned_and_a_reviewed_post_stay_accessible(browser: Browser, tmp_path: Path) -> None:
    posts = {
        "pinned.md": post("A pinned post", "## Why\n\nKept at the top.", pin="true"),
        "reviewed.md": post("A reviewed post", "## Review\n\nChecked.", reviewed_by="modern-mindwork", last_reviewed="2025-02-01"),
    }
    build = build_variant(tmp_path, posts=posts)
    assert build.returncode == 0, build.log
    with serve_site(build.site) as base:
        for path in ("/blog/", "/blog/a-reviewed-post/", "/blog/category/trauma/"):
            page = open_page(browser, base + path)
            assert axe_violations(page, WCAG) == [], path
            page.context.close()
