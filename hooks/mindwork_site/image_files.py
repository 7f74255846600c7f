"""The site's raster images among the build's files: each one's variants added to the build, and the
file at its own address replaced by its metadata-free, resized copy (images.py makes both, cached).

Runs in on_files, before anything reads an image: the covers, the feeds' enclosures and link
previews then all read what is published. A file Pillow cannot read is one line naming it; an
original over 10 MB is a note for the writer (it is published resized), never a failure.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from defusedxml import DefusedXmlException, ElementTree
from mkdocs.structure.files import File
from PIL import Image, UnidentifiedImageError

from .images import CACHE_FOLDER, RASTER_TYPES, SITE_FOLDER, ImageCache, ImageError, Processed, all_files
from .source_files import source_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

LARGE_ORIGINAL = 10 * 1024 * 1024
# Pictures published as they are (a GIF may move; an SVG is a drawing): only their size is read.
AS_THEY_ARE = frozenset({".gif", ".avif", ".svg"})


@dataclass
class PublishedImages:
    """What on_files learnt of the build's images: by source path (``assets/images/x.jpg``), by the path
    a page's ``<img>`` names (its address below the site), and what to tell the writer."""

    by_source: dict[str, Processed] = field(default_factory=dict)
    by_address: dict[str, Processed] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The other pictures (GIF, AVIF, SVG: published as they are) by address: their width and height.
    dimensions: dict[str, tuple[int, int]] = field(default_factory=dict)


def cache_folder(config: MkDocsConfig) -> Path:
    """``.cache/images`` beside mkdocs.yml: outside docs/ and site/, and kept between builds."""
    return Path(config.config_file_path).resolve().parent / CACHE_FOLDER


def is_raster(file: File) -> bool:
    return posixpath.splitext(file.src_uri)[1].lower() in RASTER_TYPES and not file.is_documentation_page()


SVG_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")


def svg_size(path: Path) -> tuple[int, int] | None:
    """A drawing's size from its root's width and height (in pixels) or, failing those, its viewBox."""
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, DefusedXmlException, OSError, ValueError):
        return None
    width, height = (SVG_LENGTH.fullmatch(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        return (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else None
    except ValueError:
        return None


def picture_size(path: Path) -> tuple[int, int] | None:
    """The width and height of a picture the site publishes as it is, read from its header."""
    if path.suffix.lower() == ".svg":
        return svg_size(path)
    try:
        with Image.open(path) as picture:
            return picture.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def publish_images(files: Files, config: MkDocsConfig, cache: ImageCache) -> PublishedImages:
    """Every raster image of docs/ made into its variants; the build's files changed to publish them."""
    found = PublishedImages()
    added: set[str] = set()
    for file in files:
        if posixpath.splitext(file.src_uri)[1].lower() in AS_THEY_ARE and file.abs_src_path:
            if (size := picture_size(Path(file.abs_src_path))) is not None and all(size):
                found.dimensions[file.dest_uri] = size
    for file in sorted((file for file in files if is_raster(file) and file.abs_src_path), key=lambda file: file.src_uri):
        where = source_path(file, config)
        try:
            processed = cache.processed(Path(file.abs_src_path))
        except ImageError as error:
            found.problems.append(f"{where}:1: image: {error}")
            files.remove(file)
            continue
        # The original's own address serves its metadata-free copy, at most the largest variant's width.
        file.abs_src_path = str(cache.path(processed.published.name))
        for variant in all_files(processed):
            if variant.name not in added:
                added.add(variant.name)
                files.append(File.generated(config, f"{SITE_FOLDER}/{variant.name}", abs_src_path=str(cache.path(variant.name))))
        found.by_source[file.src_uri] = processed
        found.by_address[file.dest_uri] = processed
        if processed.source_bytes > LARGE_ORIGINAL:
            megabytes = processed.source_bytes / 1024 / 1024
            found.notes.append(
                f"{where}:1: note: image: the original is {megabytes:.1f} MB; the site publishes it resized, but "
                "the repository keeps it whole: save it at most 3000 pixels wide to keep the repository small"
            )
    return found


def prune(cache: ImageCache, kept: PublishedImages) -> int:
    """Remove from the cache what this build's images no longer use (a photo replaced or deleted), so
    that a cache kept between CI runs does not grow with every change. Returns how many files went."""
    used = {f"{found.digest}.json" for found in kept.by_source.values()}
    used |= {variant.name for found in kept.by_source.values() for variant in all_files(found)}
    removed = 0
    if not cache.folder.is_dir():
        return 0
    for path in cache.folder.glob("*/*"):
        if path.is_file() and path.name not in used:
            path.unlink()
            removed += 1
    return removed
