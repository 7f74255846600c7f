"""The files of docs/ as MkDocs would publish them, checked before it reads or copies any: no links to
other files (symlinks), and SVG drawings that are pictures and nothing more.

MkDocs walks docs/ following links and copies every file it finds, so a symlink would publish whatever
it points to on the build machine (``/etc/passwd``), whether or not a page mentions it. An SVG file is
served from the site's own address: a script in it runs there, and it can fetch from anywhere. So an
SVG file is read as hostile XML (defusedxml: no DTDs, no entities) and held to an allowlist of the
elements and attributes a logo, an icon or a diagram needs.

The lists start from DOMPurify's (cure53/DOMPurify 3.4.14, ``src/tags.ts`` ``svg`` and ``svgFilters``,
``src/attrs.ts`` ``svg`` and ``xml``), less what a file served on its own must not do: follow or animate
links, load other files, carry CSS.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesNSImpl, Locator

from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

from .messages import Problem, shown
from .source_files import repository_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What Inkscape writes beside the drawing (its settings, licence metadata): no browser gives these
# namespaces a meaning, so their elements and attributes are left as they are.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
})
# DOMPurify's SVG elements (written as XML spells them: an SVG file is case-sensitive), less <a>
# (a link), <image> and <feImage> (they load another file), <style> (CSS can @import and url() from
# anywhere), the animations (they can change a link: <animate attributeName="href">), and SVG fonts,
# which no browser draws (<tref>, <altGlyph> and <glyphRef> point at other files). <use> is DOMPurify's
# only by choice; here it may point inside the file only, like every href.
ALLOWED_ELEMENTS = frozenset({
    "svg", "g", "defs", "desc", "title", "metadata", "symbol", "use", "switch", "view",
    "circle", "ellipse", "line", "path", "polygon", "polyline", "rect", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
    "feSpotLight", "feTile", "feTurbulence",
})
# Why the elements a writer is most likely to meet are refused, in a writer's words (by lowercase name).
REFUSED_ELEMENTS = {
    "script": "remove it (a script in a picture runs on the site)",
    "foreignobject": "remove it (it puts a web page inside the drawing)",
    "style": 'set colours with attributes like fill="#3949ab" instead (export with "presentation attributes")',
    "a": "remove the link, and link the picture from the post instead",
    "image": "remove it (it loads another file); save a photo as a PNG, JPEG or WebP file of its own",
    "feimage": "remove it (it loads another file)",
    "iframe": "remove it (it puts a web page inside the drawing)",
    **{
        name: "remove it (an animation can change what the drawing links to)"
        for name in ("animate", "set", "animatemotion", "animatetransform", "animatecolor", "discard", "mpath")
    },
}
# DOMPurify's SVG attributes (lowercase, as it compares them), less those only the refused elements
# read: the animations' (attributeName, begin, dur, values' companions ...) and SVG fonts'.
ALLOWED_ATTRIBUTES = frozenset({
    "alignment-baseline", "amplitude", "azimuth", "basefrequency", "baseline-shift", "bias", "class", "clip",
    "clippathunits", "clip-path", "clip-rule", "color", "color-interpolation", "color-interpolation-filters",
    "color-profile", "color-rendering", "cx", "cy", "d", "dx", "dy", "diffuseconstant", "direction", "display",
    "divisor", "dominant-baseline", "edgemode", "elevation", "exponent", "fill", "fill-opacity", "fill-rule",
    "filter", "filterunits", "flood-color", "flood-opacity", "font-family", "font-size", "font-size-adjust",
    "font-stretch", "font-style", "font-variant", "font-weight", "fx", "fy", "gradientunits", "gradienttransform",
    "height", "href", "id", "image-rendering", "in", "in2", "intercept", "k1", "k2", "k3", "k4", "kerning",
    "lang", "lengthadjust", "letter-spacing", "kernelmatrix", "kernelunitlength", "lighting-color", "marker-end",
    "marker-mid", "marker-start", "markerheight", "markerunits", "markerwidth", "maskcontentunits", "maskunits",
    "mask", "mask-type", "method", "mode", "name", "numoctaves", "offset", "operator", "opacity", "order",
    "orient", "orientation", "origin", "overflow", "paint-order", "path", "pathlength", "patterncontentunits",
    "patterntransform", "patternunits", "pointer-events", "points", "preservealpha", "preserveaspectratio",
    "primitiveunits", "r", "rx", "ry", "radius", "refx", "refy", "result", "rotate", "scale", "seed",
    "shape-rendering", "slope", "specularconstant", "specularexponent", "spreadmethod", "startoffset",
    "stddeviation", "stitchtiles", "stop-color", "stop-opacity", "stroke-dasharray", "stroke-dashoffset",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke", "stroke-width", "style",
    "surfacescale", "systemlanguage", "tabindex", "tablevalues", "targetx", "targety", "transform",
    "transform-origin", "text-anchor", "text-decoration", "text-orientation", "text-rendering", "textlength",
    "type", "values", "vector-effect", "viewbox", "visibility", "version", "width", "word-spacing", "wrap",
    "writing-mode", "xchannelselector", "ychannelselector", "x", "x1", "x2", "y", "y1", "y2", "z",
    "zoomandpan",
    # What DOMPurify's list misses of the elements above (a spotlight's aim, a gradient's focal radius),
    # what drawing programs and accessible SVGs add, and what DOMPurify allows apart (role, aria-*, data-*).
    "pointsatx", "pointsaty", "pointsatz", "limitingconeangle", "fr", "role", "baseprofile", "focusable",
})
ALLOWED_PREFIXED = re.compile(r"(?:aria|data)-[\w.-]+")
# DOMPurify's xml list: xlink:href and xlink:title, xml:space; and xml:lang. Not xml:base, which would
# move every relative reference elsewhere.
ALLOWED_NAMESPACED = frozenset({(XLINK, "href"), (XLINK, "title"), (XML, "space"), (XML, "lang")})
# Words, names and labels (by local name: xlink:title, xml:space, xml:lang too), never read as a URL or
# as CSS: a bracket or a colon in them is only text.
TEXT_ATTRIBUTES = frozenset({
    "id", "class", "lang", "role", "name", "type", "version", "baseprofile", "in", "in2", "result",
    "systemlanguage", "title", "space",
})
# A reference inside the file: '#' and an XML name.
FRAGMENT = re.compile(r"#[A-Za-z_][\w.:-]*")
# url(#id), quoted or not: the only url() a drawing needs (gradients, clip paths, masks, markers, filters).
URL_CALL = re.compile(r"url\s*\(", re.IGNORECASE)
FRAGMENT_URL = re.compile(r"""\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)""")
# The CSS functions of colours, lengths, transforms and filters; any other (image-set(), expression(),
# src(), ...) could load a file or run code. Quoted text is not read as a function.
CSS_FUNCTION = re.compile(r"([\w-]+)\s*\(")
CSS_STRING = re.compile(r""""[^"]*"|'[^']*'""")
ALLOWED_FUNCTIONS = frozenset({
    "url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix",
    "calc", "min", "max", "clamp", "var",
    "matrix", "matrix3d", "translate", "translatex", "translatey", "translatez", "translate3d", "scale",
    "scalex", "scaley", "scalez", "scale3d", "rotate", "rotatex", "rotatey", "rotatez", "rotate3d", "skew",
    "skewx", "skewy", "perspective",
    "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "saturate", "sepia",
})
# Browsers drop tabs, newlines and other control characters inside a URL before reading its scheme.
URL_NOISE = re.compile(r"[\x00-\x20]+")
ACTIVE_SCHEME = re.compile(r"(?<![a-z0-9+.-])(javascript|vbscript|data):")
# Past this many problems a file is no drawing a writer made: the rest is told as a count.
MAX_PROBLEMS = 20
# What docs/ may publish, by file name ending: pages, pictures and documents. Any other file is copied
# to the site as it is, so an .html, .xhtml, .xml or .xsl file would be a page of the site's own
# address that no check has read (its scripts would run there), and a .js or .css file something a
# page could load. MkDocs leaves out names starting with "." (the authors file, .gitkeep).
PUBLISHED_TYPES = frozenset({".md", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".svg", ".ico", ".pdf"})
# GitHub Pages reads a custom domain from this file at the site's root.
PUBLISHED_NAMES = frozenset({"CNAME"})
UNPUBLISHED_TYPE = (
    "the site does not publish {kind} from docs/; keep pages (.md), pictures (.png, .jpg, .jpeg, .webp, .gif, "
    ".avif, .svg, .ico) and documents (.pdf) here, and ask an engineer about anything else"
)
SYMLINK = "a link to another {kind} (a symlink); put the {kind} itself here instead (the site would publish whatever the link points to)"


def docs_files_problems(config: MkDocsConfig) -> list[str]:
    """Every problem of the files in docs/, one line each naming the file (and, in an SVG file, the line),
    in the order of their paths."""
    docs_dir = Path(config.docs_dir)
    found = {docs_dir: [Problem(1, SYMLINK.format(kind="folder"))]} if docs_dir.is_symlink() else dict(files_problems(docs_dir))
    # The theme's folder (overrides/) is published too: its assets are copied, its templates read.
    if custom_dir := config.theme.custom_dir:
        theme = Path(custom_dir)
        found |= {theme: [Problem(1, SYMLINK.format(kind="folder"))]} if theme.is_symlink() else dict(
            files_problems(theme, docs=False)
        )
    return [
        f"{printable(repository_path(path, config))}:{problem.line}: {problem.text}"
        for path in sorted(found, key=lambda path: path.parts)
        for problem in found[path]
    ]


def files_problems(root: Path, *, docs: bool = True) -> Iterator[tuple[Path, list[Problem]]]:
    """The problems of each file or folder below docs/ that has any, without following a symlink; below
    the theme's folder (``docs=False``), its symlinks only."""
    # Folder by folder, without recursion: a pull request can nest folders deeper than Python recurses.
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            yield folder, [Problem(1, f"cannot be read ({error.strerror}); check the folder's permissions")]
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                yield path, [Problem(1, SYMLINK.format(kind=pointed_kind(entry)))]
            elif any(unicodedata.category(character).startswith("C") for character in entry.name):
                # MkDocs and the checks name files in the log: a line break in a name would write a line of its own.
                yield path, [Problem(1, "the name has an invisible character in it (a line break or a control character); rename it")]
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif not docs:
                continue
            elif entry.name.lower().endswith(".svgz"):
                yield path, [Problem(1, "a compressed SVG file (.svgz) cannot be checked; save it as a plain .svg file")]
            elif problem := type_problem(entry.name):
                yield path, [Problem(1, problem)]
            elif entry.name.lower().endswith(".svg") and (problems := svg_file_problems(path)):
                yield path, problems


def type_problem(name: str) -> str | None:
    """Why docs/ may not hold a file of this name, or None when the site publishes it (or MkDocs skips it)."""
    suffix = os.path.splitext(name)[1].lower()
    if name.startswith(".") or name in PUBLISHED_NAMES or suffix in PUBLISHED_TYPES:
        return None
    return UNPUBLISHED_TYPE.format(kind=f"{suffix} files" if suffix else "files without a name ending like .md")


def pointed_kind(entry: os.DirEntry[str]) -> str:
    """What a symlink points to, in a writer's words (a link to nowhere, or to itself, is told as a file)."""
    try:
        return "folder" if entry.is_dir() else "file"
    except OSError:
        return "file"


def printable(path: str) -> str:
    """A path as one line of the log: a name with a newline or another invisible character in it
    could otherwise write lines of its own."""
    return "".join(
        character if not unicodedata.category(character).startswith("C") else repr(character)[1:-1]
        for character in path
    )


def svg_file_problems(path: Path) -> list[Problem]:
    """Every problem of one SVG file, each on the line of its element."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [Problem(1, f"cannot be read ({error.strerror})")]
    return check_svg(data)


def check_svg(data: bytes) -> list[Problem]:
    """Every problem of an SVG drawing's bytes, in line order; no DTD is read and no entity expanded."""
    checker = SvgChecker()
    parser = create_parser(namespaceHandling=1, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(checker)
    try:
        parser.parse(BytesIO(data))
    except SAXParseException as error:
        checker.problems.append(Problem(error.getLineNumber() or 1, unreadable(error.getMessage())))
    except DefusedXmlException:  # forbid_dtd: refused at the <!DOCTYPE, before any entity is declared
        checker.problems.append(Problem(
            checker.line(), "<!DOCTYPE>: not allowed in an SVG file; delete the line that starts with <!DOCTYPE (a drawing needs none)",
        ))
    problems = sorted(checker.problems, key=lambda problem: problem.line)
    if len(problems) > MAX_PROBLEMS:
        more = problems[MAX_PROBLEMS]
        problems = [*problems[:MAX_PROBLEMS], Problem(
            more.line, f"{len(problems) - MAX_PROBLEMS} more problems from this line on; export the drawing again as plain SVG",
        )]
    return problems


def unreadable(reason: str) -> str:
    if reason == "undefined entity":
        return "not readable as an SVG file (a name like &nbsp; that XML does not know); write the character itself"
    return f"not readable as an SVG file ({reason}); open it in a drawing program and save it again as plain SVG"


class SvgChecker(ContentHandler):
    """Reads an SVG file's elements as the parser meets them, and notes each problem on its line."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Problem] = []
        self.locator: Locator | None = None
        # How deep the parser is inside an element already refused: its content is told with it.
        self.refused_depth = 0
        self.seen_root = False
        # The prefix each namespace was declared with, to name an element as the file writes it.
        self.prefixes: dict[str, str | None] = {}

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 - SAX's name
        self.locator = locator

    def line(self) -> int:
        return (self.locator.getLineNumber() if self.locator is not None else None) or 1

    def startPrefixMapping(self, prefix: str | None, uri: str) -> None:  # noqa: N802 - SAX's name
        self.prefixes[uri] = prefix

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802 - SAX's name
        # <?xml-stylesheet?> would load CSS or XSLT from anywhere; the XML declaration is not one of these.
        self.problems.append(Problem(self.line(), f"<?{target}?>: not allowed in an SVG file; remove that line"))

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl) -> None:  # noqa: N802
        namespace, local = name
        prefix = self.prefixes.get(namespace) if namespace is not None else None
        shown_name = f"{prefix}:{local}" if prefix else local
        line = self.line()
        if self.refused_depth:
            self.refused_depth += 1
            return
        if not self.seen_root:
            self.seen_root = True
            if local == "svg" and namespace is None:
                self.problems.append(Problem(line, '<svg>: add xmlns="http://www.w3.org/2000/svg" to it (without it, browsers show no drawing)'))
                self.refused_depth = 1
                return
            if (namespace, local) != (SVG, "svg"):
                self.problems.append(Problem(line, f'<{shown_name}>: not an SVG drawing; the file must start with <svg xmlns="http://www.w3.org/2000/svg">'))
                self.refused_depth = 1
                return
        if namespace in EDITOR_NAMESPACES:
            self.check_attributes(shown_name, attrs, line, editor=True)
            return
        problem = element_problem(namespace, local)
        if problem is not None:
            self.problems.append(Problem(line, f"<{shown_name}>: {problem}"))
            self.refused_depth = 1
            return
        self.check_attributes(shown_name, attrs, line, editor=False)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:  # noqa: N802 - SAX's name
        if self.refused_depth:
            self.refused_depth -= 1

    def check_attributes(self, element: str, attrs: AttributesNSImpl, line: int, *, editor: bool) -> None:
        for (namespace, local), value in attrs.items():
            if editor and namespace is None:
                continue  # an editor's element means nothing to a browser, and neither do its attributes
            qname = attrs.getQNameByName((namespace, local)) or local
            if problem := attribute_problem(namespace, local, qname, value):
                self.problems.append(Problem(line, f"<{element}>: {problem}"))


def element_problem(namespace: str | None, local: str) -> str | None:
    """Why an element may not be in an SVG file, or None when it may."""
    if namespace == SVG and local in ALLOWED_ELEMENTS:
        return None
    if reason := REFUSED_ELEMENTS.get(local.lower()):  # in any namespace: <html:script> runs too
        return f"not allowed in an SVG file; {reason}"
    if namespace != SVG:
        return "not an SVG element; remove it, or export the drawing again as plain SVG"
    return "not an element this site allows in an SVG file; remove it, or export the drawing again as plain SVG"


def attribute_problem(namespace: str | None, local: str, qname: str, value: str) -> str | None:
    """Why an attribute may not be in an SVG file, or None when it may."""
    name = local.lower()
    if namespace is None and name.startswith("on"):
        return f"{qname}= is not allowed in an SVG file; remove it (it runs a script)"
    if namespace in EDITOR_NAMESPACES:
        return None
    if namespace is not None and (namespace, local) not in ALLOWED_NAMESPACED:
        return f"{qname}= is not an attribute this site allows in an SVG file; remove it, or export the drawing again as plain SVG"
    if namespace is None and name not in ALLOWED_ATTRIBUTES and not ALLOWED_PREFIXED.fullmatch(name):
        return f"{qname}= is not an attribute this site allows in an SVG file; remove it, or export the drawing again as plain SVG"
    if name == "href":
        if FRAGMENT.fullmatch(value):
            return None
        return f"{qname} may only point inside the file, like '#shape', got {shown(value)}"
    if name in TEXT_ATTRIBUTES or ALLOWED_PREFIXED.fullmatch(name):
        return None
    if found := ACTIVE_SCHEME.search(URL_NOISE.sub("", value).lower()):
        return f"{qname}: '{found[1]}:' is not allowed in an SVG file, got {shown(value)}"
    for call in URL_CALL.finditer(value):
        if not FRAGMENT_URL.match(value, call.end()):
            return f"{qname}: url() may only point inside the file, like url(#gradient), got {shown(value)}"
    if "\\" in value:
        return f"{qname}: a backslash is not allowed here (CSS reads it as an escape), got {shown(value)}"
    for call in CSS_FUNCTION.finditer(CSS_STRING.sub('""', value)):
        if call[1].lower() not in ALLOWED_FUNCTIONS:
            return f"{qname}: {call[1]}() is not allowed in an SVG file; use colours, lengths and url(#id) only"
    return None
