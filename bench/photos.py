"""Camera-like photos, generated (never downloaded): a sky, hills, foliage and sensor noise, with the
EXIF a phone writes (its maker, an orientation and a GPS position), so that what the site publishes
can be checked for metadata. Each seed gives a different picture (and a different content hash).
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

# A place that is nobody's: the middle of the North Sea.
GPS = {1: "N", 2: (55.0, 0.0, 0.0), 3: "E", 4: (3.0, 0.0, 0.0)}


@lru_cache(maxsize=2)
def texture(width: int, height: int) -> Image.Image:
    """The costly part, made once per size: a landscape with fine detail."""
    rng = random.Random(width * height)
    gradient = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge(
        "RGB",
        (gradient.point(lambda v: 90 + v // 3), gradient.point(lambda v: 130 + v // 4), gradient.point(lambda v: 200 - v // 4)),
    )
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x, y, r = rng.randrange(width), rng.randrange(height // 3, height), rng.randrange(width // 40, width // 6)
        draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=(rng.randrange(30, 120), rng.randrange(60, 160), rng.randrange(20, 90)))
    picture = picture.filter(ImageFilter.GaussianBlur(6))
    draw = ImageDraw.Draw(picture)
    for _ in range(width * height // 200):
        x, y, r = rng.randrange(width), rng.randrange(height // 3, height), rng.randrange(2, 14)
        green = rng.randrange(40, 200)
        draw.line((x, y, x + rng.randrange(-r, r), y - r), fill=(green // 2, green, green // 3), width=rng.randrange(1, 4))
    picture = picture.filter(ImageFilter.GaussianBlur(0.8))
    return Image.blend(picture, Image.effect_noise((width, height), 40).convert("RGB"), 0.12)


def write_photo(path: Path, seed: int = 0, size: tuple[int, int] = (4000, 3000), quality: int = 92) -> Path:
    """A JPEG photo at ``path``, ``size`` pixels, different for each ``seed``, with EXIF and GPS."""
    rng = random.Random(seed)
    base = texture(*size)
    shifted = ImageChops.offset(base, rng.randrange(size[0]), rng.randrange(size[1] // 8))
    tint = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    photo = Image.blend(shifted, tint, 0.06)
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x0112] = 1  # Orientation: upright
    exif[0x8825] = GPS
    path.parent.mkdir(parents=True, exist_ok=True)
    photo.save(path, quality=quality, exif=exif)
    return path
