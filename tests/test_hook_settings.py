"""Unit tests of the hook's own functions: reading and checking the site's settings."""

from __future__ import annotations

from typing import Any

import modern_mindwork as hook
import pytest

from conftest import ROOT

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
    with pytest.raises(hook.SettingsError) as raised:
        hook.read_settings({"seo": SEO, **extra}, DOCS)
    return str(raised.value).splitlines()


def test_valid_settings_are_read_with_their_defaults() -> None:
    settings = hook.read_settings({"newsletter": newsletter(), "seo": SEO}, DOCS)
    assert settings.disclaimer is None
    assert settings.newsletter.email_field == "email"
    assert settings.newsletter.hidden_fields == ()
    assert settings.newsletter.honeypot is None
    assert settings.footer_links == ()
    assert settings.identity == hook.Identity("assets/images/share.png", "The share image", "assets/images/logo-144.png", frozenset())


def test_seo_files_must_exist_below_docs() -> None:
    extra = {"newsletter": newsletter(), "seo": {**SEO, "share_image": "../mkdocs.yml", "logo": "https://cdn.example/l.png"}}
    with pytest.raises(hook.SettingsError) as raised:
        hook.read_settings(extra, DOCS)
    assert str(raised.value).splitlines() == [
        "extra.seo.share_image must be the path of a file in docs/, like 'assets/images/share.png', got '../mkdocs.yml'",
        "extra.seo.logo must be the path of a file in docs/, like 'assets/images/share.png', got 'https://cdn.example/l.png'",
    ]


@pytest.mark.parametrize(
    "action",
    ["https://buttondown.example/x", "http://localhost:8025/subscribe", "http://127.0.0.1:9/x"],
)
def test_https_and_local_http_actions_are_accepted(action: str) -> None:
    assert hook.read_action(action) == action


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
    fields = hook.read_hidden_fields({"embed": 1, "tag": "blog"})
    assert fields == (("embed", "1"), ("tag", "blog"))
    with pytest.raises(hook.SettingsError, match=r"^extra.newsletter.hidden_fields.embed must be a text or a number"):
        hook.read_hidden_fields({"embed": [1]})
    with pytest.raises(hook.SettingsError, match=r"^extra.newsletter.hidden_fields must be a mapping"):
        hook.read_hidden_fields(["embed"])


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
    problems = [finding.text for finding in hook.reserved_id_problems(html)]
    assert [reserved for reserved in hook.RESERVED_IDS if any(f"'{reserved}'" in p for p in problems)] == found


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ('<aside id="disclaimer" class="x">', 1),
        ('<p>The site reserves <code>id="disclaimer"</code>.</p><aside id="disclaimer">', 1),
        ('<div class="a" id="disclaimer"><span id="disclaimer">', 2),
        ("<p>no element here</p>", 0),
    ],
)
def test_reserved_ids_are_counted_only_inside_tags(html: str, count: int) -> None:
    assert hook.count_ids(html, "disclaimer") == count
