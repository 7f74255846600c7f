"""Every ``<img>`` of a written page that shows one of the site's raster images, made responsive.

After the theme has written a page, each such ``<img>`` (in the text, a post's cover, a card) becomes
``overrides/partials/picture.html``: a ``<picture>`` with a ``<source>`` per modern format, the
original's format as the fallback, ``srcset`` and ``sizes``, and the ``width`` and ``height`` of the
image so nothing shifts as it loads. The first such image of a post (its cover, or its first picture)
loads at once with ``fetchpriority="high"``; every other one lazily. The ``<img>``'s own ``alt``,
``class``, ``title`` and ``id`` are kept, and its ``data-mm-sizes`` (how wide a template shows it) is its ``sizes``; other images (SVG drawings, GIFs) are left as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from mkdocs.utils import get_relative_url

from .images import SITE_FOLDER, Processed, Variant

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# Images in the article column: the column's width on wide screens, the screen less its margins on phones.
ARTICLE_SIZES = "(min-width: 45em) 680px, calc(100vw - 32px)"
KEPT = ("class", "title", "id")
# A template says how wide an image shows (an avatar, a card) in this attribute, dropped once used.
SIZES = "data-mm-sizes"


@dataclass(frozen=True)
class Source:
    media_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What partials/picture.html writes for one image."""

    sources: tuple[Source, ...]
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    alt: str
    attributes: tuple[tuple[str, str], ...]
    eager: bool


class TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def attributes_of(tag: str) -> dict[str, str]:
    reader = TagReader()
    reader.feed(tag)
    reader.close()
    return reader.attributes


def site_path(src: str, page_url: str) -> str | None:
    """The path below the site of an image an ``<img>`` of the page at ``page_url`` shows, or None for
    an image elsewhere (a ``data:`` or another site's address, which the content rules refuse)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = parts.path if parts.path.startswith("/") else "/" + base + parts.path
    return posixpath.normpath(unquote(joined)).lstrip("/")


def variant_url(variant: Variant, page_url: str) -> str:
    return get_relative_url(f"{SITE_FOLDER}/{variant.name}", page_url)


def srcset(variants: tuple[Variant, ...], page_url: str) -> str:
    return ", ".join(f"{variant_url(variant, page_url)} {variant.width}w" for variant in variants)


def picture(found: Processed, attributes: Mapping[str, str], page_url: str, *, eager: bool) -> Picture:
    fallback_format = found.published.format
    fallback = found.of_format(fallback_format)
    return Picture(
        sources=tuple(
            Source(found.of_format(name)[0].media_type, srcset(found.of_format(name), page_url))
            for name in found.formats
            if name != fallback_format
        ),
        src=variant_url(found.closest(800, fallback_format), page_url),
        srcset=srcset(fallback, page_url),
        sizes=attributes.get(SIZES) or attributes.get("sizes") or ARTICLE_SIZES,
        width=found.published.width,
        height=found.published.height,
        alt=attributes.get("alt", ""),
        attributes=tuple((name, attributes[name]) for name in KEPT if name in attributes),
        eager=eager,
    )


def with_size(tag: str, attributes: Mapping[str, str], size: tuple[int, int] | None) -> str:
    """An ``<img>`` of a picture published as it is, given its width and height if it lacks them."""
    if size is None or (attributes.get("width") and attributes.get("height")):
        return tag
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end].rstrip()} width="{size[0]}" height="{size[1]}"{tag[end:]}'


def with_pictures(
    html: str,
    page_url: str,
    images: Mapping[str, Processed],
    render: Callable[[Picture], str],
    *,
    first_eager: bool,
    dimensions: Mapping[str, tuple[int, int]] | None = None,
) -> str:
    """The page with each ``<img>`` of one of ``images`` (by its path below the site) as a picture, and
    each ``<img>`` of another picture of the site (``dimensions``) with its width and height."""
    if "<img" not in html:
        return html
    eager = first_eager

    def replaced(tag: re.Match[str]) -> str:
        nonlocal eager
        attributes = attributes_of(tag.group(0))
        path = site_path(attributes.get("src", ""), page_url)
        found = images.get(path) if path is not None else None
        if found is None:
            return with_size(tag.group(0), attributes, (dimensions or {}).get(path) if path is not None else None)
        written = render(picture(found, attributes, page_url, eager=eager))
        eager = False
        return written

    return IMG.sub(replaced, html)
