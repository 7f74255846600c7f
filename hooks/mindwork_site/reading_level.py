"""How hard a post is to read: the Flesch-Kincaid grade of its own text, by textstat.

Health-literacy guidance (AMA, NIH) asks for patient material at about a sixth- to eighth-grade level.
The figure is for writers (the writers' report and the pull request's summary), never a gate. It is
measured on what the writer wrote, rendered as readers see it, without code, tables, the Sources list
or footnote numbers; each paragraph, list item and heading counts as a sentence of its own (a list
item has no full stop, and would otherwise run into the next).
"""

from __future__ import annotations

from html.parser import HTMLParser

import textstat

TARGET = "6 to 8"
BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "summary", "figcaption", "td", "th"})
SKIPPED = frozenset({"pre", "code", "table", "script", "style", "sup"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class ArticleText(HTMLParser):
    """The text of rendered Markdown as sentences, without the parts that are not prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sentences: list[str] = []
        self.current: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = tag in SKIPPED or "footnote" in classes
        self.open.append(tag if not skip else f"skip:{tag}")
        if skip:
            self.skipping += 1
        elif tag in BLOCKS:
            self.end_sentence()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open:
            opened = self.open.pop()
            if opened.startswith("skip:"):
                self.skipping -= 1
            if opened.removeprefix("skip:") == tag:
                break
        if tag in BLOCKS and not self.skipping:
            self.end_sentence()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def end_sentence(self) -> None:
        # A dash between words ("anesthetic—and") parts them, as a space does.
        text = " ".join("".join(self.current).replace("\u2014", " ").replace("\u2013", " ").split())
        self.current = []
        if text:
            self.sentences.append(text if text[-1] in ".!?" else text.rstrip(":;,") + ".")


def article_text(html: str) -> str:
    """The prose of a rendered post, one sentence per block at least."""
    reader = ArticleText()
    reader.feed(html)
    reader.close()
    reader.end_sentence()
    return " ".join(reader.sentences)


def grade(html: str) -> float | None:
    """The Flesch-Kincaid grade of a rendered post's prose, to one decimal; None when it has no words."""
    text = article_text(html)
    if not textstat.lexicon_count(text):
        return None
    return round(textstat.flesch_kincaid_grade(text), 1)
