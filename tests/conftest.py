"""Build the real site, with the real plugins, and hand the tests what it wrote."""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, sync_playwright

from local_server import serve  # noqa: F401 - re-exported for the tests
from sources import ROOT, SOURCES, SourcePost, Sources, copy_project  # noqa: F401 - re-exported for the tests

# The hook's modules, importable by the unit tests as MkDocs imports them: from their own folder.
sys.path.insert(0, str(ROOT / "hooks"))
# Debian's Chromium by default; $CHROMIUM names another Chromium-based browser (GitHub's runners ship Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


@dataclass(frozen=True)
class Build:
    """One run of `mkdocs build --strict`: its exit code, its log and the site it wrote."""

    returncode: int
    log: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its URL path below the site root (``""`` is the home page)."""
        path = self.site / url_path if url_path.endswith(".html") else self.site / url_path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def listing(self, url_path: str) -> dict[str, BeautifulSoup]:
        """A listing's pages by their URL paths (the blog index, a category, ...): Material cuts a
        listing into pages of ten posts."""
        base = url_path.strip("/") + "/"
        found = {base: self.page(base)}
        while (self.site / base / "page" / str(len(found) + 1) / "index.html").is_file():
            number = len(found) + 1
            found[f"{base}page/{number}/"] = self.page(f"{base}page/{number}")
        return found

    def pages(self) -> dict[str, BeautifulSoup]:
        """Every HTML page the build wrote, by its path below the site root."""
        return {
            path.relative_to(self.site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for path in sorted(self.site.rglob("*.html"))
        }

    def search_records(self) -> dict[str, dict]:
        """What the site's Pagefind index holds of each page, by URL: its fragments are gzip JSON after a signature."""
        records = {}
        for path in (self.site / "pagefind" / "fragment").glob("*.pf_fragment"):
            record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
            records[record["url"]] = record
        return records


def text(element: Tag) -> str:
    """An element's text as a reader reads it: words separated by single spaces."""
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def run_build(
    project: Path,
    site: Path,
    config_file: str = "mkdocs.yml",
    env: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
) -> Build:
    """Build a project folder the way CI does: `--strict`, and never `-q` (it hides warnings)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config_file, "--site-dir", str(site),
         *(extra_args or [])],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_variant(
    where: Path,
    *,
    settings: str = "",
    posts: dict[str, str] | None = None,
    pages: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    setup: Callable[[Path], None] | None = None,
) -> Build:
    """Build the site with extra posts, pages and settings layered over mkdocs.yml.

    ``settings`` is YAML merged into mkdocs.yml (MkDocs' INHERIT); ``posts`` maps a file name in
    docs/blog/posts/ to its Markdown, ``pages`` a path below docs/ to its Markdown; ``setup`` is given
    the copy's docs/ folder to add files of its own (pictures).
    """
    project = where / "project"
    project.mkdir(parents=True)
    copy_project(project)
    sources = {f"blog/posts/{name}": markdown for name, markdown in (posts or {}).items()} | (pages or {})
    for path, markdown in sources.items():
        (project / "docs" / path).write_text(textwrap.dedent(markdown), encoding="utf-8")
    if setup is not None:
        setup(project / "docs")
    (project / "variant.yml").write_text("INHERIT: mkdocs.yml\n" + textwrap.dedent(settings), encoding="utf-8")
    return run_build(project, where / "site", "variant.yml", env)


def post(
    title: str,
    body: str = "Text of the post.",
    *,
    created: str = "2025-01-15",
    updated: str | None = None,
    category: str = "Trauma",
    **front_matter: str,
) -> str:
    """A fixture post that follows the front-matter contract; ``front_matter`` adds raw YAML values.
    A body without an excerpt separator gets one at its end: the whole body is its opening."""
    dates = f"  created: {created}\n" + (f"  updated: {updated}\n" if updated else "")
    extra = "".join(f"{key}: {value}\n" for key, value in front_matter.items())
    body = textwrap.dedent(body)
    if "<!-- more -->" not in body:
        body = body.rstrip("\n") + "\n\n<!-- more -->\n"
    return (
        "---\n"
        f"title: {title}\n"
        "description: A fixture post that the tests build to check how the site treats posts.\n"
        f"date:\n{dates}"
        "authors:\n  - modern-mindwork\n"
        f"categories:\n  - {category}\n"
        f"{extra}"
        "---\n\n"
        f"{body}\n"
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site as it is in the repository, built once per test session."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    build = run_build(project, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium; browser tests skip without it, except in CI where it must be there."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it with apt-get")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return str(CHROMIUM)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def serve_site(site: Path) -> AbstractContextManager[str]:
    """Serve a built site from 127.0.0.1, as GitHub Pages would serve it."""
    return serve(functools.partial(QuietHandler, directory=str(site)))


@pytest.fixture(scope="session")
def served(built: Build) -> Iterator[str]:
    """The built site, served from 127.0.0.1 for the browser tests; yields its base URL with a slash."""
    with serve_site(built.site) as base:
        yield base + "/"


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """The system Chromium, driven by Playwright (which downloads no browser of its own)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
