"""Photos at the site's cost and a reader's: a post with a 4000 × 3000 camera photo, and 1,000 posts of
which a tenth have one, beside a vanilla Material blog on the same posts and photos.

    cd bench && npm ci && cd .. && python bench/images.py [--runs 3] [--posts 1000] [--no-lighthouse]

1. The post with the photo (its cover, and again in its text), Lighthouse mobile (a phone-sized
   viewport), served gzip from 127.0.0.1: the bytes transferred to open it, LCP, CLS and the
   performance score, median of --runs; and whether any image the site publishes carries EXIF.
2. The grown site: the build's wall time with a cold image cache (emptied) and a warm one (median of
   --runs), and vanilla Material's (median of --runs), interleaved, and the warm ratio.

The photos are generated (bench/photos.py), each a different picture. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, copy_project, median, mkdocs, serve_gzip, write_vanilla_config
from lighthouse import LIGHTHOUSE, lighthouse
from photos import write_photo
from PIL import Image
from scale import generated_post, timed_build

PHOTO_POST = """\
---
title: "A walk in the park"
description: "A post with a camera photo as its cover and in its text: what a reader on a phone downloads."
date:
  created: {today}
authors:
  - modern-mindwork
categories:
  - Trauma
image: ../../assets/images/posts/walk.jpg
image_alt: "Trees and grass in a park under a pale sky"
---

Walking outside is one of the simplest things a person can do for their mood, and many readers tell us
it helps.

<!-- more -->

## What a walk can do

A walk gives the day a shape. It is time outside, with light and air, at a pace the body sets.

![Trees and grass in a park under a pale sky](../../assets/images/posts/walk.jpg)

Start small: ten minutes, at a time of day you can keep.
"""


def photo_post_project(where: Path) -> Path:
    project = copy_project(where)
    write_photo(project / "docs" / "assets" / "images" / "posts" / "walk.jpg", seed=0)
    # Dated today: the newest post, and published (a post dated later waits for its day).
    text = PHOTO_POST.replace("{today}", date.today().isoformat())
    (project / "docs" / "blog" / "posts" / "walk.md").write_text(text, encoding="utf-8")
    write_vanilla_config(project)
    return project


def exif_carriers(site: Path) -> list[str]:
    """The published images that carry EXIF (or XMP) metadata."""
    found = []
    for path in site.rglob("*"):
        if path.suffix.lower() not in {".jpg", ".jpeg", ".png", ".webp", ".avif"}:
            continue
        with Image.open(path) as picture:
            if len(picture.getexif()) or "exif" in picture.info or "xmp" in picture.info or "XML:com.adobe.xmp" in picture.info:
                found.append(str(path.relative_to(site)))
    return found


def lighthouse_figures(site: Path, path: str, runs: int, scratch: Path) -> dict[str, float]:
    results = []
    with serve_gzip(site) as base:
        for run in range(runs):
            result = lighthouse(base + path, scratch / f"photo-{run}.json")
            audits = result["audits"]
            results.append({
                "performance": round(100 * (result["categories"]["performance"]["score"] or 0)),
                "weight_kb": audits["total-byte-weight"]["numericValue"] / 1024,
                "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
                "cls": audits["cumulative-layout-shift"]["numericValue"],
            })
    return {key: median([found[key] for found in results]) for key in results[0]}


def grown_project(where: Path, posts: int) -> Path:
    """``posts`` generated posts; every tenth has its own 4000 × 3000 photo as its cover."""
    project = copy_project(where)
    rng = random.Random(posts)
    folder = project / "docs" / "blog" / "posts"
    images = project / "docs" / "assets" / "images" / "posts"
    for number in range(posts):
        text = generated_post(number, rng)
        if number % 10 == 0:
            write_photo(images / f"photo-{number:04d}.jpg", seed=number + 1)
            text = text.replace(
                "categories:", f"image: ../../assets/images/posts/photo-{number:04d}.jpg\nimage_alt: \"A park\"\ncategories:", 1
            )
        (folder / f"generated-{number:04d}.md").write_text(text, encoding="utf-8")
    write_vanilla_config(project)
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--no-lighthouse", action="store_true", help="only the build times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        if not args.no_lighthouse:
            if not LIGHTHOUSE.exists():
                print("Lighthouse is not installed: run `npm ci` in bench/ first.", file=sys.stderr)
                return 2
            project = photo_post_project(scratch / "photo")
            original = (project / "docs" / "assets" / "images" / "posts" / "walk.jpg").stat().st_size
            print(f"A post with a 4000 × 3000 photo ({original / 1024 / 1024:.1f} MB, with EXIF and GPS) as its cover "
                  f"and in its text; Lighthouse mobile, median of {args.runs}, served gzip from 127.0.0.1 ({ROOT.name})")
            print(f"{'site':<18}{'perf':>6}{'transferred KB':>16}{'LCP ms':>8}{'CLS':>7}{'EXIF':>22}")
            for name, config in (("this site", project / "mkdocs.yml"), ("vanilla Material", project / "vanilla.yml")):
                site = scratch / f"photo-site-{name.split()[0]}"
                built = mkdocs(project, config, site)
                if built.returncode != 0:
                    print(f"{name}: the build failed\n{built.stdout}{built.stderr}", file=sys.stderr)
                    return 1
                found = lighthouse_figures(site, "blog/a-walk-in-the-park/", args.runs, scratch)
                carriers = exif_carriers(site)
                exif = "none" if not carriers else f"{len(carriers)} images"
                print(f"{name:<18}{found['performance']:>6.0f}{found['weight_kb']:>16.1f}{found['lcp_ms']:>8.0f}"
                      f"{found['cls']:>7.3f}{exif:>22}")
        project = grown_project(scratch / "grown", args.posts)
        photos = len(list((project / "docs" / "assets" / "images" / "posts").glob("photo-*.jpg")))
        cache = project / ".cache" / "images"
        # One cold build (every photo made into its variants: minutes), then warm and vanilla interleaved.
        shutil.rmtree(cache, ignore_errors=True)
        cold = timed_build(project, "mkdocs.yml", scratch / "grown-site")[0]
        times: dict[str, list[float]] = {"warm": [], "vanilla": []}
        for _ in range(args.runs):
            times["warm"].append(timed_build(project, "mkdocs.yml", scratch / "grown-site")[0])
            times["vanilla"].append(timed_build(project, "vanilla.yml", scratch / "vanilla-grown-site")[0])
        warm, vanilla = median(times["warm"]), median(times["vanilla"])
        print(f"\n{args.posts} posts, {photos} with a 4000 × 3000 photo; `mkdocs build --strict`, warm and vanilla the "
              f"median of {args.runs}, interleaved")
        print(f"  this site, cold image cache  {cold:7.2f} s (one build)")
        print(f"  this site, warm image cache  {warm:7.2f} s")
        print(f"  vanilla Material             {vanilla:7.2f} s")
        print(f"  warm / vanilla               {warm / vanilla:7.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
