"""The files a writer edits, as the writer sees them: their path in the repository and their text."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils.yaml import yaml_load

from .writing import line_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File


def repository_path(path: str | os.PathLike[str], config: MkDocsConfig) -> str:
    """A path as a writer sees it in the repository, e.g. ``docs/blog/posts/my-post.md``."""
    project = os.path.dirname(os.path.abspath(config.config_file_path))
    return os.path.relpath(path, project)


def source_path(file: File, config: MkDocsConfig) -> str:
    """A file of docs/ as a writer sees it in the repository (in `mkdocs serve`, a post with problems
    is built from a copy: this is still the writer's own file)."""
    return repository_path(os.path.join(config.docs_dir, file.src_uri), config)


def read_source(path: str | os.PathLike[str]) -> str | None:
    """A file's text as Material reads it (UTF-8, with or without a byte-order mark), or None."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def writer_text(file: File, config: MkDocsConfig) -> str:
    """The text of the writer's own file of a page, or nothing when it cannot be read."""
    return read_source(os.path.join(config.docs_dir, file.src_uri)) or ""


def template_line(file: File, config: MkDocsConfig) -> int:
    """The line of a page's ``template:`` field, where a problem with its template is fixed (else 1)."""
    return line_of(writer_text(file, config), ("template:",))


def published_address(config: MkDocsConfig, serving: bool) -> str | None:
    """The live site's address. `mkdocs serve` puts its own in config.site_url before the build starts,
    so there it is read from the settings file again."""
    if not serving:
        return config.site_url
    try:
        with open(config.config_file_path, encoding="utf-8") as file:
            found = yaml_load(file)
    except Exception:  # noqa: BLE001 - MkDocs has read the file already; without it, no link is its own
        return None
    address = found.get("site_url") if isinstance(found, Mapping) else None
    return address if isinstance(address, str) else None
