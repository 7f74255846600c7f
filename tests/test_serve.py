"""`mkdocs serve` as a writer uses it: a post with problems is shown with a box listing them (never in a
build), and search works, also under `--dirty`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from conftest import SOURCES, build_variant, copy_project, text
from test_readers_browser import WCAG, axe_violations, open_page

BROKEN = (
    "---\ntitle: Grief: what helps\ndescription: Too short.\ndate:\n  created: 2025-03-01\nauthors:\n"
    "  - modern-mindwork\ncategories:\n  - Trauma\n---\n\nThe opening.\nWhat helps:\n- rest\n\n<!-- more -->\n\n"
    f"See [about us]({SOURCES.site_url}about/).\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


@contextmanager
def serving(project: Path, *args: str) -> Iterator[str]:
    """`mkdocs serve` on 127.0.0.1, until its first build is served (at most a minute)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}", *args],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                if fetch(base)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError("mkdocs serve did not answer within a minute")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_shows_a_post_with_problems_under_a_box_that_lists_them(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "blog" / "posts" / "grief.md").write_text(BROKEN, encoding="utf-8")
    before = {path: path.read_bytes() for path in (project / "docs").rglob("*") if path.is_file()}
    with serving(project) as base:
        status, html = fetch(base + "blog/grief/")
    # The copy serve builds from lives outside docs/: the writer's files stay as they are.
    assert {path: path.read_bytes() for path in (project / "docs").rglob("*") if path.is_file()} == before
    assert status == 200
    box = BeautifulSoup(html, "html.parser").select_one(".mm-writer-problems")
    assert box is not None and box["role"] == "alert"
    assert "4 problems to fix in docs/blog/posts/grief.md" in text(box)
    items = [text(item) for item in box.select("li")]
    assert items == [
        "Line 2: front matter: not valid YAML: a text with ': ' in it must be in quotes, like title: \"Grief: what helps\"",
        "Line 3: description: must be 50 to 160 characters (it is the search snippet and feed summary), got 10",
        "Line 14: this list needs an empty line before it; without one it shows as a paragraph of '- ' lines",
        # The live site's own address, although `mkdocs serve` gives the build its own.
        f"Line 18: the link {SOURCES.site_url}about/ is the live site's own address, which the build "
        "cannot check and previews cannot follow; link to the page's .md file instead, like "
        "[our editorial policy](../../editorial-policy.md)",
    ]


def test_a_build_never_shows_the_box(tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts={"grief.md": BROKEN}, env={"BLOG_SHOW_DRAFTS": "true"})
    assert build.returncode == 1
    assert not (build.site / "blog" / "grief").exists()
    assert all(page.select_one(".mm-writer-problems") is None for page in build.pages().values())


def test_search_works_under_serve_dirty(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with serving(project, "--dirty") as base:
        status, script = fetch(base + "pagefind/pagefind.js")
    assert status == 200 and script


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_box_is_accessible_and_announced(browser: Browser, tmp_path: Path, scheme: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "blog" / "posts" / "grief.md").write_text(BROKEN, encoding="utf-8")
    with serving(project) as base:
        page = open_page(browser, base + "blog/grief/", scheme=scheme)
        box = page.locator(".mm-writer-problems")
        assert box.is_visible()
        assert box.get_attribute("role") == "alert"
        assert axe_violations(page, WCAG) == []
        page.context.close()
