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
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The copy of the site a benchmark builds is made as the tests make theirs (tests/sources.py).
sys.path.insert(0, str(ROOT / "tests"))
from local_server import serve  # noqa: E402
from sources import copy_project  # noqa: E402, F401 - re-exported for the benchmarks
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
