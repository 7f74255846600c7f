"""The reading figures of a post, as Chromium lays it out on a desktop (1280x900) and a phone (390x844).

    python bench/reading.py [--site DIR]

Builds the site (`mkdocs build --strict`, from a copy of the working tree, into a temporary folder)
unless --site names a built one, serves it from 127.0.0.1, opens the newest post and prints, for each
viewport: the body text's font size and line height (computed, of the article's own paragraphs: not
those of its header, notes, lists, quotes, tables or admonitions), the width of its column, the
characters per line (each paragraph cut into its rendered lines; the median and the range over full
lines, that is every line but a paragraph's last), and where the post header (.mm-post-header) ends
against the first screen. Then, on the newest post with a crisis note (.mm-crisis-note): the note's
height, whether it comes before the article's first h2, and the size of each of its links and
buttons; and the size of the footer crisis line's links (.mm-crisis-line a). "smallest" is the
smallest width by the smallest height over them. A measurement, not a test: it asserts nothing.

Needs Chromium at $CHROME_PATH (default /usr/bin/chromium); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from common import CHROMIUM, CHROMIUM_ARGS, build_site, built_site, posts_newest_first, serve_pages

VIEWPORTS = {"1280x900": {"width": 1280, "height": 900}, "390x844": {"width": 390, "height": 844}}
ARTICLE = ".md-content article"
CRISIS_NOTE = ".mm-crisis-note"
CRISIS_LINE = ".mm-crisis-line"
POST_HEADER = ".mm-post-header"

# Everything the page shows, measured in the page itself. A paragraph is the article's own text when
# it has no class (a byline, an admonition's title) and nothing between it and the article sets it
# apart (a header, a note, a list, a quote, a table, an admonition, a form ...). A paragraph's lines
# are found character by character: a character whose box starts more than half a line below the
# current line's starts a new one; white space is read as one space and dropped at a line's ends.
MEASURE = """([articleSelector, noteSelector, lineSelector, headerSelector]) => {
  const article = document.querySelector(articleSelector) || document.querySelector('article');
  const apart = 'header, footer, nav, aside, form, figure, blockquote, table, li, dl, details, dialog, '
    + '.admonition, .footnote, [role=note], ' + noteSelector;
  const box = (element) => {
    const rect = element.getBoundingClientRect();
    return {text: element.textContent.trim().replace(/\\s+/g, ' '), width: rect.width, height: rect.height,
            top: rect.top + window.scrollY, bottom: rect.bottom + window.scrollY, pieces: element.getClientRects().length};
  };
  const linesOf = (paragraph, lineHeight) => {
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const lines = [];
    let line = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let index = 0; index < node.data.length; index++) {
        const character = node.data[index];
        if (/\\s/.test(character)) {
          if (line) line.text += ' ';
          continue;
        }
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const rect = [...range.getClientRects()].find((r) => r.width > 0);
        if (!rect) continue;
        if (!line || rect.top > line.top + lineHeight / 2) {
          line = {top: rect.top, text: ''};
          lines.push(line);
        }
        line.text += character;
      }
    }
    return lines.map((found) => ({top: found.top, characters: found.text.replace(/\\s+/g, ' ').trim().length}));
  };
  const own = article ? [...article.querySelectorAll('p')].filter((paragraph) => {
    const set = paragraph.parentElement.closest(apart);
    return !paragraph.className && !(set && article.contains(set) && set !== article);
  }) : [];
  const paragraphs = own.map((paragraph) => {
    const style = getComputedStyle(paragraph);
    const fontSize = parseFloat(style.fontSize);
    const computed = parseFloat(style.lineHeight);  // NaN for 'normal'
    const lines = linesOf(paragraph, computed || fontSize * 1.2);
    const steps = lines.slice(1).map((found, index) => found.top - lines[index].top);
    return {fontSize, lineHeight: computed || null, steps, width: paragraph.clientWidth,
            lines: lines.map((found) => found.characters)};
  });
  const note = document.querySelector(noteSelector);
  const firstSection = article && article.querySelector('h2');
  const header = document.querySelector(headerSelector);
  const footerLines = document.querySelectorAll('footer ' + lineSelector);
  const lines = footerLines.length ? footerLines : document.querySelectorAll(lineSelector);
  return {
    paragraphs,
    header: header ? box(header) : null,
    note: note ? {
      ...box(note),
      links: [...note.querySelectorAll('a, button')].map(box),
      beforeFirstSection: firstSection ? Boolean(note.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
      firstSectionTop: firstSection ? box(firstSection).top : null,
    } : null,
    crisisLineLinks: [...lines].flatMap((found) => [...found.querySelectorAll('a')]).map(box),
  };
}"""


def page_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def first_with(site: Path, paths: list[str], selector: str) -> str | None:
    """The first of the pages whose built HTML holds an element the selector finds."""
    for path in paths:
        if BeautifulSoup(page_file(site, path).read_text(encoding="utf-8"), "html.parser").select_one(selector):
            return path
    return None


def measure(site: Path, paths: set[str]) -> dict[tuple[str, str], dict]:
    """What MEASURE finds on each page at each viewport, by (path, viewport)."""
    from playwright.sync_api import sync_playwright

    found = {}
    with serve_pages(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, viewport in VIEWPORTS.items():
            phone = viewport["width"] < 600
            context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
            for path in sorted(paths):
                page = context.new_page()
                page.goto(base + path, wait_until="load")
                page.evaluate("document.fonts.ready")
                found[path, name] = page.evaluate(MEASURE, [ARTICLE, CRISIS_NOTE, CRISIS_LINE, POST_HEADER])
                page.close()
            context.close()
        print(f"Chromium {browser.version}")
        browser.close()
    return found


def px(value: float) -> str:
    return f"{value:.4g} px"


def sizes(boxes: list[dict]) -> str:
    """Each box as text WxH (a link broken over lines says in how many pieces)."""
    return ", ".join(
        f"{box['text']!r} {box['width']:.0f}x{box['height']:.0f}" + (f" ({box['pieces']} pieces)" if box["pieces"] > 1 else "")
        for box in boxes
    ) or "none"


def smallest(boxes: list[dict]) -> str:
    if not boxes:
        return "none"
    return f"{min(box['width'] for box in boxes):.0f}x{min(box['height'] for box in boxes):.0f}"


def text_rows(figures: dict, screen: int) -> dict[str, str]:
    """The body text's rows of the table, for one viewport whose first screen is ``screen`` px high."""
    paragraphs = figures["paragraphs"]
    header = figures["header"]
    where = "" if header is None else "on" if header["bottom"] <= screen else "below"
    rows = {"post header bottom / first screen": f"{header['bottom']:.0f} / {screen} px ({where} it)" if header else "no post header"}
    if not paragraphs:
        return {"body font size": f"no paragraphs in {ARTICLE}", **rows}
    font_size = statistics.multimode(paragraph["fontSize"] for paragraph in paragraphs)[0]
    computed = [paragraph["lineHeight"] for paragraph in paragraphs if paragraph["lineHeight"]]
    steps = [step for paragraph in paragraphs for step in paragraph["steps"]]
    line_height = statistics.median(computed) if computed else statistics.median(steps) if steps else float("nan")
    full = [count for paragraph in paragraphs for count in paragraph["lines"][:-1]]
    return {
        "body font size": px(font_size),
        "line height": f"{px(line_height)} ({line_height / font_size:.2f})" + ("" if computed else " measured"),
        "text column width": px(statistics.median(paragraph["width"] for paragraph in paragraphs)),
        "characters per line: median (min-max)": f"{statistics.median(full):.0f} ({min(full)}-{max(full)})" if full else "no full line",
        "full lines measured (paragraphs)": f"{len(full)} ({len(paragraphs)})",
        **rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        site = built_site(args.site) if args.site else build_site(Path(temporary))
        posts = posts_newest_first(site)
        if not posts:
            raise SystemExit(f"{site}: its feed lists no post")
        newest, crisis = posts[0], first_with(site, posts, CRISIS_NOTE)
        found = measure(site, {newest} | ({crisis} if crisis else set()))
    rows: dict[str, dict[str, str]] = {}  # label: viewport: value
    details: list[str] = []
    for name, viewport in VIEWPORTS.items():
        figures = found[newest, name]
        for label, value in text_rows(figures, viewport["height"]).items():
            rows.setdefault(label, {})[name] = value
        line_links = figures["crisisLineLinks"]
        rows.setdefault("footer crisis line links: smallest", {})[name] = smallest(line_links)
        details.append(f"{name} footer crisis line links: {sizes(line_links)}")
        if crisis is None:
            continue
        note = found[crisis, name]["note"]
        if note is None:  # in the built page, but not in the page the browser shows
            rows.setdefault("crisis note height", {})[name] = "not shown"
            continue
        before = {True: "yes", False: "no", None: "no h2"}[note["beforeFirstSection"]]
        rows.setdefault("crisis note height", {})[name] = px(note["height"])
        where = f" ({note['top']:.0f} vs {note['firstSectionTop']:.0f} px)" if note["firstSectionTop"] is not None else ""
        rows.setdefault("crisis note before the first h2", {})[name] = before + where
        rows.setdefault("crisis note links: smallest", {})[name] = smallest(note["links"])
        details.append(f"{name} crisis note links: {sizes(note['links'])}")
    print(f"the newest post: {newest}")
    print(f"the newest post with a crisis note ({CRISIS_NOTE}): {crisis or 'none'}")
    width = max(map(len, rows)) + 2
    print(f"{'':<{width}}" + "".join(f"{name:<28}" for name in VIEWPORTS))
    for label, values in rows.items():
        print(f"{label:<{width}}" + "".join(f"{values.get(name, '-'):<28}" for name in VIEWPORTS))
    for line in details:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
