"""The site's search: a Pagefind index of the built pages, which readers query in chunks.

Material's own search sends every reader the text of every page (about 1 MB gzip on a 1,000-post
blog) and builds its index in the browser before it can answer. Pagefind builds the index here and
cuts it into chunks: a query downloads only the chunks its words need.

``pages.py`` decides which pages go in (``searchable``: not the listings, which only repeat posts) and
hands each one over as MkDocs writes it, as a small document of its title and its own text
(``overrides/partials/search-record.html``): none of the parts the site adds around it, and a sixth of
the page for Pagefind to read.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
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
# Where the records wait for Pagefind: in memory where the system offers it (Linux, GitHub's runners),
# since a thousand small files cost a second to write to a disk, and a hundredth of that in memory.
MEMORY = Path("/dev/shm")
PREFIX = "modern-mindwork-search-"


def scratch_folder() -> Path | None:
    """The memory folder where it can be written to; else None, the system's temporary folder."""
    return MEMORY if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) else None


def remove_stale_scratch(folder: Path | None) -> None:
    """Scratch folders of builds that were killed (their process is gone): in memory, they would stay until
    the machine restarts. Each folder's name carries the number of the process that made it."""
    for stale in Path(folder or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        pid = stale.name.removeprefix(PREFIX).split("-", 1)[0]
        if pid.isdigit() and not process_exists(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


class SearchIndex:
    """The pages to index, gathered while the build writes them, and indexed when it ends."""

    def __init__(self) -> None:
        folder = scratch_folder()
        remove_stale_scratch(folder)
        self._pages = tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-", dir=folder, ignore_cleanup_errors=True)

    @property
    def folder(self) -> Path:
        return Path(self._pages.name)

    def add(self, html: str, path: str) -> None:
        """A page's search record, by the path of the page's file in the site (``blog/my-post/index.html``)."""
        target = self.folder / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8", errors="xmlcharrefreplace")
        except OSError as error:
            self.close()
            raise PluginError(f"search: could not write the search record of {path} to {self.folder}: {error.strerror or error}") from None

    def write(self, site_dir: Path) -> None:
        """Index the pages into ``site_dir/pagefind``; one line naming the cause if Pagefind cannot."""
        try:
            index_pages(self.folder, site_dir / BUNDLE)
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
        result = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False, timeout=WAIT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"search: Pagefind could not index the site: {error}") from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise PluginError(f"search: Pagefind could not index the site: {said[-1] if said else f'exit status {result.returncode}'}")
