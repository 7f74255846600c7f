"""The site's search: a Pagefind index of the built pages, which readers query in chunks.

Material's own search sends every reader the text of every page (about 1 MB gzip on a 1,000-post
blog) and builds its index in the browser before it can answer. Pagefind builds the index here and
cuts it into chunks: a query downloads only the chunks its words need.

The hook decides which pages go in (``searchable``) and hands each one over as MkDocs writes it;
Pagefind then indexes those pages alone, not the listings that only repeat them. The templates mark
what of a page is indexed: ``data-pagefind-body`` on its article (``main.html``, ``blog-post.html``),
less what is marked ``data-pagefind-ignore``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

# The bundle Pagefind writes into the site, which assets/javascripts/search.js loads.
BUNDLE = "pagefind"
# Heading permalinks ("¶") are no words of the page.
IGNORED = ".headerlink"
WAIT_SECONDS = 600


class SearchIndex:
    """The pages to index, gathered while the build writes them, and indexed when it ends."""

    def __init__(self) -> None:
        self._pages = tempfile.TemporaryDirectory(prefix="modern-mindwork-search-")

    def add(self, html: str, path: str) -> None:
        """A built page, by its file's path in the site (``blog/my-post/index.html``)."""
        target = Path(self._pages.name, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    def write(self, site_dir: Path) -> None:
        """Index the pages into ``site_dir/pagefind``; one line naming the cause if Pagefind cannot."""
        try:
            index_pages(Path(self._pages.name), site_dir / BUNDLE)
        finally:
            self.close()

    def close(self) -> None:
        self._pages.cleanup()


def index_pages(pages: Path, output: Path) -> None:
    """Run Pagefind over a folder of pages laid out as in the site, writing its bundle to ``output``."""
    if importlib.util.find_spec("pagefind") is None or importlib.util.find_spec("pagefind_bin") is None:
        raise PluginError("search: Pagefind is not installed; install the site's requirements: pip install -r requirements.txt")
    command = [
        sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
        "--exclude-selectors", IGNORED, "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=WAIT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"search: Pagefind could not index the site: {error}") from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise PluginError(f"search: Pagefind could not index the site: {said[-1] if said else f'exit status {result.returncode}'}")
