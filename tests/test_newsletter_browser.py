"""A reader subscribes with the keyboard alone, in the real Chromium, and the provider gets the POST."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs

from playwright.sync_api import sync_playwright

from conftest import CHROMIUM_ARGS, SOURCES, build_variant, serve, serve_site

received: list[dict[str, list[str]]] = []


class StandInProvider(BaseHTTPRequestHandler):
    """A local stand-in for the newsletter provider: it records each sign-up it receives."""

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        length = int(self.headers.get("Content-Length", 0))
        received.append(parse_qs(self.rfile.read(length).decode(), keep_blank_values=True))
        body = b"<!doctype html><title>Thanks</title><p>Check your inbox.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def test_a_reader_subscribes_with_the_keyboard_only(tmp_path: Path, chromium_path: str) -> None:
    with serve(StandInProvider) as provider:
        build = build_variant(
            tmp_path,
            settings=f"extra:\n  newsletter:\n    action: {provider}/subscribe\n    honeypot: b_trap\n",
        )
        assert build.returncode == 0, build.log
        with serve_site(build.site) as site, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
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
            browser.close()
    assert received == [{"email": ["reader@example.org"], "embed": ["1"], "b_trap": [""]}]
