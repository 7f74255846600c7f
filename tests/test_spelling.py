"""Spelling: codespell over what readers read, with the project's word list for clinical terms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def codespell(*paths: str | Path) -> subprocess.CompletedProcess[str]:
    """codespell as CI runs it: from the project's root, so that .codespellrc and the word list apply."""
    return subprocess.run(
        [sys.executable, "-m", "codespell_lib", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_docs_are_spelled_right() -> None:
    result = codespell("docs", "README.md", "CONTRIBUTING.md", "post-template.md")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_misspelling_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("Ketamine is an anesthetic.\nPatients recieve it in a clinic.\n", encoding="utf-8")
    result = codespell(post)
    assert result.returncode != 0
    assert f"{post}:2: recieve ==> receive" in result.stdout


def test_clinical_terms_in_the_word_list_pass(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("Some patients had ect (electroconvulsive therapy) before.\n", encoding="utf-8")
    assert codespell(post).returncode == 0
    words = (ROOT / ".codespell-words.txt").read_text(encoding="utf-8").split()
    assert "ect" in words
