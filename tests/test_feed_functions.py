"""Unit tests of the feed rewriting functions in hooks/feeds.py."""

from __future__ import annotations

import feeds
import pytest

BASE = "https://site.example/blog/a-post/"


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
    ],
)
def test_relative_urls_become_absolute(html: str, expected: str) -> None:
    assert feeds.absolute_links(html, BASE) == expected


def test_item_html_drops_permalinks_and_ends_with_the_footer() -> None:
    html = '<h2 id="s">Section<a class="headerlink" href="#s" title="Link to this section">¶</a></h2>'
    assert feeds.item_html(html, BASE, "<p>footer</p>") == '<h2 id="s">Section</h2><p>footer</p>'


def test_json_leaves_out_nulls_and_empty_lists() -> None:
    feed = {"icon": None, "authors": [], "items": [{"image": None, "title": "t", "tags": ["a"]}]}
    assert feeds.without_nulls(feed) == {"items": [{"title": "t", "tags": ["a"]}]}
