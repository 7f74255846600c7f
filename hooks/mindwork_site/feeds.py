"""Make mkdocs-rss-plugin's feeds into what subscribers' feed readers accept.

The plugin writes the RSS 2.0 and JSON Feed 1.1 files; these functions rewrite each item from the
post it came from, after the build:

- the full article as rendered HTML, every relative link and image made absolute (a feed reader shows
  the item outside the site), opening with the crisis note where the post shows one and ending with
  the disclaimer and crisis line; no HTML comments (the excerpt's marker);
- dates from the post's front matter (``date.created``, ``date.updated``), never the build's clock,
  so the same sources give byte-identical feeds;
- ``dc:creator`` for author names (RSS ``<author>`` must be an e-mail address) and ``<category>`` for
  each category, written here as escaped XML (the plugin's template prints both unescaped);
- the post's summary (its ``description``) as ``dcterms:abstract``, plain text, for the feed's own
  stylesheet (overrides/assets/feed.xsl) to show: ``<description>`` holds the whole article. Not
  ``dc:description``: feed readers read that as a second ``<description>`` (feedparser then takes the
  summary for the item's content);
- no ``None`` and no null values anywhere.

Pure functions on text: ``feed_items.py`` gathers the posts and calls them.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("dc", DC)
ET.register_namespace("dcterms", DCTERMS)
ET.register_namespace("atom", ATOM)

# A start tag in rendered HTML, and a URL attribute inside one. Markdown escapes "<" and quotes in text
# and code, so neither matches anything a post merely shows.
START_TAG = re.compile(r"<[A-Za-z][^<>]*>")
URL_ATTRIBUTE = re.compile(
    r"""(\s(?:href|src|poster|cite)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)
# The "¶" permalink after each heading: useful on the site, noise in a feed reader.
HEADERLINK = re.compile(r'<a class="headerlink" href="[^"]*"[^>]*>.*?</a>', re.DOTALL)
# An HTML comment: the excerpt's "<!-- more -->" marker is no part of the article. Markdown escapes "<"
# in text and code, so only real comments match.
COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
STYLESHEET = re.compile(r"<\?xml-stylesheet [^>]*\?>")
# Characters XML 1.0 forbids; the plugin copies them from a post as they are, which no reader accepts.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What the plugin's template prints without escaping: an author named "Care & Recovery" is not XML.
UNESCAPED = re.compile(r"<(author|category)>.*?</\1>\s*", re.DOTALL)


class FeedError(ValueError):
    """A feed file the plugin wrote in a shape these functions do not know."""


@dataclass(frozen=True)
class Image:
    """A post's image (its ``image`` field) as an enclosure: absolute URL, media type, size in bytes."""

    url: str
    media_type: str
    length: int
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Entry:
    """What a feed says of one post, taken from the post itself."""

    url: str
    summary: str
    created: datetime
    updated: datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...] = ()
    image: Image | None = None
    # HTML before the article: the crisis note, for a post that shows it on the site.
    header: str = ""


def absolute_links(html: str, base_url: str) -> str:
    """Every relative ``href``/``src`` in the HTML made absolute against the page's own URL."""

    def absolute(attribute: re.Match[str]) -> str:
        start, double, single, bare = attribute.groups()
        if double is not None:
            return f'{start}"{urljoin(base_url, double)}"'
        if single is not None:
            return f"{start}'{urljoin(base_url, single)}'"
        return f'{start}"{urljoin(base_url, bare)}"'

    return START_TAG.sub(lambda tag: URL_ATTRIBUTE.sub(absolute, tag.group(0)), html)


def item_html(content: str, url: str, footer: str, header: str = "") -> str:
    """A post's HTML as a feed item carries it: no permalinks or comments, absolute URLs, its header
    (the crisis note) first and the footer (the disclaimer) last."""
    return header + absolute_links(HEADERLINK.sub("", COMMENT.sub("", content)), url) + footer


def rfc822(moment: datetime) -> str:
    """A date as RSS wants it, e.g. ``Sun, 01 Jun 2025 00:00:00 +0000``."""
    return format_datetime(moment)


def rewrite_rss(xml: str, entries: dict[str, Entry], footer: str, *, by_update: bool) -> str:
    """The plugin's RSS feed with every item rebuilt from its post (see the module's docstring).

    Items are dated by ``date.updated`` (else ``date.created``) in the feed of updates, by
    ``date.created`` in the other; newest first. The channel's dates are the newest item's, and are
    left out of a feed with no items rather than taken from the clock.
    """
    try:
        root = ET.fromstring(UNESCAPED.sub("", NOT_XML.sub("", xml)))
    except ET.ParseError as error:
        raise FeedError(f"the RSS plugin wrote XML that cannot be read: {error}") from None
    channel = root.find("channel")
    if channel is None:
        raise FeedError("the RSS plugin wrote a feed without a <channel>")
    dated = []
    for item in channel.findall("item"):
        channel.remove(item)
        entry = entries.get(item.findtext("link", ""))
        if entry is None:
            continue  # not a published post (a scheduled post under `mkdocs serve`): never in a feed
        moment = entry.updated if by_update else entry.created
        for element in item.findall("source") + item.findall("enclosure"):
            item.remove(element)
        for name in entry.authors:
            ET.SubElement(item, f"{{{DC}}}creator").text = name
        for name in entry.categories:
            ET.SubElement(item, "category").text = name
        description = item.find("description")
        if description is None:
            description = ET.SubElement(item, "description")
        description.text = item_html(description.text or "", entry.url, footer, entry.header)
        if summary := NOT_XML.sub("", entry.summary).strip():
            ET.SubElement(item, f"{{{DCTERMS}}}abstract").text = summary
        published = item.find("pubDate")
        if published is None:
            published = ET.SubElement(item, "pubDate")
        published.text = rfc822(moment)
        if entry.image is not None:
            ET.SubElement(
                item,
                "enclosure",
                {"url": entry.image.url, "type": entry.image.media_type, "length": str(entry.image.length)},
            )
        dated.append((moment, entry.url, item))
    dated.sort(key=lambda found: (found[0], found[1]), reverse=True)
    channel.extend(item for _, _, item in dated)
    for name in ("pubDate", "lastBuildDate"):
        element = channel.find(name)
        if element is not None and dated:
            element.text = rfc822(dated[0][0])
        elif element is not None:
            channel.remove(element)
    ET.indent(root)
    stylesheet = STYLESHEET.search(xml)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (stylesheet.group(0) + "\n" if stylesheet else "")
    return head + ET.tostring(root, encoding="unicode") + "\n"


def without_nulls(value: Any) -> Any:
    """JSON with no null values: JSON Feed leaves out what a feed does not have."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def rewrite_json(text: str, entries: dict[str, Entry], footer: str, *, by_update: bool, publisher: str = "") -> str:
    """The plugin's JSON Feed with every item rebuilt from its post (see the module's docstring). The
    feed's own ``authors`` (JSON Feed wants one or more, or none) is the site, ``publisher``, with its
    home page; left out when the site has no name."""
    try:
        feed = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(f"the RSS plugin wrote JSON that cannot be read: {error}") from None
    if not isinstance(feed, dict):
        raise FeedError("the RSS plugin wrote a JSON Feed that is not an object")
    feed["items"] = [item for item in feed.get("items", []) if item.get("url") in entries]
    for item in feed["items"]:
        entry = entries[item["url"]]
        item["content_html"] = item_html(item.get("content_html") or "", entry.url, footer, entry.header)
        item["summary"] = entry.summary
        item["date_published"] = entry.created.isoformat()
        item["date_modified"] = entry.updated.isoformat()
        item["authors"] = [{"name": name} for name in entry.authors]
        item["image"] = entry.image.url if entry.image else None
    feed.pop("author", None)  # JSON Feed 1.0's, replaced by "authors" in 1.1
    feed.pop("authors", None)
    if publisher.strip():
        feed["authors"] = [{"name": publisher.strip()} | ({"url": feed["home_page_url"]} if feed.get("home_page_url") else {})]
    key = "date_modified" if by_update else "date_published"
    feed["items"] = sorted(
        feed["items"], key=lambda item: (datetime.fromisoformat(item[key]), item["url"]), reverse=True
    )
    return json.dumps(without_nulls(feed), ensure_ascii=False, indent=2) + "\n"
