"""Does a change leave the built site as it was? Builds the site at a git revision and in the working
tree, each three ways (as it is; grown by the grown-blog test's posts and authors; and that grown
blog with its draft and scheduled posts shown, as the preview does), and prints how many files each
build wrote, which of them differ, and whether the build logs differ.

    python bench/same_site.py --base 70b0a6c

A figure for a refactor's closing note, not a test: a change meant to alter pages prints what it altered.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, files_at

sys.path.insert(0, str(ROOT / "tests"))
import grown_blog  # noqa: E402

LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "__pycache__", ".pytest_cache", ".cache")
# The lines of a build log that name the moment or the folder, not the site.
UNSTABLE = re.compile(r"built in|Building documentation|Cleaning site")


def builds(project: Path, out: Path) -> dict[str, tuple[Path, str]]:
    """The three builds of one project: each one's site folder and log (without its unstable lines)."""
    grown = out / "grown-project"
    shutil.copytree(project, grown, ignore=LEFT_OUT)
    grown_blog.grow(grown)
    found = {}
    for name, source, extra in (("site", project, {}), ("grown blog", grown, {}), ("grown blog, drafts shown", grown, {"BLOG_SHOW_DRAFTS": "true"})):
        site = out / name.replace(" ", "-")
        strict = [] if extra else ["--strict"]
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *strict, "--site-dir", str(site)],
            cwd=source, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}, capture_output=True, text=True, check=False,
        )
        log = "\n".join(line for line in result.stderr.replace(str(out), "OUT").splitlines() if not UNSTABLE.search(line))
        found[name] = (site, log)
    return found


def differing(left: Path, right: Path) -> list[str]:
    """Every file that is in one site only, or differs between the two, by its path."""
    found = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, "")]
    while stack:
        here, prefix = stack.pop()
        found += [f"{prefix}{name}" for name in here.left_only + here.right_only + here.diff_files + here.funny_files]
        stack += [(sub, f"{prefix}{name}/") for name, sub in here.subdirs.items()]
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the git revision to compare the working tree with")
    base = parser.parse_args().base
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        before = builds(files_at(base, scratch / "base"), scratch / "base-out")
        after = builds(ROOT, scratch / "working-tree-out")
        for name, (site, log) in after.items():
            old_site, old_log = before[name]
            files = sum(1 for path in site.rglob("*") if path.is_file())
            changed = differing(old_site, site)
            print(f"{name}: {files} files, {len(changed)} differ from {base}; build log {'the same' if log == old_log else 'differs'}")
            for path in changed[:20]:
                print(f"    {path}")


if __name__ == "__main__":
    main()
