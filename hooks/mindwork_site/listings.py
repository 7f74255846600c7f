"""What the blog's listings need of a post: its opening, not its whole text.

Material's blog renders a post's excerpt on every listing that shows it (the blog index, the archive,
its categories and its author's profile) by converting the post's whole Markdown again, then cutting
the HTML at the excerpt separator. On a blog of 1,000 posts that is four conversions of every post,
most of the build. Once a post's own page is rendered, its Markdown serves only those listings, so
the hook hands them the opening alone: the text before the separator, and the separator itself, so
that listings still know a post goes on ("Continue reading").

The opening is cut only where the cut cannot change what a listing shows. The separator must stand
alone on an unindented line, outside any fenced code or HTML block, and no link or footnote in the
opening may depend on a definition further down. Any other post keeps its whole Markdown: its listings
are as Material renders them, only slower.
"""

from __future__ import annotations

import re

# A fence (``` or ~~~) or an HTML block starting a line: the separator could sit inside either.
FENCE_OR_HTML = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|<[A-Za-z!?/])", re.MULTILINE)
# "[text]" not followed by "(": a reference link, a shortcut link, or a footnote reference.
REFERENCE_USE = re.compile(r"\[[^\]]*\](?!\()")
# A link reference or footnote definition, "[label]: ..." or "[^1]: ...", at any depth: Markdown reads
# those inside admonitions, lists and quotes too, for the whole post.
DEFINITION = re.compile(r"\[[^\]\n]+\]:")


def opening(markdown: str, separator: str) -> str | None:
    """The Markdown a listing needs of a post, or None when the whole Markdown must stay."""
    lines = markdown.split("\n")
    at = next((number for number, line in enumerate(lines) if line.rstrip() == separator), None)
    if at is None:
        return None
    before = "\n".join(lines[:at])
    after = "\n".join(lines[at + 1 :])
    if separator in before or FENCE_OR_HTML.search(before):
        return None
    if REFERENCE_USE.search(before) and DEFINITION.search(after):
        return None
    return f"{before}\n{separator}\n"
