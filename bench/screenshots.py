"""Screenshots of every kind of page, on a phone and a desktop, light and dark, to look at a design.

    python bench/screenshots.py [--out DIR] [--site DIR]

Builds the site (`mkdocs build --strict`, from a copy of the working tree, into a temporary folder)
unless --site names a built one, serves it from 127.0.0.1 as GitHub Pages would (gzip, its 404 page
for an address with no page), and saves, for each kind of page, the first screen at 390x844 (phone)
and 1280x900 (desktop), in the light and the dark scheme (the browser's prefers-color-scheme), as
DIR/<kind>-<phone|desktop>-<light|dark>.png; for the post, the whole page too (...-full.png).
DIR is screenshots/ by default (git-ignored); files of an earlier run are overwritten, not removed.

The kinds are found in the built site, so any design of its pages will do: the home page, the newest
post (from the RSS feed), the blog index, an archive, a category and an author page (below the blog
index, at Material's default addresses), every other page of the sitemap (about, team, privacy ...,
each named by its address), the 404 page (an address with no page) and the RSS feed as its XSL
stylesheet shows it (less Chromium's banner warning that XSLT is going away, the browser's and not
the site's). Prints the files written, then each page's console errors (a violation of the pages'
Content-Security-Policy is one). Takes pictures, asserts nothing.

Needs Chromium at $CHROME_PATH (default /usr/bin/chromium); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, built_site, posts_newest_first, serve_pages, site_pages

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")
FULL_PAGE = {"post"}  # the kinds also shot whole, not only their first screen
MISSING = "no-such-page-here/"  # an address no site has: its answer is the 404 page
FEED = "feed_rss_created.xml"
# Where Material's blog puts its listings, below the blog index (its default *_url_format settings).
LISTINGS = {"archive": "archive/", "category": "category/", "author": "author/"}


def page_kinds(site: Path) -> dict[str, str]:
    """Each kind of page and the path of one page of that kind, below the site's root."""
    posts = posts_newest_first(site)
    if not posts:
        raise SystemExit(f"{site}: its feed lists no post")
    pages = site_pages(site)
    # The blog index is the deepest page of the sitemap whose address holds the newest post's.
    blog = max((page for page in pages if page and posts[0].startswith(page) and page != posts[0]), key=len, default="")
    kinds = {"home": "", "post": posts[0], "blog": blog}
    for kind, folder in LISTINGS.items():
        found = next((page for page in pages if page.startswith(blog + folder)), None)
        if found is None:
            print(f"no {kind} page below {blog or 'the root'}{folder}: not shot", file=sys.stderr)
        else:
            kinds[kind] = found
    for page in pages:
        if page and not page.startswith(blog):
            kinds[page.strip("/").removesuffix(".html").replace("/", "-")] = page
    kinds["404"] = MISSING
    kinds["feed"] = FEED
    return kinds


def shoot(site: Path, out: Path) -> tuple[list[Path], dict[str, list[str]]]:
    """Every kind at every viewport and scheme: the files written, and each kind's console errors."""
    from playwright.sync_api import sync_playwright

    kinds = page_kinds(site)
    written: list[Path] = []
    errors: dict[str, list[str]] = {kind: [] for kind in kinds}
    with serve_pages(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            for scheme in SCHEMES:
                # One context per device and scheme, as one reader's browser: its cache is shared, its pages are not.
                context = browser.new_context(
                    viewport=viewport, color_scheme=scheme, is_mobile=device == "phone", has_touch=device == "phone"
                )
                for kind, path in kinds.items():
                    url, found = base + path, errors[kind]
                    page = context.new_page()
                    page.on("console", lambda message, found=found, url=url: note_error(found, message, url, base))
                    page.on("pageerror", lambda error, found=found: found.append(f"uncaught: {error}"))
                    settle(page, url)
                    name = f"{kind}-{device}-{scheme}"
                    written.append(picture(page, out / f"{name}.png", full_page=False))
                    if kind in FULL_PAGE:
                        written.append(picture(page, out / f"{name}-full.png", full_page=True))
                    page.close()
                context.close()
        browser.close()
    return sorted(written), {kind: list(dict.fromkeys(found)) for kind, found in errors.items()}


def note_error(found: list[str], message, url: str, base: str) -> None:  # type: ignore[no-untyped-def]
    """Keep a console error, with the address it names below the site's root, less the 404 status of
    the 404 page's own address, which is its point."""
    where = message.location.get("url", "")
    if message.type != "error" or (url.endswith(MISSING) and where == url):
        return
    found.append(message.text + (f" ({where.removeprefix(base) or '/'})" if where and where != url else ""))


# Drawn: the fonts are ready, every image has arrived (lazy ones too, for the whole-page pictures),
# and two frames have been painted since. Chromium's own banner over a page an XSL stylesheet made
# (browsers are dropping XSLT) is the browser's, not the site's design: it is taken away.
DRAWN = """async () => {
  document.querySelectorAll('xslt-warning-banner').forEach((banner) => banner.remove());
  await document.fonts.ready;
  const images = [...document.images];
  images.forEach((image) => { image.loading = 'eager'; });
  await Promise.all(images.map((image) => image.complete ? null : new Promise((done) => {
    image.addEventListener('load', done, {once: true});
    image.addEventListener('error', done, {once: true});
  })));
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def settle(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """Open the page and wait until it is drawn."""
    page.goto(url, wait_until="load")
    page.evaluate(DRAWN)


def picture(page, path: Path, *, full_page: bool) -> Path:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="where to save the PNGs (default screenshots/)")
    parser.add_argument("--site", type=Path, help="a built site to shoot instead of building one")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = built_site(args.site) if args.site else build_site(Path(temporary))
        written, errors = shoot(site, args.out)
    print(f"{len(written)} screenshots in {args.out}:")
    for path in written:
        print(f"    {path.name}")
    for kind, found in errors.items():
        print(f"console errors on {kind}: {'none' if not found else len(found)}")
        for error in found:
            print(f"    {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
