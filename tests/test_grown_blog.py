"""Any posts and authors that follow CONTRIBUTING.md keep the whole suite green.

A copy of the repository grows a dozen varied posts (more categories, update dates, an image, a
footnote, notes, crisis words, a draft, a scheduled post, a pinned one, several authors and a
reviewer), a dozen plain ones (so that it holds more posts than a feed's 20 items) and two more
authors (tests/grown_blog.py), then runs every test there, as CI would on a writer's pull request.
The tests derive what they expect from the sources, so nothing in them names today's posts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import grown_blog
from conftest import ROOT

# Set in the grown copy's own run, so that it does not grow a copy again.
GROWN = "MODERN_MINDWORK_GROWN_BLOG"
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "__pycache__", ".pytest_cache", ".cache", ".hypothesis")


@pytest.mark.skipif(os.environ.get(GROWN) == "1", reason="this run is the grown copy's")
def test_a_grown_blog_passes_the_whole_suite(tmp_path: Path) -> None:
    project = tmp_path / "grown"
    shutil.copytree(ROOT, project, ignore=LEFT_OUT)
    grown_blog.grow(project)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=short", "-x"],
        cwd=project, env={**os.environ, GROWN: "1", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, check=False,
    )
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout.splitlines()[-1]
