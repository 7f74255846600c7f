"""The RSS 2.0 and JSON Feed 1.1 feeds, read the way subscribers' feed readers read them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from PIL import Image
from bs4 import BeautifulSoup

from conftest import ROOT, SOURCES, Build, build_variant, post
from sources import Sources

SITE_URL = "https://modern-mindwork.github.io/"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json")
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
FIXTURE_URL = SITE_URL + "blog/a-post-for-feed-readers/"
# The fixture is written yesterday and updated today, so that it is among the newest items a feed
# holds (it lists 20), however many posts the blog has.
TODAY = datetime.now(timezone.utc).date()
CREATED = datetime.combine(TODAY - timedelta(days=1), time(9, 30), tzinfo=timezone.utc)
UPDATED = datetime.combine(TODAY, time(), tzinfo=timezone.utc)

POSTS = {
    "feed-fixture.md": post(
        "A post for feed readers",
        """
        !!! note "Before you read"

            This note comes before the excerpt marker.

        A summary paragraph with a footnote.[^1]

        <!-- more -->

        Read [about the clinic](../../about.md) and look at the logo:

        ![The Modern Mindwork logo](../../assets/images/logo-144.png)

        - one item
        - another item

        [^1]: The footnote's text.
        """,
        created=CREATED.strftime("%Y-%m-%d %H:%M:%S"),
        updated=UPDATED.date().isoformat(),
        image="../../assets/images/logo-144.png",
        image_alt="The Modern Mindwork logo",
    ),
    "draft.md": post("A draft post", draft="true"),
    "future.md": post("A future post", created="2099-01-01"),
}


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_variant(tmp_path_factory.mktemp("feeds"), posts=POSTS)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def rss(feed_site: Build) -> feedparser.FeedParserDict:
    return feedparser.parse((feed_site.site / "feed_rss_created.xml").read_bytes())


@pytest.fixture(scope="module")
def rss_tree(feed_site: Build) -> ET.Element:
    return ET.fromstring((feed_site.site / "feed_rss_created.xml").read_bytes())


@pytest.fixture(scope="module")
def json_feed(feed_site: Build) -> dict:
    return json.loads((feed_site.site / "feed_json_created.json").read_text(encoding="utf-8"))


def fixture_item(tree: ET.Element) -> ET.Element:
    return next(item for item in tree.iter("item") if item.findtext("link") == FIXTURE_URL)


def test_rss_parses_cleanly_as_rss_2(rss: feedparser.FeedParserDict) -> None:
    assert rss.bozo == 0, rss.get("bozo_exception")
    assert rss.version == "rss20"


def test_rss_names_its_own_url(rss_tree: ET.Element) -> None:
    self_link = rss_tree.find(f"channel/{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == SITE_URL + "feed_rss_created.xml"
    assert self_link.get("type") == "application/rss+xml"


def test_rss_has_no_none_and_an_absolute_image(feed_site: Build, rss_tree: ET.Element) -> None:
    for name in FEEDS:
        text = (feed_site.site / name).read_text(encoding="utf-8")
        assert "None" not in text and "null" not in text, name
    assert rss_tree.findtext("channel/image/url") == SITE_URL + "assets/images/logo-144.png"
    assert (feed_site.site / "assets/images/logo-144.png").is_file()


def test_every_url_in_the_feeds_is_absolute(feed_site: Build, rss_tree: ET.Element, json_feed: dict) -> None:
    urls = [rss_tree.findtext("channel/link"), rss_tree.findtext("channel/image/url")]
    for item in rss_tree.iter("item"):
        urls += [item.findtext("link"), item.findtext("guid")]
        html = BeautifulSoup(item.findtext("description"), "html.parser")
        urls += [tag.get("href") or tag.get("src") for tag in html.find_all(["a", "img"])]
    for item in json_feed["items"]:
        html = BeautifulSoup(item["content_html"], "html.parser")
        urls += [item["id"], item["url"]]
        urls += [tag.get("href") or tag.get("src") for tag in html.find_all(["a", "img"])]
    assert urls
    relative = [url for url in urls if not re.match(r"^(https://|tel:|sms:|mailto:)", url or "")]
    assert relative == []


def test_relative_link_and_image_point_at_the_site(rss_tree: ET.Element) -> None:
    html = BeautifulSoup(fixture_item(rss_tree).findtext("description"), "html.parser")
    assert html.find("a", string="about the clinic")["href"] == SITE_URL + "about/"
    assert html.find("img", alt="The Modern Mindwork logo")["src"] == SITE_URL + "assets/images/logo-144.png"


def test_items_carry_the_rendered_article_and_end_with_the_disclaimer(rss_tree: ET.Element) -> None:
    description = fixture_item(rss_tree).findtext("description")
    html = BeautifulSoup(description, "html.parser")
    assert html.select_one("div.admonition.note p.admonition-title").get_text() == "Before you read"
    assert html.select_one("div.footnote li").get_text(" ", strip=True).startswith("The footnote's text.")
    assert [li.get_text() for li in html.select("ul > li")][:2] == ["one item", "another item"]
    assert "!!!" not in description and "[^1]" not in description and "](" not in description
    assert "¶" not in html.get_text()
    tail = html.get_text(" ", strip=True)[-400:]
    assert "informational purposes only and not medical advice" in tail
    assert tail.endswith("Elsewhere, call your local emergency number.")
    assert "call or text 988 (Suicide & Crisis Lifeline, 988lifeline.org" in re.sub(r"\s+", " ", tail)
    # A link every feed reader's sanitiser keeps (tests/test_health_publishing.py tries them).
    assert html.select_one('a[href="https://988lifeline.org/"]') is not None


def test_each_item_carries_its_posts_summary_as_plain_text(feed_site: Build) -> None:
    """Its front matter's description, as dcterms:abstract: the feed's stylesheet shows it to a reader
    who opens the feed in a browser (overrides/assets/feed.xsl)."""
    sources = Sources(feed_site.site.parent / "project")
    summaries = {SITE_URL + source.url: source.meta["description"].strip() for source in sources.published_posts}
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        items = ET.fromstring((feed_site.site / name).read_bytes()).iter("item")
        shown = {item.findtext("link"): [abstract.text for abstract in item.findall(f"{DCTERMS}abstract")] for item in items}
        assert FIXTURE_URL in shown, name
        assert shown == {url: [summaries[url]] for url in shown}, name


def test_feed_readers_read_the_whole_article_as_the_item_not_the_summary(rss: feedparser.FeedParserDict) -> None:
    assert rss.entries
    for entry in rss.entries:
        assert "informational purposes only" in entry.summary, entry.link
        assert "content" not in entry, entry.link


def test_dates_come_from_front_matter_in_rfc_822(rss_tree: ET.Element, feed_site: Build) -> None:
    item = fixture_item(rss_tree)
    assert RFC822.match(item.findtext("pubDate"))
    assert parsedate_to_datetime(item.findtext("pubDate")) == CREATED
    updated = ET.fromstring((feed_site.site / "feed_rss_updated.xml").read_bytes())
    assert parsedate_to_datetime(fixture_item(updated).findtext("pubDate")) == UPDATED
    for tree in (rss_tree, updated):
        dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in tree.iter("item")]
        assert dates == sorted(dates, reverse=True)
        for name in ("pubDate", "lastBuildDate"):
            assert RFC822.match(tree.findtext(f"channel/{name}"))
            assert parsedate_to_datetime(tree.findtext(f"channel/{name}")) == max(dates)


def test_guid_is_the_permalink(rss_tree: ET.Element) -> None:
    for item in rss_tree.iter("item"):
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true"
        assert guid.text == item.findtext("link")


def test_authors_are_dc_creators_and_every_item_has_a_category(rss_tree: ET.Element) -> None:
    for item in rss_tree.iter("item"):
        assert item.find("author") is None
        # The repository's posts name their own authors; the fixture posts name the clinic's team.
        source = next((source for source in SOURCES.published_posts if SITE_URL + source.url == item.findtext("link")), None)
        authors = source.authors if source is not None else ["modern-mindwork"]
        assert [creator.text for creator in item.findall(f"{DC}creator")] == [SOURCES.author_name(a) for a in authors]
        categories = source.meta["categories"] if source is not None else ["Trauma"]
        assert [category.text for category in item.findall("category")] == categories


def test_a_post_image_is_an_enclosure_with_its_real_size(rss_tree: ET.Element, json_feed: dict, feed_site: Build) -> None:
    """The enclosure is the image's medium variant (images.py: 800 pixels wide at most, its own format)."""
    enclosure = fixture_item(rss_tree).find("enclosure")
    url = enclosure.attrib["url"]
    assert url.startswith(SITE_URL + "assets/images/variants/")
    published = feed_site.site / url.removeprefix(SITE_URL)
    with Image.open(Path(__file__).parents[1] / "docs/assets/images/logo-144.png") as original, Image.open(published) as medium:
        assert medium.format == original.format and medium.width == min(800, original.width)
        assert enclosure.attrib["type"] == Image.MIME[medium.format]
    assert enclosure.attrib["length"] == str(published.stat().st_size)
    fixture = next(item for item in json_feed["items"] if item["url"] == FIXTURE_URL)
    assert fixture["image"] == url


def test_drafts_and_future_posts_are_never_in_a_feed(feed_site: Build) -> None:
    for name in FEEDS:
        text = (feed_site.site / name).read_text(encoding="utf-8")
        assert "A draft post" not in text, name
        assert "A future post" not in text, name
        assert "A post for feed readers" in text, name


def test_json_feed_is_version_1_1_with_complete_items(json_feed: dict) -> None:
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert json_feed["feed_url"] == SITE_URL + "feed_json_created.json"
    assert json_feed["home_page_url"] == SITE_URL
    for item in json_feed["items"]:
        assert {"id", "url", "title", "content_html", "date_published", "summary"} <= set(item)
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None
        assert "informational purposes only" in item["content_html"]
    fixture = next(item for item in json_feed["items"] if item["url"] == FIXTURE_URL)
    assert fixture["date_published"] == CREATED.isoformat()
    assert fixture["date_modified"] == UPDATED.isoformat()
    assert fixture["authors"] == [{"name": "Modern Mindwork"}]
    assert fixture["tags"] == ["Trauma"]


def test_same_sources_give_byte_identical_feeds(feed_site: Build, tmp_path: Path) -> None:
    again = build_variant(tmp_path, posts=POSTS)
    assert again.returncode == 0, again.log
    for name in FEEDS:
        assert (again.site / name).read_bytes() == (feed_site.site / name).read_bytes(), name


def test_every_page_announces_both_feeds_and_links_to_rss_visibly(built: Build) -> None:
    for path, page in built.pages().items():
        head = page.head
        rss_links = head.select('link[rel="alternate"][type="application/rss+xml"]')
        assert SITE_URL + "feed_rss_created.xml" in {urljoin(SITE_URL + path, link["href"]) for link in rss_links}, path
        json_link = head.select_one('link[rel="alternate"][type="application/feed+json"]')
        assert urljoin(SITE_URL + path, json_link["href"]) == SITE_URL + "feed_json_created.json", path
        visible = page.select_one("a.mm-feed-link")
        assert visible["href"] == SITE_URL + "feed_rss_created.xml", path
        assert visible.select_one("svg") is not None, path
        assert "RSS" in visible.get_text(), path


def test_an_item_that_discusses_suicide_opens_with_the_crisis_note(tmp_path: Path) -> None:
    posts = {
        "hard.md": post("A hard topic", "Many people have suicidal thoughts.", created=TODAY.isoformat()),
        "quiet.md": post("A quiet topic", "Breathing.", created=TODAY.isoformat()),
    }
    build = build_variant(tmp_path, posts=posts)
    assert build.returncode == 0, build.log
    tree = ET.fromstring((build.site / "feed_rss_created.xml").read_bytes())
    items = {item.findtext("title"): BeautifulSoup(item.findtext("description"), "html.parser") for item in tree.iter("item")}
    note = items["A hard topic"].find(recursive=False)
    assert "mm-crisis-note" in note.get("class", [])
    assert "Text HOME to 741741" in note.get_text(" ", strip=True)
    assert items["A quiet topic"].select_one(".mm-crisis-note") is None
    for source in SOURCES.published_posts[:18]:  # every post whose page opens with the note, in the feed too
        shows_note = build.page(source.url).select_one("article .mm-crisis-note") is not None
        assert (items[source.title].select_one(".mm-crisis-note") is not None) == shows_note, source.title


def test_a_post_updated_today_leads_the_updated_feeds_however_many_posts_there_are(tmp_path: Path) -> None:
    """The feeds hold 20 items: posts never updated must not crowd out one that was (the feed plugin
    dated them by the build's clock)."""
    posts = {f"recent-{number}.md": post(f"Recent {number}", created=(TODAY - timedelta(days=number + 1)).isoformat())
             for number in range(21)}
    posts["revised.md"] = post("Revised today", created="2020-01-01", updated=TODAY.isoformat())
    build = build_variant(tmp_path, posts=posts)
    assert build.returncode == 0, build.log
    rss = ET.fromstring((build.site / "feed_rss_updated.xml").read_bytes())
    assert next(rss.iter("item")).findtext("title") == "Revised today"
    items = json.loads((build.site / "feed_json_updated.json").read_text(encoding="utf-8"))["items"]
    assert items[0]["title"] == "Revised today"


def test_an_author_named_with_an_ampersand_is_named_as_written_in_feeds_and_link_previews(tmp_path: Path) -> None:
    authors = (ROOT / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8") + (
        '  care-team:\n    name: "Care & Recovery Team"\n    description: "Nurses & counsellors"\n'
        "    avatar: assets/images/avatar-modern-mindwork.svg\n"
    )
    by_team = post("By the team", created=TODAY.isoformat()).replace("  - modern-mindwork\n", "  - care-team\n")
    build = build_variant(tmp_path, posts={"by-the-team.md": by_team}, pages={"blog/.authors.yml": authors})
    assert build.returncode == 0, build.log
    tree = ET.fromstring((build.site / "feed_rss_created.xml").read_bytes())
    item = next(item for item in tree.iter("item") if item.findtext("title") == "By the team")
    assert [creator.text for creator in item.findall(f"{DC}creator")] == ["Care & Recovery Team"]
    feed = json.loads((build.site / "feed_json_created.json").read_text(encoding="utf-8"))
    assert next(entry for entry in feed["items"] if entry["title"] == "By the team")["authors"] == [{"name": "Care & Recovery Team"}]
    profile = build.page("blog/author/care-team/")
    assert profile.select_one('meta[property="og:title"]')["content"] == "Articles by Care & Recovery Team"
    assert profile.title.get_text().startswith("Articles by Care & Recovery Team")
