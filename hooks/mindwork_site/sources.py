"""A post's sources: its footnotes, shown as a numbered "Sources" list at body size, and read back
for the post's JSON-LD ``citation``.

Writers cite with Markdown footnotes (``[^1]`` in the text, ``[^1]: Author A. Title. Journal. 2020.
doi:10.1000/xyz`` below), as post-template.md shows. ``SourcesExtension`` runs inside Python-Markdown,
after the footnotes extension has built its list:

- the list follows the post's own ``## Sources`` heading (the end of that section), or gets one;
- ``doi:10.…`` and ``PMID: 123…`` in a source become links to https://doi.org/ and PubMed.

``citations`` reads the rendered list back, for seo.py. The words and classes the templates and
styles rely on are here once.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

HEADING = "Sources"
HEADING_ID = "sources"
LIST_CLASS = "mm-sources"
# The footnotes extension's own classes (markdown/extensions/footnotes.py).
FOOTNOTES_CLASS = "footnote"
BACKREF_CLASS = "footnote-backref"
# A DOI (doi:10.1056/NEJMoa1234567, or a doi.org address written as text) and a PubMed id (PMID: 12345678).
# A DOI may hold almost any character; a sentence's last full stop or a closing bracket is not part of it.
# Python-Markdown's placeholders (the footnotes' non-breaking space) are control characters: an end too.
DOI = re.compile(
    r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(?P<id>10\.\d{4,9}/[^\s<>\"\x00-\x1f]+?)(?=[.,;:)\]]*(?:[\s\x00-\x1f]|$))",
    re.IGNORECASE,
)
PMID = re.compile(r"\bPMID:?\s*(?P<id>\d{1,9})\b")


# A footnote's mark Markdown left as text (no source was given for it), and the ids Python-Markdown
# gives a source (fn:one) and each of its marks (fnref:one, fnref2:one ...).
LITERAL_MARK = re.compile(r"\[\^(?P<id>[^\]\s]+)\]")
SOURCE_ID = re.compile(r'<li id="fn:(?P<id>[^"]+)"')
MARK_ID = re.compile(r'<sup id="fnref\d*:(?P<id>[^"]+)"')


class ProseText(HTMLParser):
    """The text of rendered HTML outside code, where a footnote mark left as text means a missing source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.code += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        self.code -= tag in ("code", "pre") and self.code > 0

    def handle_data(self, data: str) -> None:
        if not self.code:
            self.text.append(data)


def footnote_problems(html: str) -> list[tuple[str, str]]:
    """What is wrong with a rendered page's sources, as (what to look for in its Markdown, the problem):
    a mark with no source (Markdown prints it as text), and a source no mark cites."""
    if "[^" not in html and 'id="fn:' not in html:
        return []
    prose = ProseText()
    prose.feed(html)
    prose.close()
    problems = [
        (f"[^{mark}]", f"the source [^{mark}] is cited but never given; add a line '[^{mark}]: authors. title. journal. "
                       "year.' under '## Sources', or remove the mark")
        for mark in dict.fromkeys(found.group("id") for found in LITERAL_MARK.finditer("".join(prose.text)))
    ]
    cited = {found.group("id") for found in MARK_ID.finditer(html)}
    problems += [
        (f"[^{source}]:", f"the source [^{source}] is given but never cited; add [^{source}] after the sentence it "
                          "supports, or remove the source")
        for source in dict.fromkeys(found.group("id") for found in SOURCE_ID.finditer(html))
        if source not in cited
    ]
    return problems


@dataclass(frozen=True)
class Citation:
    """One source as a post's JSON-LD cites it: its text, and its DOI or PubMed address if it has one."""

    text: str
    url: str | None


def doi_url(identifier: str) -> str:
    return "https://doi.org/" + identifier


def pubmed_url(identifier: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{identifier}/"


def linked_identifiers(text: str) -> list[tuple[str, str | None]]:
    """A source's text cut into pieces: plain text (None) and identifiers with the address they link to."""
    found = sorted(
        [(match.start(), match.end(), doi_url(match.group("id"))) for match in DOI.finditer(text)]
        + [(match.start(), match.end(), pubmed_url(match.group("id"))) for match in PMID.finditer(text)]
    )
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, url in found:
        if start < at:  # overlapping matches: the first wins
            continue
        pieces += [(text[at:start], None), (text[start:end], url)]
        at = end
    return [*pieces, (text[at:], None)]


def link_text(parent: ET.Element, index: int, text: str) -> list[ET.Element]:
    """The ``<a>`` elements for the identifiers in ``text``; the text before the first stays where it
    was, the rest goes into each link's tail. Returns the links to insert at ``index`` of ``parent``."""
    pieces = linked_identifiers(text)
    if len(pieces) == 1:
        return []
    links = []
    for (label, url), (tail, _) in zip(pieces[1::2], pieces[2::2]):
        link = ET.Element("a", {"href": url or ""})
        link.text, link.tail = label, tail
        links.append(link)
    if index < 0:
        parent.text = pieces[0][0]
    else:
        parent[index].tail = pieces[0][0]
    return links


def link_identifiers(element: ET.Element) -> None:
    """Link every DOI and PMID in the text of ``element`` and its descendants, outside links."""
    if element.tag == "a":
        return
    for child in list(element):
        link_identifiers(child)
    # Text before the first child, then each child's tail, from the last so positions hold.
    for position in range(len(element) - 1, -2, -1):
        text = element.text if position < 0 else element[position].tail
        if text:
            for offset, link in enumerate(link_text(element, position, text)):
                element.insert(position + 1 + offset, link)


def is_sources_heading(element: ET.Element) -> bool:
    return element.tag == "h2" and "".join(element.itertext()).strip().casefold() == HEADING.casefold()


class SourcesTreeprocessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        footnotes = next(
            (child for child in root if child.tag == "div" and FOOTNOTES_CLASS in child.get("class", "").split()), None
        )
        if footnotes is None:
            return
        root.remove(footnotes)
        for rule in footnotes.findall("hr"):
            footnotes.remove(rule)
        # A source no mark cites has nowhere to go back to (the check says so): no link to a missing place.
        cited = {element.get("id", "").partition(":")[2] for element in root.iter("sup") if element.get("id", "").startswith("fnref")}
        for item in footnotes.iter("li"):
            if item.get("id", "").partition(":")[2] not in cited:
                for parent in item.iter():
                    for link in [child for child in parent if child.tag == "a" and BACKREF_CLASS in child.get("class", "")]:
                        parent.remove(link)
        footnotes.set("class", f"{FOOTNOTES_CLASS} {LIST_CLASS}")
        link_identifiers(footnotes)
        children = list(root)
        # The last "Sources" heading: the end of a post is where its sources go.
        heading = next((index for index in reversed(range(len(children))) if is_sources_heading(children[index])), None)
        if heading is None:
            title = ET.Element("h2", {"id": HEADING_ID})
            title.text = HEADING
            root.extend([title, footnotes])
            return
        # The end of the Sources section: the next heading of its level or above, or the end.
        end = next(
            (index for index in range(heading + 1, len(children)) if children[index].tag in ("h1", "h2")), len(children)
        )
        root.insert(end, footnotes)


class SourcesExtension(Extension):
    """Registered by the hook in on_config, after the site's own extensions."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the footnotes' list (50), their reordering (19) and duplicates (15) and the inline
        # Markdown (20); before the table of contents (5), which then lists the Sources heading.
        md.treeprocessors.register(SourcesTreeprocessor(md), "mindwork-sources", 12)


class SourcesReader(HTMLParser):
    """The items of a rendered Sources list: each one's text without its back-link, and its first
    DOI or PubMed link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.citations: list[Citation] = []
        self.depth = 0  # inside the list's <div>: how deep
        self.item: list[str] | None = None
        self.url: str | None = None
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth:
            self.depth += tag not in VOID
        elif tag == "div" and LIST_CLASS in (found.get("class") or "").split():
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "li":
            self.item, self.url = [], None
        elif tag == "a" and self.item is not None:
            if BACKREF_CLASS in (found.get("class") or "").split():
                self.skip += 1
            elif self.url is None and (found.get("href") or "").startswith(("https://doi.org/", "https://pubmed.")):
                self.url = found["href"]

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        if tag == "a" and self.skip:
            self.skip -= 1
        elif tag == "li" and self.item is not None:
            text = " ".join("".join(self.item).split())
            if text:
                self.citations.append(Citation(text, self.url))
            self.item = None

    def handle_data(self, data: str) -> None:
        if self.item is not None and not self.skip:
            self.item.append(data)


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def citations(html: str) -> tuple[Citation, ...]:
    """The sources of a rendered post, in their order; none when it has no footnotes."""
    if LIST_CLASS not in html:
        return ()
    reader = SourcesReader()
    reader.feed(html)
    reader.close()
    return tuple(reader.citations)
