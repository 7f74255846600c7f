"""The site's search: a Pagefind index of the built site, which readers query in chunks.

Material's own search sends every reader the text of every page (about 1 MB gzip on a 1,000-post
blog) and builds its index in the browser before it can answer. Pagefind builds the index here,
after the build, and cuts it into chunks: a query downloads only the chunks its words need.

The templates decide what is indexed: the element marked ``data-pagefind-body`` on posts and pages
(``overrides/partials/content.html``), less what is marked ``data-pagefind-ignore``. Listings and
the home page repeat their posts and carry no mark, so they are not indexed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# The bundle Pagefind writes into the site, which overrides/partials/search-script.html loads.
BUNDLE = "pagefind"
# Heading permalinks ("¶") are no words of the page.
IGNORED = ".headerlink"


def index_site(site_dir: Path) -> None:
    """Index the built site into ``site_dir/pagefind``; one line naming the cause if it cannot."""
    if importlib.util.find_spec("pagefind") is None or importlib.util.find_spec("pagefind_bin") is None:
        raise PluginError("search: Pagefind is not installed; install the site's requirements: pip install -r requirements.txt")
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
        "--exclude-selectors", IGNORED, "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"search: Pagefind could not index the site: {error}") from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        cause = said[-1] if said else f"exit status {result.returncode}"
        raise PluginError(f"search: Pagefind could not index the site: {cause}")
