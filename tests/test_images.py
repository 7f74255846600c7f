"""Photos: responsive variants with width and height, no metadata, a cache, covers, and notes for writers.

The fixture photos are generated (bench/photos.py), with the EXIF and GPS a phone writes; expectations
come from the files the fixture adds and from every page the build writes.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, features
from playwright.sync_api import Browser

from conftest import ROOT, Build, build_variant, post, run_build, serve_site, text
from sources import copy_project
from test_readers_browser import WCAG, axe_violations, open_page

sys.path.insert(0, str(ROOT / "bench"))
from photos import write_photo  # noqa: E402

IMAGES = "assets/images/posts"
PHOTO = (2400, 1800)
SMALL = (900, 600)
COVERED = post(
    "A post with photos",
    """\
    The opening.

    <!-- more -->

    ## A section

    ![A path between trees](../../assets/images/posts/walk.jpg)

    ![A diagram with a transparent background](../../assets/images/posts/diagram.png)

    ![A turned photo](../../assets/images/posts/turned.jpg)

    ![A short animation](../../assets/images/posts/moving.gif) ![A drawing](../../assets/images/posts/drawing.svg)
    """,
    image="../../assets/images/posts/walk.jpg",
    image_alt="A path between trees",
)
SMALL_COVER = post(
    "A post with a small cover", image="../../assets/images/posts/small.jpg", image_alt="A small picture", created="2025-01-10"
)


def add_images(docs: Path) -> None:
    folder = docs / IMAGES
    write_photo(folder / "walk.jpg", seed=1, size=PHOTO)
    write_photo(folder / "small.jpg", seed=2, size=SMALL)
    # Stored landscape, shown portrait: EXIF orientation 6 (turn 90° clockwise to view).
    turned = folder / "turned.jpg"
    write_photo(turned, seed=3, size=(1600, 1200))
    with Image.open(turned) as picture:
        exif = picture.getexif()
        exif[0x0112] = 6
        picture.save(turned, exif=exif, quality=90)
    diagram = Image.new("RGBA", (1000, 500), (0, 0, 0, 0))
    diagram.paste((30, 90, 80, 255), (100, 100, 900, 400))
    diagram.save(folder / "diagram.png")
    frames = [Image.new("RGB", (300, 200), colour) for colour in ((200, 80, 60), (60, 80, 200))]
    frames[0].save(folder / "moving.gif", save_all=True, append_images=frames[1:], duration=500, loop=0)
    (folder / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60" fill="#2a6"/></svg>',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Build:
    where = tmp_path_factory.mktemp("photos")
    build = build_variant(where, posts={"photos.md": COVERED, "small-cover.md": SMALL_COVER}, setup=add_images)
    assert build.returncode == 0, build.log
    return build


def pictures_of(page: BeautifulSoup) -> list:
    return page.find_all("picture")


def test_every_img_has_width_height_and_alt(photos: Build) -> None:
    pages = {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in photos.site.rglob("*.html")}
    images = [(path, img) for path, page in pages.items() for img in page.find_all("img")]
    assert len(images) > len(pages)
    for path, img in images:
        assert img.get("width") and img.get("height"), (path, img)
        assert img.get("alt") is not None, (path, img)


def test_a_photo_is_a_picture_of_variants(photos: Build) -> None:
    page = photos.page("blog/a-post-with-photos")
    article = page.select_one("article")
    found = pictures_of(article)
    assert len(found) == 4  # the cover and the three pictures of the text
    modern = ["image/avif", "image/webp"] if features.check("avif") else ["image/webp"]
    for element in found:
        assert [source["type"] for source in element.find_all("source")] == modern
        img = element.img
        for candidate in [source["srcset"] for source in element.find_all("source")] + [img["srcset"]]:
            widths = [int(width) for width in re.findall(r" (\d+)w", candidate)]
            assert widths == sorted(widths) and widths
            for url in re.findall(r"(\S+) \d+w", candidate):
                file = (photos.site / "blog/a-post-with-photos" / url).resolve()
                with Image.open(file) as variant:
                    assert variant.width in widths
                    assert variant.width <= int(img["width"])
        assert img["sizes"]
        # The declared size has the picture's own ratio.
        with Image.open((photos.site / "blog/a-post-with-photos" / img["src"]).resolve()) as fallback:
            assert abs(fallback.width / fallback.height - int(img["width"]) / int(img["height"])) < 0.01


def test_pictures_published_as_they_are_get_their_size(photos: Build) -> None:
    article = photos.page("blog/a-post-with-photos").select_one("article")
    moving = article.find("img", alt="A short animation")
    drawing = article.find("img", alt="A drawing")
    assert (moving["width"], moving["height"]) == ("300", "200") and moving.find_parent("picture") is None
    assert (drawing["width"], drawing["height"]) == ("120", "60")
    with Image.open(photos.site / IMAGES / "moving.gif") as published:
        assert published.n_frames == 2  # still moving


def test_never_upscaled_and_never_published_whole(photos: Build) -> None:
    with Image.open(photos.site / IMAGES / "walk.jpg") as published:
        assert published.width == 1600 and published.height == 1200  # the 2400-pixel photo, at most 1600 wide
    page = photos.page("blog/a-post-with-a-small-cover")
    img = page.select_one(".mm-post-cover img")
    assert img["width"] == str(SMALL[0]) and img["height"] == str(SMALL[1])
    widths = [int(width) for width in re.findall(r" (\d+)w", img["srcset"])]
    assert max(widths) == SMALL[0]


def test_no_published_image_carries_metadata(photos: Build) -> None:
    published = [path for path in photos.site.rglob("*") if path.suffix.lower() in {".jpg", ".png", ".webp", ".avif"}]
    assert len(published) > 20
    for path in published:
        with Image.open(path) as picture:
            assert not len(picture.getexif()), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(picture.info), path


def test_a_turned_photo_is_published_upright(photos: Build) -> None:
    img = next(
        element.img for element in pictures_of(photos.page("blog/a-post-with-photos")) if element.img["alt"] == "A turned photo"
    )
    assert int(img["height"]) > int(img["width"])
    with Image.open((photos.site / "blog/a-post-with-photos" / img["src"]).resolve()) as fallback:
        assert fallback.height > fallback.width


def test_transparency_is_kept(photos: Build) -> None:
    img = next(
        element.img
        for element in pictures_of(photos.page("blog/a-post-with-photos"))
        if element.img["alt"].startswith("A diagram")
    )
    with Image.open((photos.site / "blog/a-post-with-photos" / img["src"]).resolve()) as fallback:
        assert fallback.format == "PNG" and fallback.mode == "RGBA"
        assert fallback.getpixel((0, 0))[3] == 0


def test_the_first_picture_of_a_post_loads_first(photos: Build) -> None:
    page = photos.page("blog/a-post-with-photos")
    images = [element.img for element in pictures_of(page)]
    assert images[0].find_parent(class_="mm-post-cover") is not None
    assert images[0]["loading"] == "eager" and images[0]["fetchpriority"] == "high"
    assert all(img["loading"] == "lazy" and not img.get("fetchpriority") for img in images[1:])
    home = photos.page("")
    assert all(element.img["loading"] == "lazy" for element in pictures_of(home))


def test_covers_on_the_home_page_and_the_blog_index(photos: Build) -> None:
    listing = [img for page in photos.listing("blog").values() for img in page.select("img.mm-card__cover")]
    assert {img["alt"] for img in listing} >= {"A path between trees", "A small picture"}
    home = photos.page("")
    covers = {"A post with photos": "A path between trees", "A post with a small cover": "A small picture"}
    for card in home.select(".mm-card"):
        title = text(card.select_one(".mm-card__title"))
        if title in covers:  # among the newest posts the home page shows
            assert card.select_one("img.mm-card__cover")["alt"] == covers[title]
    for img in listing + home.select("img.mm-card__cover"):
        assert img.find_parent("picture") is not None


def test_share_image_and_enclosure(photos: Build) -> None:
    page = photos.page("blog/a-post-with-photos")
    url = page.select_one('meta[property="og:image"]')["content"]
    assert page.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert page.select_one('meta[property="og:image:height"]')["content"] == "630"
    site_url = "https://modern-mindwork.github.io/"
    with Image.open(photos.site / url.removeprefix(site_url)) as share:
        assert share.size == (1200, 630) and share.format == "JPEG"
    feed = (photos.site / "feed_rss_created.xml").read_text(encoding="utf-8")
    item = next(part for part in feed.split("<item>") if "a-post-with-photos" in part)
    enclosure = re.search(r'<enclosure url="([^"]+)" type="([^"]+)" length="(\d+)"', item)
    path = photos.site / enclosure.group(1).removeprefix(site_url)
    with Image.open(path) as medium:
        assert medium.width == 800 and enclosure.group(2) == Image.MIME[medium.format]
    assert int(enclosure.group(3)) == path.stat().st_size


def test_a_small_cover_is_a_note_not_a_failure(photos: Build) -> None:
    line = next(number for number, text in enumerate(SMALL_COVER.splitlines(), start=1) if text.startswith("image:"))
    assert f"docs/blog/posts/small-cover.md:{line}: note: image: the cover is {SMALL[0]} pixels wide" in photos.log
    assert "photos.md:" not in photos.log  # a 2400-pixel cover is wide enough


def test_the_writers_check_shows_a_note_and_passes(tmp_path: Path) -> None:
    import subprocess

    project = copy_project(tmp_path / "project", also=(".ci", "CONTRIBUTING.md", ".codespellrc", ".codespell-words.txt"))
    write_photo(project / "docs" / IMAGES / "small.jpg", seed=2, size=SMALL)
    (project / "docs" / "blog" / "posts" / "small-cover.md").write_text(SMALL_COVER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(project / ".ci" / "writers_check.py")], cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, "GITHUB_ACTIONS": "true", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(number for number, text in enumerate(SMALL_COVER.splitlines(), start=1) if text.startswith("image:"))
    assert f"::notice file=docs/blog/posts/small-cover.md,line={line},title=image::image: the cover is" in result.stdout


def test_a_file_that_is_no_picture_is_one_line(tmp_path: Path) -> None:
    def broken(docs: Path) -> None:
        (docs / IMAGES).mkdir(parents=True, exist_ok=True)
        (docs / IMAGES / "broken.jpg").write_text("not a picture", encoding="utf-8")

    build = build_variant(tmp_path, setup=broken)
    assert build.returncode != 0
    assert f"docs/{IMAGES}/broken.jpg:1: image: cannot be read as a picture" in build.log
    assert "Traceback" not in build.log


def cache_files(project: Path) -> dict[str, int]:
    folder = project / ".cache" / "images"
    return {path.name: path.stat().st_mtime_ns for path in folder.glob("*/*")}


def test_a_rebuild_with_unchanged_images_makes_none(photos: Build) -> None:
    project = photos.site.parent / "project"
    before = cache_files(project)
    assert any(name.endswith(".json") for name in before)
    again = run_build(project, photos.site.parent / "again", "variant.yml")
    assert again.returncode == 0, again.log
    assert cache_files(project) == before
    # A changed photo gets new variants; the old ones leave the cache.
    write_photo(project / "docs" / IMAGES / "small.jpg", seed=9, size=SMALL)
    changed = run_build(project, photos.site.parent / "changed", "variant.yml")
    assert changed.returncode == 0, changed.log
    after = cache_files(project)
    assert len(after) == len(before) and set(after) != set(before)
    assert not (photos.site.parent / "project" / "docs" / ".cache").exists()


def test_the_report_gives_each_posts_image_bytes(photos: Build) -> None:
    import subprocess

    project = photos.site.parent / "project"
    result = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "writers_report.py"), "--config", str(project / "mkdocs.yml")],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    row = next(line for line in result.stdout.splitlines() if line.startswith("| A post with photos"))
    shown = int(re.search(r"\| 3 \((\d+) KB\) \|$", row).group(1))
    manifests = [json.loads(path.read_text()) for path in (project / ".cache" / "images").glob("*/*.json")]
    assert shown > 0 and manifests


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_nothing_shifts_and_axe_finds_nothing(browser: Browser, photos: Build, viewport: str) -> None:
    with serve_site(photos.site) as address:
        page = open_page(browser, address.rstrip("/") + "/blog/a-post-with-photos/", viewport=viewport)
        page.evaluate(
            "window.__shift = 0; new PerformanceObserver(list => { for (const entry of list.getEntries())"
            " if (!entry.hadRecentInput) window.__shift += entry.value }).observe({type: 'layout-shift', buffered: true})"
        )
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__shift") == 0
        assert page.evaluate("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
        assert axe_violations(page, WCAG) == []
        page.context.close()
