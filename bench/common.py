"""What the benchmarks share: building a copy of the site, a vanilla Material blog to compare it with,
and serving a built site gzip-compressed from 127.0.0.1, the way GitHub Pages serves it."""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import parsedate_to_datetime
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
# The copy of the site a benchmark builds is made as the tests make theirs (tests/sources.py).
sys.path.insert(0, str(ROOT / "tests"))
from local_server import serve  # noqa: E402
from sources import copy_project  # noqa: E402, F401 - re-exported for the benchmarks
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".xsl"}

# The baseline: Material's blog as its documentation sets it up, with search, and nothing of ours
# (no hooks, no feeds, no overrides, no extensions beyond Material's defaults).
VANILLA_CONFIG = """\
site_name: Vanilla Material blog
site_url: https://example.org/
theme:
  name: material
  font: false
plugins:
  - search
  - blog:
      authors_file: "{blog}/.authors.yml"
      post_url_format: "{slug}"
markdown_extensions:
  - admonition
  - footnotes
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""


def write_vanilla_config(project: Path) -> Path:
    """The vanilla config beside the project's own, building a copy of the same docs/ (whose home page
    and team pages name templates of ours, which a vanilla theme does not have)."""
    docs = project / "vanilla-docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project / "docs", docs)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "\ntemplate: " in text:
            page.write_text(re.sub(r"\ntemplate: [^\n]*", "", text, count=1), encoding="utf-8")
    config = project / "vanilla.yml"
    config.write_text(VANILLA_CONFIG + "docs_dir: vanilla-docs\n", encoding="utf-8")
    return config


def mkdocs(project: Path, config: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project (never with -q: it would hide the warnings)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site), *args],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files with gzip for text, as GitHub Pages serves them."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head hands to copyfile: the compressed bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve_gzip(site: Path) -> Iterator[str]:
    """Serve a built site from 127.0.0.1 with gzip; yields the base URL, ending in a slash."""
    with serve(functools.partial(GzipHandler, directory=str(site))) as base:
        yield f"{base}/"


def files_at(revision: str, where: Path, *paths: str) -> Path:
    """The repository's files (or only ``paths``) as they were at ``revision``, written below ``where``."""
    where.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", revision, *paths], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class PagesHandler(GzipHandler):
    """GzipHandler that answers an address with no page by the site's 404.html, status 404, as GitHub
    Pages does (the standard library's handler answers with a page of its own)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        not_found = Path(self.directory) / "404.html"
        if path.is_file() or (path / "index.html").is_file() or not not_found.is_file():
            return super().send_head()
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


@contextmanager
def serve_pages(site: Path) -> Iterator[str]:
    """Serve a built site from 127.0.0.1 with gzip and its 404 page; yields the base URL, ending in a slash."""
    with serve(functools.partial(PagesHandler, directory=str(site))) as base:
        yield f"{base}/"


# The browser the benchmarks drive: Debian's Chromium, or the Chromium-based browser at $CHROME_PATH
# (GitHub's runners ship Google Chrome). Nothing downloads one.
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def build_site(scratch: Path) -> Path:
    """The working tree's site, built with `mkdocs build --strict` from a copy of its sources below
    ``scratch``; stops the benchmark with the build's log if the build fails."""
    project = copy_project(scratch / "project")
    site = scratch / "site"
    built = mkdocs(project, project / "mkdocs.yml", site)
    if built.returncode != 0:
        raise SystemExit(f"the strict build failed:\n{built.stdout}{built.stderr}")
    return site


def built_site(site: Path) -> Path:
    """A site given with --site, refused unless it is one (a folder with index.html)."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} is not a built site: it has no index.html")
    return site


def posts_newest_first(site: Path) -> list[str]:
    """The posts of a built site, newest first, as paths below its root ("blog/a-post/"), read from
    its RSS feed of posts by creation date."""
    feed = site / "feed_rss_created.xml"
    if not feed.is_file():
        raise SystemExit(f"{site} has no feed_rss_created.xml to find its posts in")
    channel = ElementTree.parse(feed).getroot().find("channel")
    root = urlsplit(channel.findtext("link", "")).path
    items = sorted(channel.iter("item"), key=lambda item: parsedate_to_datetime(item.findtext("pubDate", "")), reverse=True)
    return [urlsplit(item.findtext("link", "")).path.removeprefix(root) for item in items]


def site_pages(site: Path) -> list[str]:
    """Every page of a built site's sitemap, as paths below its root ("" for the home page)."""
    urls = [loc.text or "" for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    paths = [urlsplit(url).path for url in urls]
    root = os.path.commonprefix(paths).rpartition("/")[0] + "/"  # the home page's, which every page shares
    return [path.removeprefix(root) for path in paths]
