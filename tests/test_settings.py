"""Unit tests of the site's settings schema (hooks/mindwork_site/settings.py), and of the reserved-id
checks of content_policy.py and pages.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mindwork_site import content_policy, pages
from mindwork_site.settings import SettingsError, read_settings

from conftest import ROOT, SOURCES, build_variant

DOCS = ROOT / "docs"
SEO = {"share_image": "assets/images/share.png", "share_image_alt": "The share image", "logo": "assets/images/logo-144.png"}


def newsletter(**changes: Any) -> dict[str, Any]:
    settings = {
        "action": "https://buttondown.example/api/emails/embed-subscribe/clinic",
        "heading": "Join",
        "text": "Get updates.",
        "label": "E-mail",
        "button": "Subscribe",
        "consent": "Only the newsletter.",
        "privacy_link": "Privacy",
        "privacy_url": "privacy/",
    }
    settings.update(changes)
    return {key: value for key, value in settings.items() if value is not None}


def problems(extra: dict[str, Any]) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        read_settings({"seo": SEO, **extra}, DOCS)
    return str(raised.value).splitlines()


def test_valid_settings_are_read_with_their_defaults() -> None:
    settings = read_settings({"newsletter": newsletter(), "seo": SEO}, DOCS)
    assert settings.disclaimer is None
    assert settings.newsletter.email_field == "email"
    assert settings.newsletter.hidden_fields == ()
    assert settings.newsletter.honeypot is None
    assert settings.footer_links == ()
    identity = settings.identity
    assert (identity.share_image, identity.share_image_alt, identity.logo) == (SEO["share_image"], SEO["share_image_alt"], SEO["logo"])
    assert identity.team_authors == frozenset()


def test_seo_files_must_exist_below_docs() -> None:
    extra = {"newsletter": newsletter(), "seo": {**SEO, "share_image": "../mkdocs.yml", "logo": "https://cdn.example/l.png"}}
    with pytest.raises(SettingsError) as raised:
        read_settings(extra, DOCS)
    assert str(raised.value).splitlines() == [
        "extra.seo.share_image must be the path of a file in docs/, like 'assets/images/share.png', got '../mkdocs.yml'",
        "extra.seo.logo must be the path of a file in docs/, like 'assets/images/share.png', got 'https://cdn.example/l.png'",
    ]


@pytest.mark.parametrize(
    "action",
    ["https://buttondown.example/x", "http://localhost:8025/subscribe", "http://127.0.0.1:9/x"],
)
def test_https_and_local_http_actions_are_accepted(action: str) -> None:
    assert read_settings({"newsletter": newsletter(action=action), "seo": SEO}, DOCS).newsletter.action == action


@pytest.mark.parametrize(
    "action",
    ["http://buttondown.example/x", "javascript:alert(1)", "//buttondown.example/x", "https://", "", 42, None],
)
def test_other_actions_are_refused_with_the_setting_and_value(action: object) -> None:
    assert problems({"newsletter": newsletter(action=action)}) == [
        f"extra.newsletter.action must be an https URL (http only for localhost or 127.0.0.1), got {action!r}"
        if isinstance(action, str)
        else f"extra.newsletter.action must be an https URL, got {action!r}"
    ]


def test_every_problem_is_reported_on_its_own_line() -> None:
    extra = {
        "disclaimer": "",
        "newsletter": newsletter(action="ftp://x", button=None, email_field="e mail", categroies="x"),
        "footer_links": [{"title": "Privacy"}],
    }
    assert problems(extra) == [
        "extra.disclaimer must be a non-empty text, got ''",
        "extra.newsletter.categroies is not a setting; known: action, button, consent, email_field, "
        "heading, hidden_fields, honeypot, label, privacy_link, privacy_url, text",
        "extra.newsletter.action must be an https URL (http only for localhost or 127.0.0.1), got 'ftp://x'",
        "extra.newsletter.email_field must be a form field name (letters, digits, '_', '-', '[', ']'), "
        "got 'e mail'",
        "extra.newsletter.button must be a non-empty text, got None",
        "extra.footer_links[1].url must be a non-empty text, got None",
    ]


def test_a_missing_newsletter_block_is_named() -> None:
    assert problems({}) == ["extra.newsletter must be a mapping of settings, got None"]


def test_hidden_fields_are_names_and_texts() -> None:
    fields = read_settings({"newsletter": newsletter(hidden_fields={"embed": 1, "tag": "blog"}), "seo": SEO}, DOCS)
    assert fields.newsletter.hidden_fields == (("embed", "1"), ("tag", "blog"))
    assert problems({"newsletter": newsletter(hidden_fields={"embed": [1]})}) == [
        "extra.newsletter.hidden_fields.embed must be a text or a number, got [1]"
    ]
    assert problems({"newsletter": newsletter(hidden_fields={"e mail": 1})}) == [
        "extra.newsletter.hidden_fields key must be a form field name (letters, digits, '_', '-', '[', ']'), got 'e mail'"
    ]
    assert problems({"newsletter": newsletter(hidden_fields=["embed"])}) == [
        "extra.newsletter.hidden_fields must be a mapping of field names to values, got ['embed']"
    ]


def test_every_section_is_checked_with_its_path() -> None:
    extra = {
        "newsletter": "yes",
        "footer_links": [{"title": "Privacy", "url": "privacy.md"}, "Editorial policy", {"title": "", "url": "javascript:x"}],
        "seo": {**SEO, "team_authors": "modern-mindwork", "logo": "https://[cdn.example/logo.png"},
    }
    assert problems(extra) == [
        "extra.newsletter must be a mapping of settings, got 'yes'",
        "extra.footer_links[2] must have a title and a url, got 'Editorial policy'",
        "extra.footer_links[3].title must be a non-empty text, got ''",
        "extra.footer_links[3].url must be a page (like 'privacy.md'), a path within the site or an https URL, "
        "got 'javascript:x'",
        "extra.seo.team_authors must be a list of author ids, got 'modern-mindwork'",
        "extra.seo.logo must be the path of a file in docs/, like 'assets/images/share.png', "
        "got 'https://[cdn.example/logo.png'",
    ]
    assert problems({"newsletter": newsletter(), "footer_links": "privacy.md"}) == [
        "extra.footer_links must be a list of links, got 'privacy.md'"
    ]
    assert read_settings({"newsletter": newsletter(), "seo": SEO, "footer_links": ""}, DOCS).footer_links == ()


def test_a_newsletter_setting_that_is_not_a_word_is_named_as_written() -> None:
    known = "action, button, consent, email_field, heading, hidden_fields, honeypot, label, privacy_link, privacy_url, text"
    assert problems({"newsletter": {**newsletter(), 1: "x"}}) == [f"extra.newsletter.1 is not a setting; known: {known}"]
    assert problems({"newsletter": newsletter(action="https://[buttondown.example/x")}) == [
        "extra.newsletter.action must be an https URL (http only for localhost or 127.0.0.1), "
        "got 'https://[buttondown.example/x'"
    ]


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<div id="disclaimer">x</div>', ["disclaimer"]),
        ("<section id='newsletter' class=x>", ["newsletter"]),
        ("<p id=newsletter>", ["newsletter"]),
        ('<code>&lt;div id=&quot;disclaimer&quot;&gt;</code>', []),
        ('<div id="disclaimer-note">', []),
        ('<p>the id="newsletter" attribute</p>', []),
        ('<img alt="x" id="disclaimer"/>', ["disclaimer"]),
    ],
)
def test_reserved_ids_are_found_only_as_attributes(html: str, found: list[str]) -> None:
    problems = [finding.text for finding in content_policy.check_content(html) if "reserved" in finding.text or "keeps" in finding.text]
    assert [reserved for reserved in content_policy.RESERVED_IDS if any(f"'{reserved}'" in p for p in problems)] == found


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ('<aside id="disclaimer" class="x">', 1),
        ('<p>The site reserves <code>id="disclaimer"</code>.</p><aside id="disclaimer">', 1),
        ('<div class="a" id="disclaimer"><span id="disclaimer">', 2),
        ("<p>no element here</p>", 0),
        ('<div data-id="disclaimer">', 0),
    ],
)
def test_reserved_ids_are_counted_only_inside_tags(html: str, count: int) -> None:
    assert pages.count_ids(html, "disclaimer") == count


def test_the_site_name_description_and_copyright_are_plain_text(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings="""\
        site_name: "Mindwork <script>alert(1)</script>"
        site_description: 'A "quoted" description'
        copyright: "&copy; Modern Mindwork <img src=x onerror=alert(1)>"
    """)
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    assert (
        "site_name must be plain text, without '<' (write 'and' for '&'), got 'Mindwork <script>alert(1)</script>'\n"
        "site_description must be plain text, without '\"' (write 'and' for '&'), got 'A \"quoted\" description'\n"
        "copyright must be plain text, without '<' (write 'and' for '&'), got "
        "'&copy; Modern Mindwork <img src=x onerror=alert(1)>'"
    ) in build.log


def test_materials_own_extra_settings_are_refused(tmp_path: Path) -> None:
    """Material prints these into every page's head and scripts unescaped: a script in them would be
    hashed into the policy along with the theme's own."""
    build = build_variant(tmp_path, settings="""\
        extra:
          scope: '/",location),alert(1),new URL("/'
          consent:
            title: x
            description: "<script>alert(1)</script>"
    """)
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    for name in ("scope", "consent"):
        assert (
            f"extra.{name} is not a setting of this site (Material's own print their values into every page "
            "unchecked); known: contact, corrections, disclaimer, footer_links, newsletter, review, seo"
        ) in build.log


def test_the_categories_are_plain_text_and_may_hold_an_ampersand(tmp_path: Path) -> None:
    categories = SOURCES.categories
    build = build_variant(tmp_path, settings=f"""\
        plugins:
          blog:
            categories_allowed: {[*categories, "Grief & loss", "Care {: onclick=alert(1) }", "[Tap](javascript:alert(1))"]}
    """)
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    assert (
        "categories_allowed: 'Care {: onclick=alert(1) }': plain text only; remove '{', or reword (its category page "
        "would read it as Markdown)\n"
        "categories_allowed: '[Tap](javascript:alert(1))': plain text only; remove '[', or reword (its category page "
        "would read it as Markdown)"
    ) in build.log
    assert "Grief & loss" not in build.log


def test_the_copyright_may_write_the_copyright_sign_as_an_entity(tmp_path: Path) -> None:
    build = build_variant(tmp_path, settings='copyright: "Copyright &copy; 2026 Modern Mindwork"\n')
    assert build.returncode == 0, build.log
