"""What a page's rendered HTML may not contain, read in one parser pass: active or foreign content,
images without alt text, and the ids the site keeps for the elements it adds to every page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .messages import shown

# What a post's rendered HTML may not contain: a pull request may come from outside the clinic, and
# readers' browsers must ask nothing of another website. Markdown escapes "<" in text and code blocks,
# so a post may still show all of this as code.
FORBIDDEN_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link", "style", "form",
    # Elements whose content browsers read as raw text, where a parser and a browser can disagree.
    "noscript", "template", "textarea", "xmp", "noembed", "noframes", "plaintext", "title",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"})
LOADED_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background"})
LINKING_TAGS = frozenset({"a", "area"})
# Browsers drop tabs, newlines and other control characters inside a URL, and read "\" as "/".
URL_NOISE = re.compile(r"[\x00-\x20]+")
ELSEWHERE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# The ids of the elements the site adds to pages; a page's own HTML must not take them.
RESERVED_IDS = ("disclaimer", "newsletter", "related")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Finding:
    """A problem of a page's rendered HTML, and the text to look for in its Markdown to find its line."""

    text: str
    needles: tuple[str, ...]


def browser_url(value: str) -> str:
    """A URL as a browser reads it: control characters and spaces gone, backslashes as slashes."""
    return URL_NOISE.sub("", value).replace("\\", "/")


def loads_from_elsewhere(value: str) -> bool:
    url = browser_url(value)
    return bool(ELSEWHERE.match(url)) and not url.lower().startswith("data:")


class ContentChecker(HTMLParser):
    """Reads rendered HTML as a browser would (entities decoded) and notes what a post may not contain."""

    def __init__(self, separator: str) -> None:
        super().__init__(convert_charrefs=True)
        self.separator = separator
        self.problems: list[Finding] = []
        # Each (tag, id) that takes a reserved id, told once, after the rest.
        self.reserved: set[tuple[str, str]] = set()

    def note(self, text: str, *needles: str) -> None:
        self.problems.append(Finding(text, needles))

    def handle_comment(self, data: str) -> None:
        # Browsers end a comment early in cases Python's parser does not ("<!-->", "<!--->"): a
        # comment that could hide markup is refused. The excerpt marker is the one a post needs.
        if f"<!--{data}-->" == self.separator:
            return
        if "<" in data or ">" in data or data.startswith(("-", ">")) or "--!" in data:
            self.note("an HTML comment with markup in it is not allowed in a post; remove it", f"<!--{data[:20]}", "<!--")

    def unknown_decl(self, data: str) -> None:
        self.note("a <![...]> section is not allowed in a post; remove it", "<![")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.note(f"raw <{tag}> is not allowed in a post; remove it", f"<{tag}")
            return
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
            if name == "id" and value in RESERVED_IDS:
                self.reserved.add((tag, value))
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            image = dict(attrs).get("src") or "an image"
            self.note(f"image {shown(image)} has no alt text; describe it in the brackets: ![what it shows]({image})", image)

    handle_startendtag = handle_starttag

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        loaded = name in LOADED_ATTRIBUTES or (name in ("href", "xlink:href") and tag not in LINKING_TAGS)
        candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        if name.startswith("on"):
            self.note(f"the attribute {name}= (a script) is not allowed in a post; remove it", f"{name}=", name)
        elif name == "ping":
            self.note("the attribute ping= (it reports clicks to another website) is not allowed in a post; remove it", "ping=")
        elif name in URL_ATTRIBUTES and browser_url(value).lower().startswith("javascript:"):
            self.note(f"a javascript: link is not allowed in a post: {shown(value)}", value, "javascript", f"{name}=")
        elif loaded and any(loads_from_elsewhere(candidate) for candidate in candidates):
            self.note(
                f"{shown(value)} would be loaded from another website; store the file in docs/assets/ and use its path",
                *candidates,
            )
        elif name == "style" and re.search(r"url|image-set|\\", value, re.IGNORECASE):
            self.note("a style with url(...) is not allowed in a post; remove it", "style=")


def check_content(html: str, separator: str = "<!-- more -->") -> list[Finding]:
    """What a page's rendered HTML may not contain: scripts, embeds and other active or foreign
    content, inline handlers, javascript: links, files from other websites, images without alt text,
    and elements that take one of the site's reserved ids.
    ``separator`` is the blog's excerpt marker, the one comment a post needs."""
    checker = ContentChecker(separator)
    checker.feed(html)
    checker.close()
    return checker.problems + [reserved_id_problem(tag, reserved) for tag, reserved in sorted(checker.reserved)]


def reserved_id_problem(tag: str, reserved: str) -> Finding:
    """What to tell a writer whose page takes a reserved id: a heading's id comes from its text."""
    needles = (f"# {reserved}", f'id="{reserved}"', f"#{reserved}", reserved)
    if tag in HEADINGS:
        return Finding(
            f"the heading '{reserved.title()}' gets the id '{reserved}', which the site keeps for its own "
            f"{reserved}; give the heading another id by ending it with {{#about-this-{reserved}}}",
            needles,
        )
    return Finding(f"the id '{reserved}' is reserved for the site's own {reserved}; give this element another id", needles)
