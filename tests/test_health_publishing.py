"""Health publishing: sources, the review cycle, reading level, provenance marks, corrections, crisis help
that survives feed readers' sanitisers, and feeds and sitemap that validators accept.

Expectations come from the sources (every post of docs/, whatever a writer adds) or from fixture posts
added here; the review dates are set relative to the day the report is run for.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import fastfeedparser
import feedparser
import feedparser.sanitizer
import jsonschema
import nh3
import pytest
from bs4 import BeautifulSoup

from playwright.sync_api import Browser

from conftest import ROOT, SOURCES, Build, build_variant, post, serve_site, text
from test_readers_browser import WCAG, axe_violations, open_page
from sources import copy_project, parse_post

TODAY = date(2026, 6, 15)
SCHEMA = json.loads((ROOT / "tests" / "data" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
# A DOI of Crossref's test prefix and a PubMed id: fixture sources, not real studies.
DOI = "10.5555/12345678"
PMID = "31234567"
CRISIS_PAGES = ("https://988lifeline.org/", "https://www.crisistextline.org/")
MARK = re.compile(r"^<!--\s*(?:/)?reconstructed\b.*-->\s*$", re.MULTILINE)
OPEN_MARK = re.compile(r"^<!--\s*reconstructed\b.*-->\s*$", re.MULTILINE)

CITED = post(
    "Sources for a fixture",
    """\
    The opening, with a source.[^one]

    <!-- more -->

    ## What we found

    A second claim, from a second source.[^two] And a third.[^three]

    ## Sources

    The studies this post draws on.

    ## Afterword

    Text after the sources' section.

    [^one]: Example A, Example B. A trial of examples. *Journal of Examples*. 2020;1(2):3-4. doi:10.5555/12345678.
    [^two]: Sample C. A second study. Example Review. 2019. PMID: 31234567
    [^three]: Sample D. A book without an identifier. Example Press; 2018.
    """,
)
OVERDUE = post(
    "Reviewed long ago", reviewed_by="modern-mindwork", last_reviewed=(TODAY - timedelta(days=400)).isoformat()
)
RECENT = post("Reviewed lately", reviewed_by="modern-mindwork", last_reviewed=(TODAY - timedelta(days=60)).isoformat())
MARKED = post(
    "Rebuilt lists",
    """\
    What the source says:

    <!-- reconstructed: the source lost this list -->
    - A rebuilt item
    - Another rebuilt item
    <!-- /reconstructed -->

    After the list.
    """,
)
FIXTURES = {"cited.md": CITED, "overdue.md": OVERDUE, "recent.md": RECENT, "marked.md": MARKED}


@pytest.fixture(scope="module")
def health(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_variant(
        tmp_path_factory.mktemp("health"),
        settings="extra:\n  corrections: corrections@example.org\n",
        posts=FIXTURES,
    )
    assert build.returncode == 0, build.log
    return build


def report(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "writers_report.py"), "--config", str(project / "mkdocs.yml"),
         "--today", TODAY.isoformat(), *arguments],
        capture_output=True, text=True, check=False, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def project_with_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("report"))
    for name, markdown in FIXTURES.items():
        (project / "docs" / "blog" / "posts" / name).write_text(markdown, encoding="utf-8")
    return project


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


# Sources


def test_footnotes_are_a_sources_list_in_the_posts_own_section(health: Build) -> None:
    page = health.page("blog/sources-for-a-fixture")
    article = page.select_one("article")
    sources = article.select_one("div.mm-sources")
    items = sources.select("ol > li")
    assert len(items) == 3
    # In the post's own "Sources" section: after its heading, before the next section's.
    headings = [heading for heading in article.find_all("h2")]
    names = [text(heading) for heading in headings]
    assert names.count("Sources") == 1
    following = sources.find_previous("h2")
    assert text(following) == "Sources"
    assert text(sources.find_next("h2")) != "Sources"
    assert sources.find_next("p").find_previous("h2") is not None
    # Each source keeps its way back to the text.
    for number, item in enumerate(items, start=1):
        back = item.select_one("a.footnote-backref")
        assert back is not None and back["href"] == f"#fnref:{['one', 'two', 'three'][number - 1]}"
    assert sources.find("hr") is None


def test_a_post_without_a_sources_heading_gets_one(tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts={"plain.md": post("Plain sources", "Claim.[^1]\n\n[^1]: Sample E. A study. 2021.")})
    assert build.returncode == 0, build.log
    article = build.page("blog/plain-sources").select_one("article")
    heading = article.find("h2", id="sources")
    assert heading is not None and text(heading) == "Sources"
    assert heading.find_next("div").get("class") == ["footnote", "mm-sources"]


def test_identifiers_link_to_doi_and_pubmed(health: Build) -> None:
    sources = health.page("blog/sources-for-a-fixture").select_one("div.mm-sources")
    links = {link["href"]: text(link) for link in sources.select("a:not(.footnote-backref)")}
    assert links[f"https://doi.org/{DOI}"] == f"doi:{DOI}"
    assert links[f"https://pubmed.ncbi.nlm.nih.gov/{PMID}/"] == f"PMID: {PMID}"
    assert len(links) == 2  # the book has no identifier, and no link is made up for it


def test_json_ld_cites_every_source(health: Build) -> None:
    page = health.page("blog/sources-for-a-fixture")
    posting = next(item for item in json_ld(page) if item["@type"] == "BlogPosting")
    items = page.select("div.mm-sources ol > li")
    cited = posting["citation"]
    assert len(cited) == len(items)
    for work, item in zip(cited, items):
        assert work["@type"] == "CreativeWork"
        item.select_one("a.footnote-backref").decompose()
        assert work["name"] == " ".join(item.get_text().split())
    assert cited[0]["url"] == f"https://doi.org/{DOI}"
    assert cited[1]["url"] == f"https://pubmed.ncbi.nlm.nih.gov/{PMID}/"
    assert "url" not in cited[2]


def test_posts_without_footnotes_cite_nothing(built: Build) -> None:
    for source in SOURCES.published_posts:
        if "[^" in source.body:
            continue
        page = built.page(source.url.rstrip("/"))
        posting = next(item for item in json_ld(page) if item["@type"] == "BlogPosting")
        assert "citation" not in posting
        assert page.select_one(".mm-sources") is None


def test_a_source_cited_but_never_given_is_one_line(tmp_path: Path) -> None:
    body = "A claim.[^1] Another claim.[^2] Code keeps `[^3]` as it is.\n\n## Sources\n\n[^1]: Sample F. A study. 2022.\n"
    markdown = post("Missing source", body)
    build = build_variant(tmp_path, posts={"missing.md": markdown})
    assert build.returncode != 0
    line = next(number for number, text_line in enumerate(markdown.splitlines(), start=1) if "[^2]" in text_line)
    assert f"docs/blog/posts/missing.md:{line}: the source [^2] is cited but never given" in build.log
    assert "[^1]" not in build.log and "[^3]" not in build.log
    assert "Traceback" not in build.log


def test_sources_in_lists_quotes_and_code_are_no_problem(tmp_path: Path) -> None:
    body = """\
    - A claim in a list.[^a]

        [^a]: Sample I. A source under a list item. 2020.

    > A quoted claim.[^b]
    >
    > [^b]: Sample J. A source in a quote. 2021.

    !!! note "How to cite"

        ```text
        Write [^9] after the claim.
        ```
    """
    build = build_variant(tmp_path, posts={"nested.md": post("Nested sources", body)})
    assert build.returncode == 0, build.log
    assert len(build.page("blog/nested-sources").select("div.mm-sources li")) == 2


def test_a_source_given_but_never_cited_is_one_line(tmp_path: Path) -> None:
    markdown = post("Orphan", "A claim.[^1]\n\n## Sources\n\n[^1]: Sample K. Cited. 2020.\n[^spare]: Sample L. Never cited. 2021.\n")
    build = build_variant(tmp_path, posts={"orphan.md": markdown})
    assert build.returncode != 0
    line = next(number for number, text_line in enumerate(markdown.splitlines(), start=1) if text_line.startswith("[^spare]:"))
    assert f"docs/blog/posts/orphan.md:{line}: the source [^spare] is given but never cited" in build.log
    assert "[^1]" not in build.log


def test_the_list_goes_under_the_last_sources_heading(tmp_path: Path) -> None:
    body = "## Sources\n\nAn early heading.[^1]\n\n<!-- more -->\n\n## Later\n\nText.\n\n## Sources\n\n[^1]: Sample M. 2020.\n"
    build = build_variant(tmp_path, posts={"two.md": post("Two sources headings", body)})
    assert build.returncode == 0, build.log
    sources = build.page("blog/two-sources-headings").select_one("div.mm-sources")
    assert text(sources.find_previous("h2")) == "Sources"
    assert text(sources.find_previous("h2").find_previous("h2")) == "Later"


def test_a_review_in_the_future_is_refused(tmp_path: Path) -> None:
    markdown = post("Future review", reviewed_by="modern-mindwork", last_reviewed="2099-01-01")
    build = build_variant(tmp_path, posts={"future.md": markdown})
    assert build.returncode != 0
    line = next(number for number, text_line in enumerate(markdown.splitlines(), start=1) if text_line.startswith("last_reviewed"))
    assert f"docs/blog/posts/future.md:{line}: last_reviewed: 2099-01-01 is in the future" in build.log


def test_indented_marks_are_marks(tmp_path: Path) -> None:
    body = "- An item\n  <!-- reconstructed: rebuilt -->\n  - A rebuilt sub-item\n  <!-- /reconstructed -->\n- Another item\n"
    build = build_variant(tmp_path, posts={"indented.md": post("Indented marks", body)})
    assert build.returncode == 0, build.log
    html = (build.site / "blog" / "indented-marks" / "index.html").read_text(encoding="utf-8")
    assert "reconstructed" not in html
    items = build.page("blog/indented-marks").select("article ul > li")
    assert [item.p for item in items] == [None] * len(items)  # the list stays tight


def test_the_report_keeps_a_passage_left_open_and_leaves_out_scheduled_posts(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "open")
    posts = project / "docs" / "blog" / "posts"
    (posts / "open.md").write_text(post("Left open", "Text.\n\n<!-- reconstructed: rebuilt -->\n- An item\n"), encoding="utf-8")
    (posts / "later.md").write_text(post("Scheduled", created=(TODAY + timedelta(days=30)).isoformat()), encoding="utf-8")
    output = report(project, "--due-first").stdout
    awaiting = output.split("## Awaiting the clinic's confirmation")[1]
    assert "open.md:" in awaiting and "- An item" in awaiting
    due = output.split("## Writers' report")[0]
    assert "Scheduled" not in due and "Left open" in due


# The review cycle and reading level


def test_the_report_lists_overdue_and_recent_reviews(project_with_fixtures: Path) -> None:
    result = report(project_with_fixtures)
    assert result.returncode == 0, result.stderr
    rows = {
        line.split(" | ")[0].lstrip("| "): line
        for line in result.stdout.splitlines()
        if line.startswith("| ") and "`docs/" in line
    }
    overdue = next(row for title, row in rows.items() if title.startswith("Reviewed long ago"))
    recent = next(row for title, row in rows.items() if title.startswith("Reviewed lately"))
    reviewed = TODAY - timedelta(days=400)
    due = reviewed.replace(year=reviewed.year + 1)  # 12 months after the review
    assert "**overdue by" in overdue and due.isoformat() in overdue
    assert "due in" in recent and "overdue" not in recent
    # Every post of the blog is in the report, with a reading level.
    posts = sorted((project_with_fixtures / "docs" / "blog" / "posts").rglob("*.md"))
    assert len(rows) == len(posts)
    assert all(re.search(r"grade -?\d+\.\d", row) for row in rows.values())


def test_the_deploy_summary_opens_with_the_posts_due(project_with_fixtures: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "writers_report.py"), "--config", str(project_with_fixtures / "mkdocs.yml"),
         "--today", TODAY.isoformat(), "--summary", "--due-first"],
        capture_output=True, text=True, check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 0, result.stderr
    written = summary.read_text(encoding="utf-8")
    due_section = written.split("## Writers' report")[0]
    assert due_section.startswith("## Posts due for medical review")
    assert "Reviewed long ago" in due_section and "overdue by" in due_section
    assert "Reviewed lately" not in due_section


def test_the_review_interval_is_a_setting(project_with_fixtures: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "short")
    (project / "docs" / "blog" / "posts" / "recent.md").write_text(RECENT, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    months: 12", "    months: 1"), encoding="utf-8")
    row = next(line for line in report(project).stdout.splitlines() if line.startswith("| Reviewed lately"))
    assert "**overdue by" in row


def test_a_wrong_review_interval_is_one_line(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings="extra:\n  review:\n    months: twelve\n")
    assert build.returncode != 0
    assert "extra.review.months must be a whole number of months from 1 to 60, like 12, got 'twelve'" in build.log
    assert "Traceback" not in build.log


def test_reading_level_reads_prose_only(tmp_path: Path) -> None:
    simple = "We sat in the sun. It was warm. We felt calm.\n"
    code = "\n```text\nNeuropharmacological pharmacokinetics notwithstanding, institutionalisation.\n```\n"
    table = "\n| Characterisation | Interdisciplinarity |\n|---|---|\n| Electroencephalography | Psychopharmacology |\n"
    project = copy_project(tmp_path / "levels")
    posts = project / "docs" / "blog" / "posts"
    for path in posts.glob("*.md"):
        path.unlink()
    (posts / "simple.md").write_text(post("Simple", simple), encoding="utf-8")
    (posts / "with-code.md").write_text(post("With code", simple + code + table), encoding="utf-8")
    (posts / "hard.md").write_text(post("Hard", "Neuropharmacological interventions necessitate comprehensive "
                                                 "interdisciplinary characterisation of psychophysiological sequelae.\n"),
                                   encoding="utf-8")
    grades = {
        line.split(" (")[0].lstrip("| "): float(re.search(r"grade (-?\d+\.\d)", line).group(1))
        for line in report(project).stdout.splitlines() if line.startswith("| ") and "`docs/" in line
    }
    assert grades["Simple"] == grades["With code"]
    assert grades["Hard"] > grades["Simple"] + 6


# Provenance


def test_marks_never_reach_readers(built: Build) -> None:
    marked = [source for source in SOURCES.published_posts if OPEN_MARK.search(source.body)]
    assert marked, "the first article's rebuilt lists are marked"
    outputs = [*built.site.rglob("*.html"), *built.site.rglob("*.xml"), *built.site.rglob("*.json")]
    for path in outputs:
        assert "reconstructed" not in path.read_text(encoding="utf-8"), path


def test_the_report_lists_every_marked_passage(project_with_fixtures: Path) -> None:
    output = report(project_with_fixtures).stdout
    awaiting = output.split("## Awaiting the clinic's confirmation")[1]
    listed = [line for line in awaiting.splitlines() if line.startswith("- `docs/")]
    expected = sum(
        len(OPEN_MARK.findall(path.read_text(encoding="utf-8")))
        for path in (project_with_fixtures / "docs" / "blog" / "posts").rglob("*.md")
    )
    assert len(listed) == expected
    fixture = next(line for line in listed if "marked.md" in line)
    lines = MARKED.splitlines()
    start = next(number for number, line in enumerate(lines, start=1) if OPEN_MARK.match(line))
    assert f"marked.md:{start}-{start + 3}" in fixture and "A rebuilt item" in fixture


def test_a_mark_left_open_is_one_line(tmp_path: Path) -> None:
    body = "Before.\n\n<!-- reconstructed -->\n- An item\n\nAfter.\n"
    build = build_variant(tmp_path, posts={"open.md": post("Open mark", body)})
    assert build.returncode != 0
    line = next(number for number, text_line in enumerate(post("Open mark", body).splitlines(), start=1)
                if text_line == "<!-- reconstructed -->")
    assert f"docs/blog/posts/open.md:{line}: the 'reconstructed' mark is never closed" in build.log
    assert "Traceback" not in build.log


# Corrections


def test_report_an_error_on_every_post_and_the_policy(health: Build) -> None:
    policy = ROOT / "docs" / "editorial-policy.md"
    assert "corrections: true" in policy.read_text(encoding="utf-8")
    pages = {source.url: health.page(source.url.rstrip("/")) for source in SOURCES.published_posts}
    pages |= {"blog/sources-for-a-fixture/": health.page("blog/sources-for-a-fixture")}
    pages["editorial-policy/"] = health.page("editorial-policy")
    for url, page in pages.items():
        link = page.select_one(".mm-report-error a")
        assert link is not None, url
        assert text(link) == "Report an error"
        assert link["href"].startswith("mailto:corrections@example.org?subject=Error%20in%3A%20")
    assert health.page("about").select_one(".mm-report-error") is None


def test_no_report_an_error_unless_set(built: Build) -> None:
    for path, page in built.pages().items():
        assert page.select_one(".mm-report-error") is None, path


# Crisis help in feeds


def feed_items(site: Path) -> list[tuple[str, str]]:
    """Every item of every feed, as (feed file, item HTML)."""
    found = []
    for path in sorted(site.glob("feed_rss_*.xml")):
        found += [(path.name, entry["description"]) for entry in fastfeedparser.parse(path.read_text(encoding="utf-8")).entries]
    for path in sorted(site.glob("feed_json_*.json")):
        found += [(path.name, item["content_html"]) for item in json.loads(path.read_text(encoding="utf-8"))["items"]]
    return found


def crisis_links(html: str) -> set[str]:
    return {link["href"] for link in BeautifulSoup(html, "html.parser").find_all("a", href=True) if link["href"] in CRISIS_PAGES}


def test_feedparser_keeps_a_working_crisis_link_in_every_item(built: Build) -> None:
    rss = sorted(built.site.glob("feed_rss_*.xml"))
    assert rss
    for path in rss:
        parsed = feedparser.parse(path.read_bytes())
        assert len(parsed.entries) == len(SOURCES.published_posts[:20])
        for entry in parsed.entries:
            sanitised = entry.content[0].value if "content" in entry else entry.summary
            assert "https://988lifeline.org/" in crisis_links(sanitised), (path.name, entry.link)
    # feedparser 6.0 reads no JSON Feed: its sanitiser, on each JSON item as it would clean it.
    for path in sorted(built.site.glob("feed_json_*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            sanitised = feedparser.sanitizer._sanitize_html(item["content_html"], "utf-8", "text/html")
            assert "https://988lifeline.org/" in crisis_links(sanitised), (path.name, item["url"])


def test_every_sanitiser_keeps_a_way_to_get_help(built: Build) -> None:
    items = feed_items(built.site)
    assert len(items) >= 2 * len(SOURCES.published_posts)
    for feed, html in items:
        # ammonia's defaults (nh3), as Rust feed readers clean items; and the text a text-only reader keeps.
        assert "https://988lifeline.org/" in crisis_links(nh3.clean(html)), feed
        words = text(BeautifulSoup(html, "html.parser"))
        assert "call or text 988" in words and "988lifeline.org" in words, feed


def test_the_crisis_note_in_feeds_names_every_number(built: Build) -> None:
    crisis_feed_items = [html for _, html in feed_items(built.site) if "mm-crisis-note" in html]
    for html in crisis_feed_items:
        note = BeautifulSoup(html, "html.parser").select_one(".mm-crisis-note")
        words = text(note)
        for number in ("988", "741741", "911"):
            assert number in words
        assert not note.select('a[href^="tel:"], a[href^="sms:"]')
        assert crisis_links(str(note)) == set(CRISIS_PAGES)


# Feed and sitemap faults


def test_feeds_hold_no_html_comments(health: Build) -> None:
    for feed, html in feed_items(health.site):
        assert "<!--" not in html, feed


def test_the_json_feeds_are_json_feed_1_1(health: Build) -> None:
    for path in health.site.glob("feed_json_*.json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(feed, SCHEMA)
        assert feed["authors"][0]["name"] == SOURCES.config["site_name"]


def test_sitemap_dates_are_the_posts_own(health: Build) -> None:
    sitemap = BeautifulSoup((health.site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    dates = {url.loc.text: url.lastmod.text if url.lastmod else None for url in sitemap.find_all("url")}
    sources = {source.url: source for source in SOURCES.published_posts}
    for name, markdown in FIXTURES.items():
        fixture = parse_post(Path(name), markdown)
        sources[fixture.url] = fixture
    for url, lastmod in dates.items():
        path = url.removeprefix(SOURCES.site_url)
        if path in sources:
            expected = (sources[path].updated or sources[path].created).date().isoformat()
            assert lastmod == expected, url
        else:
            assert lastmod is None, url


def test_every_page_has_its_own_title(built: Build) -> None:
    titles: dict[str, str] = {}
    for path, page in built.pages().items():
        # Material titles a listing's further pages (page/2/ ...) as its first.
        if path == "404.html" or "/page/" in path or page.title is None or page.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        title = page.title.get_text()
        assert title not in titles, f"{path} and {titles.get(title)} share the title {title!r}"
        assert title != f"{SOURCES.config['site_name']} - {SOURCES.config['site_name']}"
        titles[title] = path


def test_contributing_shows_how_to_cite() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    template = (ROOT / "post-template.md").read_text(encoding="utf-8")
    assert "doi:" in guide and "PMID" in guide
    assert "[^1]:" in template
    assert "grade 6 to 8" in guide


# In the real Chromium


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_post_with_sources_stays_accessible(browser: Browser, health: Build, scheme: str, viewport: str) -> None:
    with serve_site(health.site) as address:
        page = open_page(browser, address.rstrip("/") + "/blog/sources-for-a-fixture/", scheme=scheme, viewport=viewport)
        assert axe_violations(page, WCAG) == []
        # The ways back to the text are shown and big enough to tap (WCAG 2.5.8), not only on hover.
        sizes = page.evaluate(
            "[...document.querySelectorAll('.mm-sources .footnote-backref')].map(a => {"
            "const box = a.getBoundingClientRect(); return [box.width, box.height, getComputedStyle(a).opacity]})"
        )
        assert len(sizes) == 3
        assert all(width >= 24 and height >= 24 and opacity == "1" for width, height, opacity in sizes)
        # Sources are at the body's size.
        body, listed = page.evaluate(
            "[getComputedStyle(document.querySelector('h2#what-we-found + p')).fontSize,"
            " getComputedStyle(document.querySelector('.mm-sources li')).fontSize]"
        )
        assert body == listed
        page.context.close()
