"""The site's own settings (``extra:`` in mkdocs.yml), declared once as a schema and read in one go.

Every problem is reported at once, one line each, starting with its path, like
``extra.footer_links[1].url must be a page (like 'privacy.md'), ...``, so a site owner fixes them all
from one build. pydantic walks the settings and collects the problems; setting_checks.py says what
each value must be, in the site's words. Templates read the result as ``site_settings``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from .post_fields import LINE_BREAK, invisible_character, markdown_character
from .setting_checks import (
    author_id_list, contact_url, field_value, form_action, form_field_name, kind, link_list, link_url, non_empty_text, optional,
    review_months, site_file,
)

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .feed_items import FeedFiles

# The order the checks report in: the order of mkdocs.yml's own example.
SECTIONS = ("disclaimer", "newsletter", "footer_links", "contact", "corrections", "review", "seo")


class SettingsError(ValueError):
    """Settings in mkdocs.yml that the site cannot use: one line per problem, each naming the setting and its value."""


Text = Annotated[str, BeforeValidator(non_empty_text)]
LinkUrl = Annotated[str, BeforeValidator(link_url)]
FieldName = Annotated[str, BeforeValidator(form_field_name)]
SiteFile = Annotated[str, BeforeValidator(site_file)]
FormAction = Annotated[str, BeforeValidator(form_action)]


class Section(BaseModel):
    # Every field is checked, given or not (a field's `= None` is checked too), so a missing one is
    # told in the site's words.
    model_config = ConfigDict(frozen=True, validate_default=True)


class Newsletter(Section):
    """Where the sign-up form posts, what it sends, and what it says (a setting it does not know is refused)."""

    model_config = ConfigDict(extra="forbid")

    action: FormAction = None
    email_field: FieldName = "email"
    # Read as a mapping, kept as (name, value) pairs for the template.
    hidden_fields: Annotated[
        dict[FieldName, Annotated[str, BeforeValidator(field_value)]],
        BeforeValidator(kind("must be a mapping of field names to values", Mapping, nothing={})),
        AfterValidator(lambda fields: tuple(fields.items())),
    ] = None
    honeypot: Annotated[str | None, BeforeValidator(optional(form_field_name))] = None
    heading: Text = None
    text: Text = None
    label: Text = None
    button: Text = None
    consent: Text = None
    privacy_link: Text = None
    privacy_url: LinkUrl = None


class Link(Section):
    """A link in the footer: its text and where it goes."""

    title: Text = None
    url: LinkUrl = None


class Identity(Section):
    """How the site presents itself to search engines and link previews (``extra.seo``)."""

    team_authors: Annotated[frozenset[str], BeforeValidator(author_id_list)] = []
    share_image: SiteFile = None
    share_image_alt: Text = None
    logo: SiteFile = None


class Review(Section):
    """The medical review cycle (``extra.review``): how often each post is reviewed again."""

    model_config = ConfigDict(extra="forbid")

    months: Annotated[int, BeforeValidator(review_months)] = 12


class Extra(BaseModel):
    """The sections of ``extra:``: the site's own only. Material's (analytics, consent, social, alternate,
    homepage, scope, polyfills, status ...) print their values unescaped into every page's head and scripts."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    disclaimer: Annotated[str | None, BeforeValidator(optional(non_empty_text))] = None
    newsletter: Annotated[Newsletter, BeforeValidator(kind("must be a mapping of settings", Mapping))] = None
    footer_links: Annotated[
        tuple[Annotated[Link, BeforeValidator(kind("must have a title and a url", Mapping))], ...],
        BeforeValidator(link_list),
    ] = None
    # How readers reach the clinic, in the footer only when set: an e-mail address or a page. Never invented.
    contact: Annotated[str | None, BeforeValidator(optional(contact_url))] = None
    # Where readers report an error: "Report an error" on every post and the editorial policy, only when set.
    corrections: Annotated[str | None, BeforeValidator(optional(contact_url))] = None
    review: Annotated[Review, BeforeValidator(kind("must be a mapping of settings", Mapping, nothing={}))] = None
    seo: Annotated[Identity, BeforeValidator(kind("must be a mapping of settings", Mapping))] = None


@dataclass(frozen=True)
class SiteSettings:
    """The checked settings every template may read, as ``site_settings``."""

    disclaimer: str | None
    newsletter: Newsletter
    footer_links: tuple[Link, ...]
    identity: Identity
    feeds: FeedFiles | None = None
    # A mailto: link, a page's URL or an https URL; None when extra.contact is not set.
    contact: str | None = None
    # Like contact: where readers report an error in an article; None when extra.corrections is not set.
    corrections: str | None = None
    review: Review = Review()
    # `copyright:` in mkdocs.yml as plain text (its "&copy;" decoded), for templates to escape.
    copyright: str | None = None


SECTION_MODELS: dict[str, type[Section]] = {"newsletter": Newsletter, "footer_links": Link, "review": Review, "seo": Identity}


UNKNOWN = frozenset({"extra_forbidden", "invalid_key"})


def setting_path(location: tuple[int | str, ...]) -> str:
    """pydantic's location of a value as the site names it: ``extra.footer_links[1].url``, a link
    counted from 1 as people count, and ``... key`` for a mapping's key."""
    path = "extra"
    for before, part in zip((None, *location), location):
        if part == "[key]":
            path += " key"
        elif before == "footer_links" and isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}"
    return path


def problem(error: Mapping[str, Any]) -> str:
    location = error["loc"]
    if location and location[-1] == "[key]":
        location = location[:-2] + ("[key]",)
    if error["type"] in UNKNOWN and len(location) == 1:
        known = ", ".join(sorted(Extra.model_fields))
        return (
            f"{setting_path(location)} is not a setting of this site (Material's own print their values into "
            f"every page unchecked); known: {known}"
        )
    if error["type"] in UNKNOWN:
        known = ", ".join(sorted(SECTION_MODELS[location[0]].model_fields))
        return f"{setting_path(location)} is not a setting; known: {known}"
    message = str(error["ctx"]["error"]) if error["type"] == "value_error" else error["msg"]
    return f"{setting_path(location)} {message}"


def report_order(error: Mapping[str, Any]) -> tuple[int, int, bool]:
    section, *rest = error["loc"]
    link = rest[0] if section == "footer_links" and rest and isinstance(rest[0], int) else -1
    return SECTIONS.index(section) if section in SECTIONS else -1, link, error["type"] not in UNKNOWN


def read_settings(extra: Mapping[str, Any], docs_dir: Path) -> SiteSettings:
    """All of the site's own settings, or a SettingsError with one line per problem."""
    try:
        found = Extra.model_validate(dict(extra), context={"docs_dir": docs_dir})
    except ValidationError as error:
        # Section by section, link by link: its unknown settings first, then the rest in the order
        # the schema declares them.
        errors = sorted(error.errors(include_url=False), key=report_order)
        raise SettingsError("\n".join(problem(error) for error in errors)) from None
    return SiteSettings(
        found.disclaimer, found.newsletter, found.footer_links, found.seo, contact=found.contact,
        corrections=found.corrections, review=found.review,
    )


def site_text_problems(site: Mapping[str, object]) -> list[str]:
    """mkdocs.yml's site_name, site_description and copyright are shown on every page and in the feeds:
    plain text, one line per problem (copyright may write the © sign as &copy;)."""
    problems = []
    for name in ("site_name", "site_description", "copyright"):
        value = site.get(name)
        if value is None:
            continue
        text = value.replace("&copy;", "©") if name == "copyright" and isinstance(value, str) else value
        if not isinstance(text, str):
            problems.append(f"{name} must be a text, got {value!r}")
        elif found := re.search(r"[<>&\"]", text):
            problems.append(f"{name} must be plain text, without {found.group(0)!r} (write 'and' for '&'), got {value!r}")
        elif found := invisible_character(name, text):
            problems.append(found.replace(": contains", " contains", 1))
    return problems


def category_problems(names: tuple[str, ...]) -> list[str]:
    """The blog's categories (categories_allowed in mkdocs.yml) title their pages, which Material writes
    as "# {name}" Markdown, and the feeds' items: plain text on one line, one line per problem."""
    problems = []
    for name in names:
        if not isinstance(name, str):
            problems.append(f"categories_allowed: each category must be a text, got {name!r}")
        elif problem := (
            (LINE_BREAK.search(name) and "one line only; remove the line break")
            or (re.search(r"<[A-Za-z/!?]", name) and "plain text only; remove the HTML tag")
            or ((markdown := markdown_character(name, "its category page")) and f"plain text only; {markdown}")
            or (invisible_character("category", name) or "").partition(": ")[2]
        ):
            problems.append(f"categories_allowed: {name!r}: {problem}")
    return problems


def plain_copyright(site: Mapping[str, object]) -> str | None:
    value = site.get("copyright")
    return value.replace("&copy;", "©") if isinstance(value, str) else None


def page_url(link: str, files: Files, name: str) -> str:
    """A setting's link to a page of docs/ (``privacy.md#newsletter``) as that page's URL, which differs
    with ``use_directory_urls``; any other link as it is."""
    path, _, anchor = link.partition("#")
    if urlsplit(link).scheme or not path.endswith(".md"):
        return link
    file = files.get_file_from_path(path)
    if file is None:
        raise SettingsError(f"{name}: no page {path!r} in docs/")
    return file.url + (f"#{anchor}" if anchor else "")


def with_page_urls(found: SiteSettings, files: Files) -> SiteSettings:
    """The settings with their links to pages resolved (see page_url)."""
    links = tuple(
        link.model_copy(update={"url": page_url(link.url, files, f"extra.footer_links[{number}].url")})
        for number, link in enumerate(found.footer_links, start=1)
    )
    privacy = page_url(found.newsletter.privacy_url, files, "extra.newsletter.privacy_url")
    contact = page_url(found.contact, files, "extra.contact") if found.contact else None
    corrections = page_url(found.corrections, files, "extra.corrections") if found.corrections else None
    newsletter = found.newsletter.model_copy(update={"privacy_url": privacy})
    return replace(found, footer_links=links, newsletter=newsletter, contact=contact, corrections=corrections)
