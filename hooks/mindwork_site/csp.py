"""The Content-Security-Policy of every page: what a reader's browser may run, load and send from it.

GitHub Pages sets no response headers, so the policy is a ``<meta http-equiv>`` at the top of each
page's head (``overrides/main.html``; a policy governs only what comes after it). The template prints
``PENDING`` there, and the hook puts the page's policy in its place once the page is written.

Scripts run only from the site's own files and the theme's inline scripts, each allowed by its
sha256. Those differ from page to page (Material's first script names the page's base URL), so each
page's are hashed from its final HTML. The page's own text is never hashed: a script that a post got
past the content rules (content_policy.py) stays blocked, which is what a policy is for.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from .settings import SiteSettings

# What main.html's meta says until the hook fills it in: a page the hook never saw loads and runs
# nothing, rather than anything.
PENDING = "default-src 'none'"
# An inline script and its text, up to the end tag a browser ends it at.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.IGNORECASE | re.DOTALL)
SCRIPT_ATTRIBUTE = re.compile(r"""(?:^|\s)(src|type)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*))""", re.IGNORECASE)
# A style attribute in lower case, as Python-Markdown writes a table column's alignment: a case-insensitive
# search takes five times as long on every page, and a writer's STYLE= is only refused, never let through.
STYLE_ATTRIBUTE = re.compile(r"style\s*=")
# A host as a CSP source may name it: letters, digits, dots and hyphens (so it needs no escaping either).
HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")


def own_text(html: str) -> range:
    """Where a written page's own text lies: its Markdown, a listing's excerpts, and the navigation and
    table of contents made from them, from the start of ``<main>`` to the end of its last ``<article>``
    (a writer's ``</article>`` can only come before the theme's). Material writes its content script
    after that article, the head and header before ``<main>``. Without an article, all of ``<main>``."""
    start = html.find("<main")
    if start == -1:
        return range(0)
    end = html.rfind("</article>", start)
    if end == -1:
        end = html.rfind("</main>", start)
    return range(start, end if end != -1 else len(html))


def has_style_attribute(html: str) -> bool:
    """Whether a written page has a style attribute: ``style=`` after a space, inside a tag (not in text,
    where Markdown writes "<" as "&lt;")."""
    return any(
        html[found.start() - 1].isspace() and html.rfind("<", 0, found.start()) > html.rfind(">", 0, found.start())
        for found in STYLE_ATTRIBUTE.finditer(html, 1)
    )


def is_data(attributes: str) -> bool:
    """A script element that is no inline script: it loads a file (``src``), which 'self' allows, or it
    holds data the browser never runs (``application/json``, ``application/ld+json``)."""
    for found in SCRIPT_ATTRIBUTE.finditer(attributes):
        name, value = found.group(1).lower(), next(part for part in found.groups()[1:] if part is not None)
        if name == "src" or value.strip().lower().endswith("json"):
            return True
    return False


def theme_scripts(html: str) -> Iterator[str]:
    """The text of each inline script of a written page outside its own text, as a browser reads it
    (the HTML parser turns CR LF and CR into LF before anything else)."""
    text = own_text(html)
    for found in SCRIPT.finditer(html):
        if found.start() not in text and not is_data(found.group(1)):
            yield found.group(2).replace("\r\n", "\n").replace("\r", "\n")


def script_hash(text: str) -> str:
    """A script's CSP source: ``'sha256-...'``, the base64 of the sha256 of its UTF-8 text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def form_origin(action: str) -> str:
    """The origin the newsletter form posts to, as form-action names it (``https://buttondown.com``).
    An internationalised host is written in ASCII, as CSP needs it."""
    url = urlsplit(action)
    try:
        host = (url.hostname or "").encode("idna").decode("ascii")
        port = f":{url.port}" if url.port else ""
    except (UnicodeError, ValueError):
        host, port = "", ""
    if not HOST.fullmatch(host):
        raise PluginError(f"extra.newsletter.action: a Content-Security-Policy cannot name its host, got {action!r}")
    return f"{url.scheme}://{host}{port}"


def policy(html: str, settings: SiteSettings, serving: bool) -> str:
    """A written page's policy. In `mkdocs serve` inline scripts run unhashed: livereload adds one to
    each page as it serves it, with the time of the request in it (a hash would block it)."""
    inline = ["'unsafe-inline'"] if serving else list(dict.fromkeys(map(script_hash, theme_scripts(html))))
    # Only a page that has one (an aligned table column) takes style attributes: the content rules let
    # them align and size, never position, and img-src and font-src let them fetch nothing from elsewhere.
    # <style> elements stay refused.
    attributes = {"style-src-attr": ["'unsafe-inline'"]} if has_style_attribute(html) else {}
    directives = {
        "default-src": ["'none'"],
        # 'self' also starts Pagefind's worker (worker-src falls back to script-src); where a browser
        # cannot, Pagefind searches in the page, with WebAssembly that a policy without this cannot compile.
        "script-src": ["'self'", *inline, "'wasm-unsafe-eval'"],
        "style-src": ["'self'"],
        **attributes,
        # Material's icons are data: SVGs in its stylesheet.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        # Pagefind's index and results, fetched by the page when its worker cannot start.
        "connect-src": ["'self'"],
        "form-action": [form_origin(settings.newsletter.action)],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(html: str, settings: SiteSettings, serving: bool) -> str:
    """A written page with its policy in place of ``PENDING``: the first one in its head, which is
    main.html's, before anything a writer wrote. A page without it (no head: robots.txt) is left as it is."""
    head = html.find("</head>")
    at = html.find(PENDING, 0, head) if head != -1 else -1
    if at == -1:
        return html
    return html[:at] + policy(html, settings, serving) + html[at + len(PENDING):]
