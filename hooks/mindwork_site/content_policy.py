"""What a page's rendered HTML may contain, read in one parser pass: an allowlist of the tags,
attributes, URL schemes and styles a health article needs, images with alt text, and the ids the site
keeps for the elements it adds to every page.

The lists start from ammonia's (the sanitizer behind nh3, read from the installed nh3): a pull request
may come from outside the clinic, and readers' browsers must run nothing of it and ask nothing of
another website. Markdown escapes "<" in text and code blocks, so a post may still show any HTML as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .messages import shown

# ammonia's tags, less the obsolete ones and image maps, plus the table footer its attributes name.
ALLOWED_TAGS = (frozenset(nh3.ALLOWED_TAGS) - {"acronym", "center", "strike", "tt", "map", "area"}) | {"tfoot"}
# ammonia's generic attributes (lang, title), and what Python-Markdown's extensions write on any
# element: attr_list's id and class, tables' alignment style; dir for a quotation in another script.
GENERIC_ATTRIBUTES = frozenset({"lang", "title", "id", "class", "style", "dir"})
EXTRA_ATTRIBUTES = {"details": {"open"}, "time": {"datetime"}, "data": {"value"}, "img": {"loading", "decoding"}}
ALLOWED_ATTRIBUTES = {
    tag: frozenset(nh3.ALLOWED_ATTRIBUTES.get(tag, ())) | EXTRA_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
    for tag in ALLOWED_TAGS
}
# The schemes a link may use (a subset of ammonia's); anything else, javascript: included, is refused.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "srcset"})
LOADED_ATTRIBUTES = frozenset({"src", "srcset"})
# Images go in files: markup from these namespaces can animate links and fetch from anywhere.
FOREIGN_TAGS = frozenset({"svg", "math"})
# A style may align and size, never position, layer or overlay the page (the site's crisis note and
# disclaimer must stay visible), and its values are words, numbers and units: no url(), no escapes.
ALLOWED_STYLES = frozenset({
    "text-align", "vertical-align", "width", "max-width", "height", "font-style", "font-weight",
    "text-decoration", "white-space",
})
STYLE_VALUE = re.compile(r"[\w\s.%#,-]*")
# Browsers drop tabs, newlines and other control characters inside a URL, and read "\" as "/".
URL_NOISE = re.compile(r"[\x00-\x20]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# The ids of the elements the site adds to pages; a page's own HTML must not take them.
RESERVED_IDS = ("disclaimer", "newsletter", "related")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Active or foreign content, told in the fewest words: the writer did not mean these as text.
ACTIVE_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link", "style", "form",
    "noscript", "template", "textarea", "xmp", "noembed", "noframes", "plaintext", "title",
})
# Elements with no end tag: they never enclose anything.
VOID_TAGS = frozenset({"br", "col", "hr", "img", "wbr", "input", "meta", "link", "source", "track", "embed", "param", "base"})


@dataclass(frozen=True)
class Finding:
    """A problem of a page's rendered HTML, and the text to look for in its Markdown to find its line."""

    text: str
    needles: tuple[str, ...]


def browser_url(value: str) -> str:
    """A URL as a browser reads it: control characters and spaces gone, backslashes as slashes."""
    return URL_NOISE.sub("", value).replace("\\", "/")


def scheme(value: str) -> str | None:
    """A URL's scheme as a browser reads it ("JaVa&#09;script:" is javascript:), or None when relative."""
    url = browser_url(value)
    if url.startswith("//"):
        return "//"
    found = SCHEME.match(url)
    return found.group(1).lower() if found else None


def style_problem(value: str) -> str | None:
    """What is wrong with a style attribute, in a writer's words, or None when it only aligns and sizes."""
    for declaration in filter(str.strip, value.split(";")):
        name, colon, setting = declaration.partition(":")
        name = name.strip().lower()
        if not colon or name not in ALLOWED_STYLES:
            what = "position or layer the page" if re.match(r"position|inset|top|left|right|bottom|z-index|transform|display|opacity|margin", name) else "set that"
            return (
                f"a style may not {what} ({shown(declaration.strip())}); a post's style may only set "
                f"{', '.join(sorted(ALLOWED_STYLES))}; remove the rest"
            )
        if not STYLE_VALUE.fullmatch(setting.strip()):
            return f"a style value may be words, numbers and units only, got {shown(declaration.strip())}; remove it"
    return None


class ContentChecker(HTMLParser):
    """Reads rendered HTML as a browser would (entities decoded) and notes what the allowlist refuses."""

    def __init__(self, separator: str) -> None:
        super().__init__(convert_charrefs=True)
        self.separator = separator
        self.separators = 0
        self.problems: list[Finding] = []
        # Each (tag, id) that takes a reserved id, told once, after the rest.
        self.reserved: set[tuple[str, str]] = set()
        # Inside refused SVG or MathML: the refused element is told once, not each element in it.
        self.foreign: list[str] = []

    def note(self, text: str, *needles: str) -> None:
        self.problems.append(Finding(text, needles))

    def handle_comment(self, data: str) -> None:
        # Browsers end a comment early in cases Python's parser does not ("<!-->", "<!--->"): a
        # comment that could hide markup is refused. The excerpt marker is the one a post needs.
        if f"<!--{data}-->" == self.separator:
            self.separators += 1
            return
        if "<" in data or ">" in data or data.startswith(("-", ">")) or "--!" in data:
            self.note("an HTML comment with markup in it is not allowed in a post; remove it", f"<!--{data[:20]}", "<!--")

    def unknown_decl(self, data: str) -> None:
        self.note("a <![...]> section is not allowed in a post; remove it", "<![")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.foreign:
            if tag not in VOID_TAGS:
                self.foreign.append(tag)
            return
        if tag in FOREIGN_TAGS:
            instead = "write the formula as text, or save it" if tag == "math" else "save the image"
            self.note(
                f"inline <{tag}> is not allowed in a post; {instead} as a file in docs/assets/images/ and show it "
                "with ![what it shows](path)",
                f"<{tag}",
            )
            self.foreign.append(tag)
            return
        for name, value in attrs:
            if name == "id" and value in RESERVED_IDS:
                self.reserved.add((tag, value))
            elif name == "id" and value and value.startswith("__"):
                # Material's scripts find their settings (#__config) and parts by these, first on the page.
                self.note(
                    f"the id {shown(value)} belongs to the theme (its ids start with '__'); give this element another id",
                    f'id="{value}"', f"#{value}", value,
                )
        if tag in ACTIVE_TAGS:
            self.note(f"raw <{tag}> is not allowed in a post; remove it", f"<{tag}")
            return
        if tag not in ALLOWED_TAGS:
            self.note(f"raw <{tag}> is not allowed in a post; remove it, or use Markdown (CONTRIBUTING.md lists the HTML a post may use)", f"<{tag}")
            return
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            image = dict(attrs).get("src") or "an image"
            self.note(f"image {shown(image)} has no alt text; describe it in the brackets: ![what it shows]({image})", image)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.foreign:
            return
        self.handle_starttag(tag, attrs)
        if tag in FOREIGN_TAGS:
            self.foreign.clear()

    def handle_endtag(self, tag: str) -> None:
        if self.foreign and tag in self.foreign:
            while self.foreign and self.foreign.pop() != tag:
                pass

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        candidates: list[str] = []
        schemes: set[str | None] = set()
        if name in URL_ATTRIBUTES or name in LOADED_ATTRIBUTES:
            candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            schemes = {scheme(candidate) for candidate in candidates} - {None}
        if name.startswith("on"):
            self.note(f"the attribute {name}= (a script) is not allowed in a post; remove it", f"{name}=", name)
        elif name == "ping":
            self.note("the attribute ping= (it reports clicks to another website) is not allowed in a post; remove it", "ping=")
        elif name not in ALLOWED_ATTRIBUTES[tag]:
            self.note(f"the attribute {name}= is not allowed on <{tag}> in a post; remove it", f"{name}=", name)
        elif name in URL_ATTRIBUTES and "javascript" in schemes:
            self.note(f"a javascript: link is not allowed in a post: {shown(value)}", value, "javascript", f"{name}=")
        elif name in LOADED_ATTRIBUTES and "data" in schemes:
            self.note("an image written into the page (data:) is not allowed in a post; store the file in docs/assets/ and use its path", name + "=", "data:")
        elif name in LOADED_ATTRIBUTES and schemes:
            self.note(
                f"{shown(value)} would be loaded from another website; store the file in docs/assets/ and use its path",
                *candidates,
            )
        elif name in URL_ATTRIBUTES and schemes - ALLOWED_SCHEMES:
            self.note(
                f"the link {shown(value)} is not allowed in a post: a link goes to a page of the site, or starts "
                "with https://, mailto:, tel: or sms:",
                value, f"{name}=",
            )
        elif name == "style" and (problem := style_problem(value)):
            self.note(problem, "style=")


def check_content(html: str, separator: str = "<!-- more -->") -> list[Finding]:
    """What a page's rendered HTML may not contain: tags, attributes, URL schemes and styles outside
    the allowlist (scripts, embeds, inline SVG, handlers, javascript: links, files from other websites,
    overlays), images without alt text, an excerpt marker inside HTML, and elements that take one of
    the site's reserved ids.
    ``separator`` is the blog's excerpt marker, the one comment a post needs."""
    checker = ContentChecker(separator)
    checker.feed(html)
    checker.close()
    if html.count(separator) > checker.separators:
        # Material cuts the excerpt at the marker's first appearance, inside an attribute too.
        checker.note(
            f"'{separator}' inside HTML (an attribute or a tag) would cut the page there; keep it only on its "
            "own line after the summary", f'"{separator}', separator,
        )
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
