"""Search: what the site's Pagefind index holds, read from its files, and readers searching in the
real Chromium: nothing loads until they start, the results are links, and the dialog stays accessible."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, expect

from mindwork_site import search as site_search
from conftest import SOURCES, Build, SourcePost, build_variant, copy_project, post, run_build, serve_site
from test_readers_browser import PAGE_KINDS, VIEWPORTS, WCAG, axe_violations, open_page

def source_posts() -> dict[str, SourcePost]:
    """Every post of the published site that search holds, by its URL."""
    return {f"/{source.url}": source for source in SOURCES.published_posts if source.searchable}


def distinctive_word() -> tuple[str, str]:
    """A post's URL and a word of it that no other page or post uses (nor any word that starts like
    it): what a reader types to find that post first, whatever else the blog holds."""
    texts = {f"/{source.url}": source.body.lower() for source in SOURCES.published_posts}
    texts |= {str(page): page.read_text(encoding="utf-8").lower() for page in SOURCES.pages}
    for url in source_posts():
        others = " ".join(text for other, text in texts.items() if other != url)
        for word in sorted(set(re.findall(r"\b[a-z]{9,}\b", texts[url]))):
            if word[:7] not in others:
                return url, word
    raise AssertionError("no post has a word of its own to search for")


SEARCHED, WORD = distinctive_word()
# The page the tests open: the newest post.
NEWEST = f"/{SOURCES.newest.url}"


def test_search_holds_every_post_and_page_and_no_listing(built: Build) -> None:
    pages = {f"/{source.stem}/" for source in SOURCES.pages if source.name != "index.md"}
    assert set(built.search_records()) == set(source_posts()) | pages


def test_a_post_is_found_by_its_title_and_text_but_not_by_what_the_site_adds(built: Build) -> None:
    for url, source in source_posts().items():
        record = built.search_records()[url]
        page = built.page(url.strip("/"))
        assert record["meta"]["title"] == source.title
        # On the page, around the post's text: related reading, the crisis note, the disclaimer, permalinks.
        added = [page.select_one("#related-heading").get_text(), "informational purposes only"]
        if page.select_one("article .mm-crisis-note"):
            added.append("Text HOME to 741741")
        for text in added:
            assert text in page.get_text(), (url, text)
            assert text not in record["content"], (url, text)
    assert WORD in built.search_records()[SEARCHED]["content"].lower()


def test_the_team_page_is_found_by_the_names_and_roles_of_its_people(built: Build) -> None:
    authors = SOURCES.authors
    record = built.search_records()["/team/"]["content"]
    for author in authors.values():
        assert author["name"] in record and author["description"] in record


def test_the_scratch_folder_goes_when_the_index_is_written_or_dropped(tmp_path: Path) -> None:
    written = site_search.SearchIndex()
    written.add("<html lang=en><body><main data-pagefind-body><h1>A</h1><p>Words.</p></main></body></html>", "a/index.html")
    folder = written.folder
    assert (folder / "a" / "index.html").is_file()
    written.write(tmp_path / "site")
    assert not folder.exists() and (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    dropped = site_search.SearchIndex()
    dropped.close()
    assert not dropped.folder.exists()


def test_a_killed_builds_scratch_folder_is_removed_by_the_next_build() -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    stale = Path(site_search.scratch_folder() or tempfile.gettempdir()) / f"{site_search.PREFIX}{finished.stdout.strip()}-x"
    (stale / "blog").mkdir(parents=True)
    index = site_search.SearchIndex()
    index.close()
    assert not stale.exists()


def test_a_record_that_cannot_be_written_is_one_clear_line() -> None:
    index = site_search.SearchIndex()
    (index.folder / "blog").write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        index.add("<html></html>", "blog/post/index.html")
    assert str(raised.value).startswith("search: could not write the search record of blog/post/index.html to ")
    assert "\n" not in str(raised.value)
    assert not index.folder.exists()


def test_a_dirty_build_keeps_the_index_of_the_last_full_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    full = run_build(project, tmp_path / "site")
    assert full.returncode == 0, full.log
    records = full.search_records()
    dirty = run_build(project, tmp_path / "site", extra_args=["--dirty"])
    # MkDocs warns of any --dirty build (so --strict stops it); that must be the only warning.
    warnings = [line for line in dirty.log.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "'dirty' build" in warnings[0], dirty.log
    assert "search: a --dirty build keeps the search index of the last full build" in dirty.log
    assert dirty.search_records() == records


def test_a_page_or_post_can_leave_search_with_its_front_matter(tmp_path: Path) -> None:
    hidden = "---\nsearch:\n  exclude: true\n---\n\n# Hidden page\n\nNot for search.\n"
    build = build_variant(
        tmp_path,
        settings="not_in_nav: |\n  /privacy.md\n  /editorial-policy.md\n  /team.md\n  /hidden.md\n",
        pages={"hidden.md": hidden},
        posts={"quiet.md": post("Quiet post", "Not for search either.", search="{exclude: true}")},
    )
    assert build.returncode == 0, build.log
    records = build.search_records()
    assert "/hidden/" not in records and "/blog/quiet-post/" not in records
    assert set(source_posts()) <= set(records)


def test_pages_pagefind_cannot_index_are_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(PluginError) as raised:
        site_search.index_pages(tmp_path / "empty", tmp_path / "site" / "pagefind")
    message = str(raised.value)
    assert message.startswith("search: Pagefind could not index the site: ")
    assert "\n" not in message


def test_nothing_of_search_loads_until_the_reader_searches(browser: Browser, served: str, built: Build) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(served + NEWEST.lstrip("/"))
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if "/pagefind/" in url] == []
    assert not any(url.endswith("/sitemap.xml") for url in requests)  # Material's language lookup: nothing to find
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type(WORD)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    assert source_posts()[SEARCHED].title in first.inner_text()
    assert first.locator("a").get_attribute("href") == SEARCHED
    matching = [url for url, record in built.search_records().items() if WORD in record["content"].lower()]
    expected = "1 matching document" if len(matching) == 1 else f"{len(matching)} matching documents"
    assert page.locator(".md-search-result__meta").inner_text() == expected
    origin = urlsplit(served).netloc
    assert any("/pagefind/" in url for url in requests)
    assert [url for url in requests if urlsplit(url).netloc != origin] == []
    context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_reader_searches_and_leaves_with_the_keyboard_alone(browser: Browser, served: str, viewport: str) -> None:
    page = open_page(browser, served + PAGE_KINDS["about"], viewport=viewport)
    page.keyboard.press("Control+k")
    page.keyboard.type(WORD)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == SEARCHED
    page.keyboard.press("Enter")
    page.wait_for_url(served + SEARCHED.lstrip("/"))
    page.keyboard.press("Control+k")
    page.keyboard.type("zzzz-no-such-word")
    status = page.locator(".md-search-result__meta")
    status.filter(has_text="No matching documents").wait_for(timeout=10_000)
    assert status.get_attribute("role") == "status"
    assert page.evaluate("document.querySelector('.md-container').inert") is True  # a modal while open
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert page.evaluate("document.querySelector('.md-container').inert") is False
    # Focus goes back where search opens: the search button on a phone, the field in a desktop's header.
    back = "mm-search-open" if viewport == "phone" else "md-search__input"
    assert page.evaluate("cls => document.activeElement.classList.contains(cls)", back)
    page.context.close()


def test_search_opened_by_touch_closes_and_leaves_the_page_scrolling(browser: Browser, served: str) -> None:
    page = open_page(browser, served + NEWEST.lstrip("/"), viewport="phone")
    button = page.locator(".mm-search-open")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.type(WORD)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('mm-search-open')")
    # Chromium 156 drops a wheel that comes in the first milliseconds after the dialog closes; a
    # reader's next gesture comes far later than this.
    page.wait_for_timeout(150)
    page.mouse.move(195, 600)
    page.mouse.wheel(0, 1500)
    # A function, not an expression: Playwright polls an expression with eval, which the page's CSP refuses.
    page.wait_for_function("() => window.scrollY > 0", timeout=5_000)
    page.context.close()


@pytest.mark.parametrize("focus", ["article p", "#__palette_0"])
def test_no_single_key_does_anything_a_reader_did_not_ask_for(browser: Browser, served: str, focus: str) -> None:
    """WCAG 2.1.4: speech input types words; a letter must not open search or leave the page, wherever
    focus is (Material's shortcuts also answer on its colour-scheme switch, a radio button)."""
    page = open_page(browser, served + PAGE_KINDS["about"], viewport="desktop")
    assert page.locator("link[rel=next], link[rel=prev]").count() == 0  # what Material's "n" and "p" follow
    page.locator(focus).first.focus()
    for key in ("n", "p", ",", ".", "s", "f", "/"):
        page.keyboard.press(key)
    page.wait_for_timeout(500)
    assert page.url == served + PAGE_KINDS["about"]
    assert page.evaluate("document.getElementById('__search').checked") is False
    page.context.close()


def test_ctrl_k_opens_search_but_not_from_the_newsletter_field(browser: Browser, served: str) -> None:
    page = open_page(browser, served + NEWEST.lstrip("/"), viewport="desktop")
    page.locator("#newsletter input[type=email]").focus()
    page.keyboard.press("Control+k")
    assert page.evaluate("document.getElementById('__search').checked") is False
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Control+k")
    assert page.evaluate("document.getElementById('__search').checked") is True
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_open_search_with_results_passes_axe(browser: Browser, served: str, viewport: str, scheme: str) -> None:
    page = open_page(browser, served + PAGE_KINDS["post"], viewport=viewport, scheme=scheme)
    page.keyboard.press("Control+k")
    page.keyboard.type(WORD)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator(".md-search__output").is_visible()
    assert axe_violations(page, WCAG) == []
    assert axe_violations(page, ["best-practice"]) == []
    page.context.close()


def test_many_results_come_ten_at_a_time(browser: Browser, tmp_path: Path) -> None:
    posts = {f"sleep-{n}.md": post(f"Sleep note {n}", "## Sleep\n\nA note about sleep hygiene.", created=f"2025-02-{n:02d}") for n in range(1, 13)}
    build = build_variant(tmp_path, posts=posts)
    assert build.returncode == 0, build.log
    with serve_site(build.site) as base:
        page = open_page(browser, base + "/about/")
        page.keyboard.press("Control+k")
        page.keyboard.type("hygiene")
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        assert page.locator(".md-search-result__meta").inner_text() == "12 matching documents"
        expect(page.locator(".md-search-result__link")).to_have_count(10)
        page.locator(".mm-search-more").click()
        page.locator(".md-search-result__link").nth(11).wait_for(timeout=10_000)
        assert page.locator(".md-search-result__link").count() == 12
        assert page.locator(".md-search-result__item").count() == 12  # the button is no list item
        assert page.evaluate("document.activeElement === document.querySelectorAll('.md-search-result__link')[10]")
        assert not page.locator(".mm-search-more").is_visible()
        page.context.close()
