"""A post's cover on the home page's cards: its ``image``, with the width and height the card prints
so that nothing shifts as it loads, read from the file's header by Pillow (the image is not decoded)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .blog import Post


@dataclass(frozen=True)
class Cover:
    """A cover image: its address in the site (for the ``url`` filter), size in pixels, and alt text."""

    url: str
    width: int
    height: int
    alt: str


def post_cover(post: Post, files: Files | None) -> Cover | None:
    """The cover of a post whose ``image`` (a path relative to the post, checked by the contract) is a
    picture Pillow can size; None for a post without one."""
    image, alt = post.meta.get("image"), post.meta.get("image_alt")
    if files is None or not isinstance(image, str) or not isinstance(alt, str):
        return None
    file = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(post.file.src_uri), image.strip())))
    if file is None or not file.abs_src_path:
        return None
    try:
        with Image.open(file.abs_src_path) as picture:
            width, height = picture.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return Cover(file.url, width, height, alt.strip())
