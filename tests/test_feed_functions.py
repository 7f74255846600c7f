"""Unit tests of the feed rewriting functions in hooks/mindwork_site/feeds.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import feedparser
from mindwork_site import feeds
import pytest

BASE = "https://site.example/blog/a-post/"
DAY = datetime(2025, 1, 1, tzinfo=timezone.utc)
# What the plugin writes, in short: its stylesheet instruction, a channel, one item with the article.
PLUGIN_RSS = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<?xml-stylesheet type="text/xsl" href="assets/feed.xsl"?>'
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<channel><title>t</title><link>https://site.example/</link><description>d</description>"
    f"<item><title>A post</title><link>{BASE}</link><description>&lt;p&gt;The article.&lt;/p&gt;</description>"
    "</item></channel></rss>"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="../../about/">About</a>', '<a href="https://site.example/about/">About</a>'),
        ('<img alt="x" src="../images/a.png">', '<img alt="x" src="https://site.example/blog/images/a.png">'),
        ('<a href="#fn:1">1</a>', '<a href="https://site.example/blog/a-post/#fn:1">1</a>'),
        ('<a href="https://other.example/">x</a>', '<a href="https://other.example/">x</a>'),
        ('<a href="tel:988">988</a>', '<a href="tel:988">988</a>'),
        # Text that only shows an attribute is not a link.
        ("<code>&lt;a href=&quot;x/&quot;&gt;</code>", "<code>&lt;a href=&quot;x/&quot;&gt;</code>"),
        ('<p>write href="x/" in your HTML</p>', '<p>write href="x/" in your HTML</p>'),
        ("<a href='../../about/'>About</a>", "<a href='https://site.example/about/'>About</a>"),
        ("<img alt=x src=../../x.png>", '<img alt=x src="https://site.example/x.png">'),
    ],
)
def test_relative_urls_become_absolute(html: str, expected: str) -> None:
    assert feeds.absolute_links(html, BASE) == expected


def test_item_html_drops_permalinks_and_ends_with_the_footer() -> None:
    html = '<h2 id="s">Section<a class="headerlink" href="#s" title="Link to this section">¶</a></h2>'
    assert feeds.item_html(html, BASE, "<p>footer</p>") == '<h2 id="s">Section</h2><p>footer</p>'


def test_json_leaves_out_nulls_but_keeps_lists() -> None:
    feed = {"icon": None, "items": [{"image": None, "title": "t", "tags": ["a"]}], "authors": []}
    assert feeds.without_nulls(feed) == {"items": [{"title": "t", "tags": ["a"]}], "authors": []}


def test_a_feed_with_no_published_post_keeps_its_items_and_takes_no_date_from_the_clock() -> None:
    rss = (
        '<rss version="2.0"><channel><title>t</title><pubDate>Fri, 27 Nov 2026 19:45:31 -0000</pubDate>'
        "<lastBuildDate>Fri, 27 Nov 2026 19:45:31 -0000</lastBuildDate>"
        "<item><title>Draft</title><link>https://site.example/blog/draft/</link></item></channel></rss>"
    )
    rewritten = feeds.rewrite_rss(rss, {}, "", by_update=False)
    assert "pubDate" not in rewritten and "lastBuildDate" not in rewritten and "<item>" not in rewritten
    assert json.loads(feeds.rewrite_json('{"version": "v", "items": []}', {}, "", by_update=False))["items"] == []


def test_a_feed_the_plugin_wrote_in_an_unknown_shape_is_a_clear_error() -> None:
    with pytest.raises(feeds.FeedError, match="without a <channel>"):
        feeds.rewrite_rss("<rss/>", {}, "", by_update=False)
    with pytest.raises(feeds.FeedError, match="JSON that cannot be read"):
        feeds.rewrite_json("{", {}, "", by_update=False)


def test_names_the_plugin_prints_unescaped_reach_the_feed_as_text() -> None:
    """The plugin's template prints author and category names as they are: "Care & Recovery" is no XML."""
    rss = (
        '<rss version="2.0"><channel><title>t</title><item><title>A post</title>'
        f"<link>{BASE}</link><author>Care & Recovery</author><category>Grief & loss</category>"
        "<description>x</description></item></channel></rss>"
    )
    entry = feeds.Entry(
        url=BASE, summary="s", created=datetime(2025, 1, 1, tzinfo=timezone.utc),
        updated=datetime(2025, 1, 1, tzinfo=timezone.utc), authors=("Care & Recovery",), categories=("Grief & loss",),
    )
    item = ET.fromstring(feeds.rewrite_rss(rss, {BASE: entry}, "", by_update=False)).find("channel/item")
    assert [creator.text for creator in item.findall(f"{{{feeds.DC}}}creator")] == ["Care & Recovery"]
    assert [category.text for category in item.findall("category")] == ["Grief & loss"]
    assert item.find("author") is None


def test_each_item_carries_its_summary_as_a_dcterms_abstract_that_feed_readers_leave_aside() -> None:
    """The feed's stylesheet shows the abstract; readers still take <description> for the item (a
    dc:description would be read as a second one, and feedparser would make the summary the content)."""
    entry = feeds.Entry(url=BASE, summary=" Care & recovery, when 3 < 5.\x0b\n", created=DAY, updated=DAY, authors=("A",))
    rewritten = feeds.rewrite_rss(PLUGIN_RSS, {BASE: entry}, "", by_update=False)
    assert rewritten.splitlines()[1] == '<?xml-stylesheet type="text/xsl" href="assets/feed.xsl"?>'
    item = ET.fromstring(rewritten).find("channel/item")
    assert [abstract.text for abstract in item.findall(f"{{{feeds.DCTERMS}}}abstract")] == ["Care & recovery, when 3 < 5."]
    assert "Care &amp; recovery, when 3 &lt; 5." in rewritten
    parsed = feedparser.parse(rewritten.encode())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries[0].summary == "<p>The article.</p>"
    assert "content" not in parsed.entries[0]


def test_an_item_without_a_summary_has_no_empty_abstract() -> None:
    entry = feeds.Entry(url=BASE, summary="", created=DAY, updated=DAY, authors=())
    item = ET.fromstring(feeds.rewrite_rss(PLUGIN_RSS, {BASE: entry}, "", by_update=False)).find("channel/item")
    assert item.find(f"{{{feeds.DCTERMS}}}abstract") is None
