"""Build the real site, with the real plugins, and hand the tests what it wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


@dataclass(frozen=True)
class Build:
    """One run of `mkdocs build --strict`: its exit code, its log and the site it wrote."""

    returncode: int
    log: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its URL path below the site root (``""`` is the home page)."""
        path = self.site / url_path / "index.html" if not url_path.endswith(".html") else self.site / url_path
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def run_build(project: Path, site: Path) -> Build:
    """Build a project folder the way CI does, `--strict` and without `-q` (which hides warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(destination: Path) -> Path:
    """A copy of the site's sources, for a build with extra posts or settings."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site as it is in the repository, built once per test session."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    build = run_build(project, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.log
    return build
