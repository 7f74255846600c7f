"""Tell a writer, in the CI job's summary, where the preview of their pull request is and how to open it."""

from __future__ import annotations

import os
import sys

TEXT = """\
## Preview of the site

{where}

1. Download **site-preview** and unzip it.
2. Open `index.html` in your browser: every page and link works from the folder, drafts and scheduled
   posts included. Search needs the site served: in the unzipped folder, run
   `python3 -m http.server` and open <http://127.0.0.1:8000/>.

A post whose front matter has a problem is left out, here as on the published site, until the
writers' check passes; `mkdocs serve` on your computer or in a Codespace shows it with its problems.
"""


def main() -> int:
    url = os.environ.get("PREVIEW_URL", "").strip()
    where = (
        f"[Download the preview (site-preview)]({url}) (you must be signed in to GitHub)."
        if url.startswith("https://")
        else "Download **site-preview** under *Artifacts* at the bottom of this run's summary page."
    )
    text = TEXT.format(where=where)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
