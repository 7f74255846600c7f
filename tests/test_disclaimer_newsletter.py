"""The disclaimer on every page and the newsletter form on posts, home and blog index, as built."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import SOURCES, Build, build_variant, post, text
from sources import archive_url, category_url

DEFAULT_DISCLAIMER = (
    "This blog is for informational purposes only and not medical advice. "
    "Consult a healthcare professional before making major decisions."
)
# A post whose page the tests read: the newest published one that shows the form.
POST = next(source for source in SOURCES.published_posts if source.newsletter)


def newsletter_pages(build: Build) -> set[str]:
    """The pages that carry the form: every published post (unless it says `newsletter: false`), the
    home page and the blog index with its further pages."""
    posts = {f"{source.url}index.html" for source in SOURCES.published_posts if source.newsletter}
    index = {"blog/index.html"} | {
        path.relative_to(build.site).as_posix() for path in (build.site / "blog" / "page").glob("*/index.html")
    }
    return {"index.html"} | index | posts


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site with fixture posts: one without the form, one that shows the reserved ids in code."""
    build = build_variant(
        tmp_path_factory.mktemp("fixture-site"),
        posts={
            "quiet.md": post("A quiet post", newsletter="false"),
            "ids-in-code.md": post(
                "Ids in code",
                """
                The site reserves `id="disclaimer"` and `id="newsletter"`; so does this block:

                ```html
                <aside id="disclaimer"></aside>
                <section id="newsletter"><form method="post"></form></section>
                ```
                """,
            ),
            # About 240 words: one minute to read, two if the footer's words were counted.
            "short.md": post("A short post", " ".join(["word"] * 240)),
        },
    )
    assert build.returncode == 0, build.log
    return build


def test_every_page_has_exactly_one_disclaimer_with_the_crisis_line(built: Build) -> None:
    pages = built.pages()
    kinds = {"404.html", "about/index.html", "privacy/index.html", f"{archive_url(SOURCES.newest)}index.html",
             f"{category_url(SOURCES.newest.categories[0])}index.html"}
    assert kinds | newsletter_pages(built) <= set(pages)
    for path, page in pages.items():
        disclaimers = page.select("#disclaimer")
        assert len(disclaimers) == 1, path
        assert DEFAULT_DISCLAIMER in text(disclaimers[0]), path
        assert "call or text 988 (Suicide & Crisis Lifeline)" in text(disclaimers[0]), path
        assert disclaimers[0].select_one('a[href="sms:988"]') is not None, path
        assert "local emergency number" in text(disclaimers[0]), path
        assert disclaimers[0].select_one('a[href="tel:988"]') is not None, path


def test_disclaimer_follows_the_content_and_precedes_the_site_footer(built: Build) -> None:
    for path, page in built.pages().items():
        disclaimer = page.select_one("#disclaimer")
        assert disclaimer.find_previous("main") is not None, path
        assert disclaimer.find_next("footer", class_="md-footer") is not None, path
        assert disclaimer.find_parent("main") is None, path


def test_newsletter_is_on_posts_home_and_blog_index_only(built: Build) -> None:
    expected_pages = newsletter_pages(built)
    for path, page in built.pages().items():
        expected = 1 if path in expected_pages else 0
        assert len(page.select("#newsletter")) == expected, path


def test_newsletter_form_posts_plainly_and_accessibly(built: Build) -> None:
    section = built.page(POST.url).select_one("#newsletter")
    forms = section.find_all("form")
    assert len(forms) == 1
    form = forms[0]
    assert form["method"] == "post"
    assert form["action"] == "https://buttondown.com/api/emails/embed-subscribe/modernmindwork"
    emails = form.select('input[type="email"]')
    assert len(emails) == 1
    email = emails[0]
    assert email["name"] == "email"
    assert email["autocomplete"] == "email"
    assert email.has_attr("required")
    label = form.select_one(f'label[for="{email["id"]}"]')
    assert label is not None and text(label)
    assert "placeholder" not in email.attrs
    assert form.select_one('button[type="submit"]') is not None
    assert form.select_one('input[type="hidden"][name="embed"]')["value"] == "1"
    assert section.find("script") is None
    newsletter = SOURCES.config["extra"]["newsletter"]
    assert text(section.select_one("h2")) == newsletter["heading"]
    assert newsletter["text"] in text(section) and newsletter["text"] != newsletter["heading"]
    privacy = form.select_one("#newsletter-consent a")
    assert privacy["href"] == "../" * POST.url.count("/") + "privacy/"
    assert email["aria-describedby"] == "newsletter-consent"


def test_newsletter_and_disclaimer_are_not_searchable_nor_in_excerpts(built: Build) -> None:
    records = built.search_records()
    assert {f"/{source.url}" for source in SOURCES.published_posts if source.searchable} <= set(records)
    everything = json.dumps(records, ensure_ascii=False)
    assert "informational purposes only" not in everything
    assert "Join the conversation" not in everything
    for excerpt in [e for page in built.listing("blog").values() for e in page.select("article.md-post--excerpt")]:
        assert excerpt.select("#disclaimer, #newsletter") == []
        assert "informational purposes" not in text(excerpt)


def test_newsletter_false_in_front_matter_removes_the_form(fixture_site: Build) -> None:
    page = fixture_site.page("blog/a-quiet-post")
    assert page.select("#newsletter") == []
    assert len(page.select("#disclaimer")) == 1


def test_reserved_ids_in_a_code_block_do_not_count(fixture_site: Build) -> None:
    page = fixture_site.page("blog/ids-in-code")
    assert len(page.select("#disclaimer")) == 1
    assert len(page.select("#newsletter")) == 1
    assert len(page.select("#newsletter form")) == 1
    assert 'id="disclaimer"' in page.select_one("article").get_text()


def test_reading_time_counts_the_article_alone(fixture_site: Build) -> None:
    meta = text(fixture_site.page("blog/a-short-post").select_one(".mm-byline"))
    assert "1 min read" in meta


def test_a_post_that_takes_a_reserved_id_fails_the_build(tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts={"taken.md": post("Taken", '<div id="disclaimer">Mine</div>')})
    assert build.returncode == 1
    assert (
        "WARNING -  docs/blog/posts/taken.md:12: the id 'disclaimer' is reserved for the site's own disclaimer; "
        "give this element another id" in build.log
    )


def test_every_setting_is_escaped_where_it_lands(tmp_path: Path) -> None:
    hostile = 'https://x.example/?a=1&b=2"><script>alert(1)</script>'
    build = build_variant(
        tmp_path,
        settings=f"""
        extra:
          disclaimer: '<script>alert("disclaimer")</script> Not advice.'
          newsletter:
            action: '{hostile}'
            heading: '<img src=x onerror=alert(1)>'
            hidden_fields:
              tag: '"><script>alert(2)</script>'
            honeypot: b_trap
        """,
    )
    assert build.returncode == 0, build.log
    page = build.page("")
    assert page.find("script", string=re.compile("alert")) is None
    assert page.select("#newsletter img") == []
    form = page.select_one("#newsletter form")
    assert form["action"] == hostile
    assert form.select_one('input[name="tag"]')["value"] == '"><script>alert(2)</script>'
    assert text(page.select_one("#newsletter-heading")) == "<img src=x onerror=alert(1)>"
    assert '<script>alert("disclaimer")</script> Not advice.' in text(page.select_one("#disclaimer"))


def test_honeypot_is_hidden_from_people_and_assistive_technology(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings="extra:\n  newsletter:\n    honeypot: b_u_id\n")
    assert build.returncode == 0, build.log
    trap = build.page("").select_one('#newsletter input[name="b_u_id"]')
    assert trap["tabindex"] == "-1"
    assert trap.get("value") == ""
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None


def test_disclaimer_text_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings="extra:\n  disclaimer: Our own words for readers.\n")
    assert build.returncode == 0, build.log
    for path, page in build.pages().items():
        assert "Our own words for readers." in text(page.select_one("#disclaimer")), path
        assert "call or text 988" in text(page.select_one("#disclaimer")), path


def test_disclaimer_defaults_to_the_clinics_words(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings="extra:\n  disclaimer: null\n")
    assert build.returncode == 0, build.log
    assert DEFAULT_DISCLAIMER in text(build.page("about").select_one("#disclaimer"))


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            "extra:\n  newsletter:\n    action: http://newsletter.example/subscribe\n",
            "extra.newsletter.action must be an https URL (http only for localhost or 127.0.0.1), "
            "got 'http://newsletter.example/subscribe'",
        ),
        (
            "extra:\n  newsletter:\n    action: [1, 2]\n",
            "extra.newsletter.action must be an https URL, got [1, 2]",
        ),
        (
            "extra:\n  newsletter:\n    buton: Go\n",
            "extra.newsletter.buton is not a setting; known: action, button, consent, email_field, heading, "
            "hidden_fields, honeypot, label, privacy_link, privacy_url, text",
        ),
    ],
)
def test_refused_settings_fail_the_build_with_one_line(tmp_path: Path, settings: str, message: str) -> None:
    build = build_variant(tmp_path, settings=settings)
    assert build.returncode == 1
    assert f"ERROR   -  {message}\n" in build.log
    assert "Traceback" not in build.log


def test_a_heading_that_takes_a_reserved_id_is_told_how_to_rename_it(tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts={"heading.md": post("Heading", "## Disclaimer\n\nOur words.")})
    assert build.returncode == 1
    assert (
        "WARNING -  docs/blog/posts/heading.md:12: the heading 'Disclaimer' gets the id 'disclaimer', which the site "
        "keeps for its own disclaimer; give the heading another id by ending it with {#about-this-disclaimer}\n"
        in build.log
    )
    renamed = build_variant(
        tmp_path / "renamed", posts={"heading.md": post("Heading", "## Disclaimer {#about-this-disclaimer}\n\nOurs.")}
    )
    assert renamed.returncode == 0, renamed.log
    assert len(renamed.page("blog/heading").select("#disclaimer")) == 1


def test_a_page_whose_template_drops_the_disclaimer_fails_the_build(tmp_path: Path) -> None:
    build = build_variant(tmp_path, pages={"bare.md": "---\ntemplate: base.html\n---\n\n# Bare\n"},
                          settings="not_in_nav: |\n  /privacy.md\n  /bare.md\n")
    assert build.returncode == 1
    assert (
        "WARNING -  docs/bare.md:2: the page has 0 elements with id 'disclaimer', not 1; its template must extend main.html"
        in build.log
    )


def test_a_post_may_not_choose_a_template_that_drops_the_disclaimer(tmp_path: Path) -> None:
    build = build_variant(tmp_path, posts={"bare.md": post("Bare", template="base.html")})
    assert build.returncode == 1
    assert (
        "WARNING -  docs/blog/posts/bare.md:10: template: expected the name of a template in overrides/, got 'base.html'"
        in build.log
    )


def test_titles_and_descriptions_are_escaped_on_the_home_page(tmp_path: Path) -> None:
    # Dated today, so that it is among the newest posts the home page lists, whatever the blog holds.
    today = datetime.now(timezone.utc).date().isoformat()
    markup = post("'Claims: 1 < 2 & 3 > 2'", created=today).replace(
        "description: A fixture post that the tests build to check how the site treats posts.",
        "description: 'Doses < 1 mg & ratios > 2 in a description are shown as the writer typed them.'",
    )
    build = build_variant(tmp_path, posts={"markup.md": markup})
    assert build.returncode == 0, build.log
    latest = build.page("").select_one(".mm-latest")
    assert "Claims: 1 < 2 & 3 > 2" in latest.get_text()
    assert "Doses < 1 mg & ratios > 2 in a description" in latest.get_text()


@pytest.mark.parametrize("setting", ["newsletter:\n    privacy_url", "footer_links:\n    - title: Privacy\n      url"])
def test_links_in_settings_must_stay_on_the_site_or_use_https(tmp_path: Path, setting: str) -> None:
    build = build_variant(tmp_path, settings=f"extra:\n  {setting}: javascript:alert(1)\n")
    assert build.returncode == 1
    assert "must be a page (like 'privacy.md'), a path within the site or an https URL, got 'javascript:alert(1)'" in build.log


def test_a_page_that_names_a_missing_template_gets_a_line_not_a_traceback(tmp_path: Path) -> None:
    build = build_variant(tmp_path, pages={"odd.md": "---\ntemplate: nowhere.html\n---\n\n# Odd\n"},
                          settings="not_in_nav: |\n  /privacy.md\n  /odd.md\n")
    assert build.returncode == 1
    assert "Traceback" not in build.log
    assert "WARNING -  docs/odd.md:2: template: no template 'nowhere.html' in overrides/ or the theme\n" in build.log
    assert len(build.page("odd").select("#disclaimer")) == 1
