"""A reader subscribes with the keyboard alone, in the real Chromium, and the provider gets the POST."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from conftest import SOURCES, build_variant, serve, serve_site
from local_server import StandInProvider


def test_a_reader_subscribes_with_the_keyboard_only(tmp_path: Path, browser: Browser) -> None:
    StandInProvider.received.clear()
    with serve(StandInProvider) as provider:
        build = build_variant(
            tmp_path,
            settings=f"extra:\n  newsletter:\n    action: {provider}/subscribe\n    honeypot: b_trap\n",
        )
        assert build.returncode == 0, build.log
        with serve_site(build.site) as site:
            page = browser.new_page(java_script_enabled=False)
            page.goto(f"{site}/{next(source for source in SOURCES.published_posts if source.newsletter).url}")
            for _ in range(300):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.id") == "newsletter-email":
                    break
            assert page.evaluate("document.activeElement.id") == "newsletter-email"
            page.keyboard.type("reader@example.org")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url == f"{provider}/subscribe"
            assert "Check your inbox." in page.content()
            page.context.close()
    assert StandInProvider.received == [{"email": ["reader@example.org"], "embed": ["1"], "b_trap": [""]}]
