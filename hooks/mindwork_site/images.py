"""Photos that cost a phone reader little: every raster image of docs/ made, once, into resized variants.

For each PNG, JPEG or WebP file of docs/ (GIFs may move, SVGs are drawings: both are published as
they are), Pillow writes, from the picture turned upright by its EXIF orientation:

- variants at WIDTHS (never wider than the original) in AVIF (when the installed Pillow writes it),
  WebP, and the original's own format, the fallback for browsers that read neither;
- the file readers reach at the original's own address: the original's format at the largest width,
  so a 4000-pixel camera photo is never published whole;
- a 1200 × 630 crop for link previews (``og:image``; the largest box of that shape in a smaller picture).

Nothing of the original's metadata is written (no EXIF, GPS, XMP or comments): a camera photo can
carry where it was taken. The variants are cached by the image's content hash in a folder outside
docs/ and site/ (``.cache/images`` beside mkdocs.yml, ignored by git, kept by CI): a build whose
images have not changed decodes none. Each source's sizes are in a small manifest beside its variants.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError, features

# Bump when what is written changes: every cached variant is then made again.
VERSION = "2"
WIDTHS = (480, 800, 1200, 1600)
SHARE_SIZE = (1200, 630)
RASTER_TYPES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
QUALITY = {"avif": 50, "webp": 72, "jpeg": 78}
# The variants of every image, below the site: content-addressed, so a changed image gets new addresses.
SITE_FOLDER = "assets/images/variants"
CACHE_FOLDER = Path(".cache") / "images"
# Pillow refuses images over about 179 million pixels (a decompression bomb); the site refuses at a tenth.
MAX_PIXELS = 60_000_000
ORIENTATION = 0x0112


@dataclass(frozen=True)
class Variant:
    """One file written from an image: its name in the cache and the site, size, format and bytes."""

    name: str
    width: int
    height: int
    format: str
    bytes: int

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class Processed:
    """What the site publishes of one image of docs/."""

    digest: str
    width: int
    height: int
    source_bytes: int
    # The file at the original's own address (its format, at most the largest width).
    published: Variant
    variants: tuple[Variant, ...]
    share: Variant

    def of_format(self, format_name: str) -> tuple[Variant, ...]:
        return tuple(variant for variant in self.variants if variant.format == format_name)

    @property
    def formats(self) -> tuple[str, ...]:
        """The variants' formats, the most compact first."""
        return tuple(dict.fromkeys(variant.format for variant in self.variants))

    def closest(self, width: int, format_name: str | None = None) -> Variant:
        """The narrowest variant at least ``width`` wide (else the widest), in ``format_name`` or the best."""
        found = self.of_format(format_name or self.formats[0])
        return next((variant for variant in found if variant.width >= width), found[-1])


class ImageError(ValueError):
    """An image file the site cannot publish: the message says why, for the writer."""


def output_formats(source_format: str) -> tuple[str, ...]:
    """The formats written for an image: AVIF when Pillow writes it, WebP, and the original's own."""
    modern = ("avif",) if features.check("avif") else ()
    return tuple(dict.fromkeys((*modern, "webp", source_format)))


def digest_of(data: bytes) -> str:
    return hashlib.sha256(VERSION.encode() + b"\0" + data).hexdigest()


def widths_for(width: int) -> tuple[int, ...]:
    """The widths to write for an image ``width`` pixels wide: WIDTHS, none wider than the image itself
    (never upscaled: a narrower image gets its own width instead)."""
    return tuple(sorted({min(size, width) for size in WIDTHS}))


def share_size(width: int, height: int) -> tuple[int, int]:
    """The link preview's size: 1200 × 630, or for a smaller picture the largest box of that shape
    inside it (never upscaled: a blurred preview is worse than a small one)."""
    if width >= SHARE_SIZE[0] and height >= SHARE_SIZE[1]:
        return SHARE_SIZE
    ratio = SHARE_SIZE[0] / SHARE_SIZE[1]
    return max(1, min(width, round(height * ratio))), max(1, min(height, round(width / ratio)))


def encode(picture: Image.Image, path: Path, format_name: str) -> int:
    """Write ``picture`` to ``path``, without metadata; returns its size in bytes."""
    options: dict[str, object] = {}
    if format_name in QUALITY:
        options["quality"] = QUALITY[format_name]
    if format_name == "jpeg":
        options |= {"optimize": True, "progressive": True}
        picture = picture.convert("RGB")
    elif format_name == "png":
        options["optimize"] = True
    elif format_name == "webp":
        options["method"] = 4
    elif format_name == "avif":
        options["speed"] = 8
    # A new image from the pixels alone: nothing of the source's info (EXIF, XMP, ICC, text) is written.
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    os.close(handle)
    try:
        clean.save(temporary, format=format_name.upper(), **options)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path.stat().st_size


def opened(source: Path) -> tuple[Image.Image, str]:
    """The source as an upright picture in a mode every format writes, and its format's name."""
    try:
        picture = Image.open(source)
        format_name = RASTER_TYPES.get(source.suffix.lower())
        if picture.width * picture.height > MAX_PIXELS:
            raise ImageError(f"is {picture.width} × {picture.height} pixels; save it at most 6000 pixels wide")
        if format_name == "jpeg":
            # Decode at half or quarter size when that still gives the widest variant: several times faster.
            turned = picture.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
            picture.draft("RGB", (1, WIDTHS[-1]) if turned else (WIDTHS[-1], 1))
        picture.load()
        picture = ImageOps.exif_transpose(picture)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, SyntaxError):
        raise ImageError("cannot be read as a picture; save it again as PNG, JPEG or WebP") from None
    if format_name is None:
        raise ImageError("is not a PNG, JPEG or WebP file")
    keeps_alpha = "A" in picture.getbands() or picture.mode == "P" and "transparency" in picture.info
    picture = picture.convert("RGBA" if keeps_alpha else "RGB")
    return picture, format_name


class ImageCache:
    """The variants of the site's images, by content hash, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / name[:2] / name

    def processed(self, source: Path) -> Processed:
        """The variants of one image, from the cache, or made now (an ImageError when it cannot be read)."""
        data = source.read_bytes()
        digest = digest_of(data)
        manifest = self.path(f"{digest}.json")
        if manifest.is_file():
            found = read_manifest(manifest)
            if found is not None and all(self.path(variant.name).is_file() for variant in all_files(found)):
                return found
        return self.make(source, digest, len(data), manifest)

    def make(self, source: Path, digest: str, source_bytes: int, manifest: Path) -> Processed:
        picture, source_format = opened(source)
        manifest.parent.mkdir(parents=True, exist_ok=True)
        variants = []
        resized: dict[int, Image.Image] = {}
        larger = picture
        # Widest first, each from the one before it: a 1600-pixel copy resizes faster than the original.
        for width in sorted(widths_for(picture.width), reverse=True):
            height = max(1, round(picture.height * width / picture.width))
            larger = resized[width] = larger if width == larger.width else larger.resize((width, height), Image.Resampling.LANCZOS)
        resized = dict(sorted(resized.items()))
        for format_name in output_formats(source_format):
            for width, scaled in resized.items():
                name = f"{digest[:16]}-{width}.{EXTENSIONS[format_name]}"
                size = encode(scaled, self.path(name), format_name)
                variants.append(Variant(name, width, scaled.height, format_name, size))
        widest = max(resized)
        published = next(variant for variant in variants if variant.format == source_format and variant.width == widest)
        share_picture = ImageOps.fit(picture.convert("RGB"), share_size(picture.width, picture.height), Image.Resampling.LANCZOS)
        share_name = f"{digest[:16]}-share.jpg"
        share = Variant(share_name, *share_picture.size, "jpeg", encode(share_picture, self.path(share_name), "jpeg"))
        found = Processed(digest, picture.width, picture.height, source_bytes, published, tuple(variants), share)
        manifest.write_text(json.dumps(asdict(found)), encoding="utf-8")
        return found


def all_files(found: Processed) -> tuple[Variant, ...]:
    return (*found.variants, found.share)


def read_manifest(path: Path) -> Processed | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Processed(
            digest=data["digest"],
            width=data["width"],
            height=data["height"],
            source_bytes=data["source_bytes"],
            published=Variant(**data["published"]),
            variants=tuple(Variant(**variant) for variant in data["variants"]),
            share=Variant(**data["share"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
