"""ProperDocs, the maintained continuation of MkDocs 1.6, builds this site exactly as MkDocs does: the
way out should Material for MkDocs or MkDocs 1.x stop working (README: "When Material for MkDocs
reaches its end of life"). ProperDocs comes with the lock (mkdocs-rss-plugin depends on it)."""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sources import ROOT

# The one tag the two may write differently: it names the program that built the page.
GENERATOR = re.compile(rb'<meta\s[^>]*\bname="generator"[^>]*>')
WARNING = re.compile(r"^WARNING\b.*$", re.M)
TOOLS = {
    "mkdocs": [sys.executable, "-m", "mkdocs"],
    # `python -m` finds it in the interpreter that runs the tests, wherever the venv's scripts are.
    "properdocs": [sys.executable, "-m", "properdocs"],
}


def build(tool: str, project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """A strict build (never with -q, which hides the warnings --strict counts) of mkdocs.yml, named
    explicitly: ProperDocs looks for properdocs.yml first."""
    return subprocess.run(
        [*TOOLS[tool], "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def comparable(path: Path) -> bytes:
    content = path.read_bytes()
    return GENERATOR.sub(b"", content) if path.suffix == ".html" else content


def first_difference(site_a: Path, site_b: Path) -> str | None:
    """None if the two sites hold the same files with the same bytes (the generator tag aside), else
    what differs first, with a short unified diff."""
    files_a = {path.relative_to(site_a).as_posix() for path in site_a.rglob("*") if path.is_file()}
    files_b = {path.relative_to(site_b).as_posix() for path in site_b.rglob("*") if path.is_file()}
    if files_a != files_b:
        return (
            f"only in the MkDocs build: {sorted(files_a - files_b)}\n"
            f"only in the ProperDocs build: {sorted(files_b - files_a)}"
        )
    for name in sorted(files_a):
        a, b = comparable(site_a / name), comparable(site_b / name)
        if a != b:
            diff = difflib.unified_diff(
                a.decode("utf-8", "replace").splitlines(),
                b.decode("utf-8", "replace").splitlines(),
                f"mkdocs/{name}",
                f"properdocs/{name}",
                n=2,
                lineterm="",
            )
            return f"{name} differs ({len(a)} and {len(b)} bytes):\n" + "\n".join(list(diff)[:40])
    return None


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's site built by each, from the repository itself."""
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("ProperDocs is not installed: requirements.txt brings it (mkdocs-rss-plugin needs it)")
    built = []
    for tool in TOOLS:
        site = tmp_path_factory.mktemp(f"site-{tool}")
        result = build(tool, ROOT, site)
        assert result.returncode == 0, f"{tool} build --strict failed:\n{result.stdout}{result.stderr}"
        assert not WARNING.findall(result.stderr), result.stderr
        built.append(site)
    return built[0], built[1]


def test_properdocs_builds_the_same_site_as_mkdocs(sites: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = sites
    assert (mkdocs_site / "index.html").is_file()
    difference = first_difference(mkdocs_site, properdocs_site)
    assert difference is None, difference


def test_the_comparison_sees_a_difference(sites: tuple[Path, Path], tmp_path: Path) -> None:
    mkdocs_site, _ = sites
    copy = shutil.copytree(mkdocs_site, tmp_path / "copy")
    page = copy / "index.html"
    page.write_bytes(GENERATOR.sub(b'<meta name="generator" content="another">', page.read_bytes()))
    assert first_difference(mkdocs_site, copy) is None
    page.write_bytes(page.read_bytes().replace(b"</title>", b" </title>", 1))
    assert (first_difference(mkdocs_site, copy) or "").startswith("index.html differs")
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    assert first_difference(mkdocs_site, copy) == "only in the MkDocs build: []\nonly in the ProperDocs build: ['extra.txt']"


BROKEN_POST = """\
---
title: A post that ProperDocs must refuse
description: Too short.
date:
  created: 2025-01-15
authors:
  - modern-mindwork
categories:
  - Trauma
---

The opening.

<!-- more -->
"""


def test_properdocs_refuses_a_post_with_problems_as_mkdocs_does(tmp_path: Path) -> None:
    """The site's checks report through MkDocs' logger; ProperDocs must count them under --strict too."""
    project = tmp_path / "project"
    project.mkdir()
    for part in ("mkdocs.yml", "docs", "overrides", "hooks"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(ROOT / part, project / part)
    (project / "docs" / "blog" / "posts" / "too-short.md").write_text(BROKEN_POST, encoding="utf-8")
    results = {tool: build(tool, project, tmp_path / f"site-{tool}") for tool in TOOLS}
    warnings = {tool: WARNING.findall(result.stderr) for tool, result in results.items()}
    assert results["mkdocs"].returncode == 1, results["mkdocs"].stderr
    assert results["properdocs"].returncode == 1, results["properdocs"].stderr
    assert any(line.startswith("WARNING -  docs/blog/posts/too-short.md:3: description:") for line in warnings["mkdocs"])
    assert warnings["properdocs"] == warnings["mkdocs"]
