"""What reading the site's settings with a schema (pydantic, hooks/mindwork_site/settings.py) adds to a build.

Prints, as medians of several runs in fresh processes: the time to import pydantic and declare the
schema, the time to read mkdocs.yml's `extra:` with it, and a whole `mkdocs build` for scale.

    python bench/settings_cost.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from common import ROOT, median

# Run in a fresh interpreter: the cost of the first import is the one every build pays.
PROBE = """
import sys, time
sys.path.insert(0, {hooks!r})
import mkdocs.structure.files, mkdocs.utils.yaml  # what the hook imports anyway
from mindwork_site import feed_items, post_fields  # what settings.py imports besides pydantic
started = time.perf_counter()
from mindwork_site import settings
imported = time.perf_counter()
from pathlib import Path
from mkdocs.config import load_config
extra = load_config({config!r}).extra
begun = time.perf_counter()
settings.read_settings(extra, Path({docs!r}))
print(imported - started, time.perf_counter() - begun)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    probe = PROBE.format(hooks=str(ROOT / "hooks"), config=str(ROOT / "mkdocs.yml"), docs=str(ROOT / "docs"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    imports, reads, builds = [], [], []
    for _ in range(runs):
        found = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
        imported, read = map(float, found.stdout.split())
        imports.append(imported)
        reads.append(read)
        with tempfile.TemporaryDirectory() as site:
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
                cwd=ROOT, env=env, capture_output=True, check=True,
            )
            builds.append(time.perf_counter() - started)
    build = median(builds)
    print(f"runs: {runs}")
    print(f"import pydantic and declare the schema: {median(imports) * 1000:.0f} ms")
    print(f"read the settings: {median(reads) * 1000:.1f} ms")
    print(f"whole build (mkdocs build --strict): {build:.2f} s")
    print(f"the schema's share of a build: {(median(imports) + median(reads)) / build:.1%}")


if __name__ == "__main__":
    main()
