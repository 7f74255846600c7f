"""Modern Mindwork's build hook: decides what the site adds to its pages.

HTML lives in Jinja templates under ``overrides/``; texts and switches live in ``mkdocs.yml``.
This module reads and checks those settings once, then decides which data reaches which page:

- the medical disclaimer, on every page (``overrides/partials/disclaimer.html``);
- the newsletter form, on posts, the home page and the blog index (``overrides/partials/newsletter.html``);
- the newest posts, on the home page (``overrides/home.html``);
- on posts, the byline, the medical review, the crisis note and the related reading (``trust.py``,
  ``overrides/partials/post-header.html`` and ``related.html``);
- the post contract (``contract.py``, ``writing.py``): every post's front matter, its text as typed and
  every page's HTML checked, each problem one warning naming the file, the line and the field
  (``docs/blog/posts/x.md:3: description: ...``); a post whose front matter has a problem is left out
  of the build, and `mkdocs serve` shows it from a copy outside docs/, under a box listing its problems;
- the feeds' addresses for every page's head, and, after the build, feeds that feed readers accept
  (``feeds.py``, with ``overrides/partials/feed-footer.html`` at the end of every item).

The templates render these in the theme's footer block, outside the page's own content, so they
never reach excerpts, reading times or the search index, and a post cannot remove them.
Hooks are not reloaded by ``mkdocs serve``: restart it after changing this file.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
import os
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from pathlib import Path

import contract
import feeds
import listings
import seo
import serve_preview
import site_search
import trust
import writing
import yaml
from markdown import Markdown
from material.plugins.blog.structure import Archive, Category, Post, Profile, View
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.yaml import yaml_load

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.modern_mindwork")

BLOG_PLUGIN = "material/blog"
RSS_PLUGIN = "rss"
# The ids of the elements the site adds to pages; a page's own HTML must not take them.
RESERVED_IDS = ("disclaimer", "newsletter", "related")
# An id attribute inside a tag of rendered HTML. Markdown escapes "<" in text and code, so prose or a
# code block that merely shows such an attribute never matches.
ID_ATTRIBUTE = re.compile(r"""<([A-Za-z][A-Za-z0-9]*)[^<>]*?\bid\s*=\s*["']?(%s)["'\s/>]""" % "|".join(RESERVED_IDS))
HEADING = re.compile(r"h[1-6]", re.IGNORECASE)
LATEST_POSTS_ON_HOME = 5
# A post's file name, and the longest address a post's title or slug may make (a file name has 255 bytes).
POST_FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")
MAX_SLUG = 100
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})
FIELD_NAME = re.compile(r"[A-Za-z0-9_\-\[\]]+")
NEWSLETTER_TEXTS = ("heading", "text", "label", "button", "consent", "privacy_link")
NEWSLETTER_KEYS = frozenset({"action", "email_field", "hidden_fields", "honeypot", "privacy_url", *NEWSLETTER_TEXTS})

T = TypeVar("T")


@dataclass(frozen=True)
class Credit:
    """A person (or the clinic's team) named on a post, and the page that says who they are."""

    id: str
    name: str
    url: str | None


@dataclass(frozen=True)
class PostHeader:
    """What a post says under its title: who wrote it, who reviewed it and when, and whether readers
    need the crisis note first."""

    authors: tuple[Credit, ...]
    created: datetime
    updated: datetime | None
    reviewer: Credit | None
    reviewed: datetime | None
    crisis: bool


class SettingsError(ValueError):
    """A setting in mkdocs.yml that the site cannot use; the message names it and its value."""


@dataclass(frozen=True)
class Newsletter:
    """Where the sign-up form posts, what it sends, and what it says."""

    action: str
    email_field: str
    hidden_fields: tuple[tuple[str, str], ...]
    honeypot: str | None
    heading: str
    text: str
    label: str
    button: str
    consent: str
    privacy_link: str
    privacy_url: str


@dataclass(frozen=True)
class Link:
    """A link in the footer: its text and where it goes."""

    title: str
    url: str


@dataclass(frozen=True)
class FeedFiles:
    """The feeds mkdocs-rss-plugin writes, as file names below the site, and their public URLs."""

    rss_created: str
    rss_updated: str
    json_created: str
    json_updated: str
    rss: str
    json: str


@dataclass(frozen=True)
class Identity:
    """How the site presents itself to search engines and link previews (``extra.seo``)."""

    share_image: str
    share_image_alt: str
    logo: str
    team_authors: frozenset[str]


@dataclass(frozen=True)
class SiteSettings:
    """The checked settings every template may read, as ``site_settings``."""

    disclaimer: str | None
    newsletter: Newsletter
    footer_links: tuple[Link, ...]
    identity: Identity
    feeds: FeedFiles | None = None


def read_text(value: object, name: str) -> str:
    """A non-empty piece of text, or a SettingsError naming the setting."""
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{name} must be a non-empty text, got {value!r}")
    return value.strip()


def read_link_url(value: object, name: str) -> str:
    """A link the site shows: a page of docs/ (like ``privacy.md``), a path within the site, or an https URL."""
    text = read_text(value, name)
    url = urlsplit(text)
    if (url.scheme == "https" and url.hostname) or (not url.scheme and not url.netloc):
        return text
    raise SettingsError(f"{name} must be a page (like 'privacy.md'), a path within the site or an https URL, got {value!r}")


def read_action(value: object) -> str:
    """The URL the form posts to: https, or plain http on this machine for local testing."""
    name = "extra.newsletter.action"
    if not isinstance(value, str):
        raise SettingsError(f"{name} must be an https URL, got {value!r}")
    url = urlsplit(value.strip())
    if url.scheme == "https" and url.hostname:
        return value.strip()
    if url.scheme == "http" and url.hostname in LOCAL_HOSTS:
        return value.strip()
    raise SettingsError(
        f"{name} must be an https URL (http only for localhost or 127.0.0.1), got {value!r}"
    )


def read_field_name(value: object, name: str) -> str:
    """A form field name: letters, digits, '_', '-', '[' and ']'."""
    if not isinstance(value, str) or not FIELD_NAME.fullmatch(value):
        raise SettingsError(
            f"{name} must be a form field name (letters, digits, '_', '-', '[', ']'), got {value!r}"
        )
    return value


def read_hidden_fields(value: object) -> tuple[tuple[str, str], ...]:
    """Fields the provider expects with every sign-up, as name and value."""
    name = "extra.newsletter.hidden_fields"
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise SettingsError(f"{name} must be a mapping of field names to values, got {value!r}")
    fields = []
    for field, field_value in value.items():
        read_field_name(field, f"{name} key")
        if not isinstance(field_value, str | int | float) or isinstance(field_value, bool):
            raise SettingsError(f"{name}.{field} must be a text or a number, got {field_value!r}")
        fields.append((field, str(field_value)))
    return tuple(fields)


def read_footer_links(extra: Mapping[str, Any]) -> tuple[Link, ...]:
    """The footer's links to the site's policy pages, each with a ``title`` and a ``url``."""
    links = extra.get("footer_links") or []
    if not isinstance(links, list):
        raise SettingsError(f"extra.footer_links must be a list of links, got {links!r}")
    found = []
    for number, link in enumerate(links, start=1):
        name = f"extra.footer_links[{number}]"
        if not isinstance(link, Mapping):
            raise SettingsError(f"{name} must have a title and a url, got {link!r}")
        found.append(Link(read_text(link.get("title"), f"{name}.title"), read_link_url(link.get("url"), f"{name}.url")))
    return tuple(found)


def read_disclaimer(extra: Mapping[str, Any]) -> str | None:
    """The site owner's disclaimer, or None for the template's default words."""
    if extra.get("disclaimer") is None:
        return None
    return read_text(extra["disclaimer"], "extra.disclaimer")


class Problems(list[str]):
    """Every problem found in the settings, so one build reports them all, one line each."""

    def check(self, read: Callable[..., T], *args: Any) -> T | None:
        try:
            return read(*args)
        except SettingsError as error:
            self.append(str(error))
            return None


def read_newsletter(extra: Mapping[str, Any], problems: Problems) -> Newsletter | None:
    """The newsletter settings under ``extra.newsletter``, or None with every problem noted."""
    settings = extra.get("newsletter")
    if not isinstance(settings, Mapping):
        problems.append(f"extra.newsletter must be a mapping of settings, got {settings!r}")
        return None
    known = ", ".join(sorted(NEWSLETTER_KEYS))
    for key in settings:
        if key not in NEWSLETTER_KEYS:
            problems.append(f"extra.newsletter.{key} is not a setting; known: {known}")
    honeypot = settings.get("honeypot")
    found = {
        "action": problems.check(read_action, settings.get("action")),
        "email_field": problems.check(
            read_field_name, settings.get("email_field", "email"), "extra.newsletter.email_field"
        ),
        "hidden_fields": problems.check(read_hidden_fields, settings.get("hidden_fields")),
        "honeypot": None
        if honeypot is None
        else problems.check(read_field_name, honeypot, "extra.newsletter.honeypot"),
        **{
            key: problems.check(read_text, settings.get(key), f"extra.newsletter.{key}")
            for key in NEWSLETTER_TEXTS
        },
        "privacy_url": problems.check(read_link_url, settings.get("privacy_url"), "extra.newsletter.privacy_url"),
    }
    if problems:
        return None
    return Newsletter(**found)


def read_site_file(value: object, name: str, docs_dir: Path) -> str:
    """A path below docs/ (like ``assets/images/share.png``) that names an existing file."""
    text = read_text(value, name)
    if urlsplit(text).scheme or text.startswith("/") or not contract.is_file_in(docs_dir, text, docs_dir):
        raise SettingsError(f"{name} must be the path of a file in docs/, like 'assets/images/share.png', got {value!r}")
    return text


def read_identity(extra: Mapping[str, Any], docs_dir: Path, problems: Problems) -> Identity | None:
    """The share image, its description, the publisher's logo and the authors who are the clinic's team."""
    settings = extra.get("seo")
    if not isinstance(settings, Mapping):
        problems.append(f"extra.seo must be a mapping of settings, got {settings!r}")
        return None
    team = settings.get("team_authors", [])
    if not isinstance(team, list) or not all(isinstance(author, str) for author in team):
        problems.append(f"extra.seo.team_authors must be a list of author ids, got {team!r}")
    found = (
        problems.check(read_site_file, settings.get("share_image"), "extra.seo.share_image", docs_dir),
        problems.check(read_text, settings.get("share_image_alt"), "extra.seo.share_image_alt"),
        problems.check(read_site_file, settings.get("logo"), "extra.seo.logo", docs_dir),
    )
    if problems:
        return None
    share_image, share_image_alt, logo = found
    return Identity(share_image, share_image_alt, logo, frozenset(team))


def read_settings(extra: Mapping[str, Any], docs_dir: Path) -> SiteSettings:
    """All of the site's own settings, or a SettingsError with one line per problem."""
    problems = Problems()
    disclaimer = problems.check(read_disclaimer, extra)
    newsletter = read_newsletter(extra, problems)
    footer_links = problems.check(read_footer_links, extra)
    identity = read_identity(extra, docs_dir, problems)
    if problems or newsletter is None or footer_links is None or identity is None:
        raise SettingsError("\n".join(problems))
    return SiteSettings(disclaimer=disclaimer, newsletter=newsletter, footer_links=footer_links, identity=identity)


def reserved_id_problems(html: str) -> list[contract.Finding]:
    """What to tell a writer whose page takes a reserved id: a heading's id comes from its text."""
    problems = []
    for tag, reserved in sorted(set(ID_ATTRIBUTE.findall(html))):
        needles = (f"# {reserved}", f'id="{reserved}"', f"#{reserved}", reserved)
        if HEADING.fullmatch(tag):
            problems.append(contract.Finding(
                f"the heading '{reserved.title()}' gets the id '{reserved}', which the site keeps for its own "
                f"{reserved}; give the heading another id by ending it with {{#about-this-{reserved}}}",
                needles,
            ))
        else:
            problems.append(contract.Finding(
                f"the id '{reserved}' is reserved for the site's own {reserved}; give this element another id", needles
            ))
    return problems


def count_ids(html: str, reserved: str) -> int:
    """How many elements of a rendered page carry one of the reserved ids: each `id="..."` that stands
    inside a tag, not in text (inline code keeps its quotes). Linear in the page, unlike a regex over
    every tag, which cost seconds on a 1,000-post site."""
    needle, count, start = f'id="{reserved}"', 0, 0
    while (found := html.find(needle, start)) != -1:
        if html.rfind("<", 0, found) > html.rfind(">", 0, found):
            count += 1
        start = found + len(needle)
    return count


def feed_files(config: MkDocsConfig) -> FeedFiles | None:
    """The feed files the RSS plugin writes, or None when it is off."""
    rss = config.plugins.get(RSS_PLUGIN)
    if rss is None or not rss.config.enabled:
        return None
    names = rss.config.feeds_filenames
    site_url = config.site_url or "/"
    return FeedFiles(
        rss_created=names.rss_created,
        rss_updated=names.rss_updated,
        json_created=names.json_created,
        json_updated=names.json_updated,
        rss=site_url + names.rss_created,
        json=site_url + names.json_created,
    )


def post_image(post: Post, files: Files, site_url: str) -> feeds.Image | None:
    """A post's ``image`` (a path relative to the post, checked by the contract) as a feed enclosure."""
    image = post.meta.get("image")
    if not isinstance(image, str):
        return None
    source = posixpath.normpath(posixpath.join(posixpath.dirname(post.file.src_uri), image.strip()))
    file = files.get_file_from_path(source)
    if file is None or not file.abs_src_path:
        return None
    media_type = mimetypes.guess_type(source)[0] or "application/octet-stream"
    return feeds.Image(site_url + file.url, media_type, os.path.getsize(file.abs_src_path))


def is_published(post: Post) -> bool:
    """Neither a draft nor scheduled: `mkdocs serve` shows both, a feed never does."""
    return post.config.draft is not True and post.config.date.created <= datetime.now(timezone.utc)


def feed_entries(config: MkDocsConfig, files: Files, crisis_note: str) -> dict[str, feeds.Entry]:
    """What the feeds say of each published post, by its URL: Material's own reading of its front matter."""
    return {
        post.canonical_url: feeds.Entry(
            url=post.canonical_url,
            summary=str(post.meta.get("description", "")),
            created=post.config.date.created,
            updated=post.config.date.get("updated") or post.config.date.created,
            authors=tuple(author.name for author in post.authors),
            image=post_image(post, files, config.site_url or "/"),
            header=crisis_note if post.meta.get("crisis") is True else "",
        )
        for post in published_posts(config)
        if is_published(post)
    }


def rewrite_feeds(site_dir: Path, files: FeedFiles, entries: dict[str, feeds.Entry], footer: str) -> None:
    """Rewrite each feed the plugin wrote, in place (see feeds.py)."""
    rewrites = (
        (files.rss_created, feeds.rewrite_rss, False),
        (files.rss_updated, feeds.rewrite_rss, True),
        (files.json_created, feeds.rewrite_json, False),
        (files.json_updated, feeds.rewrite_json, True),
    )
    for name, rewrite, by_update in rewrites:
        path = site_dir / name
        if not path.is_file():
            continue
        try:
            text = rewrite(path.read_text(encoding="utf-8"), entries, footer, by_update=by_update)
        except feeds.FeedError as error:
            raise PluginError(f"{name}: {error}") from None
        path.write_text(text, encoding="utf-8")


def post_contract(config: MkDocsConfig) -> tuple[str, contract.Contract] | None:
    """The folder of posts below docs/ and what a post there may name, or None without the blog."""
    blog = config.plugins.get(BLOG_PLUGIN)
    if blog is None or not blog.config.enabled:
        return None
    posts = os.path.normpath(blog.config.post_dir.format(blog=blog.config.blog_dir)) + "/"
    allowed = contract.Contract(
        authors={author_id: author.name for author_id, author in (getattr(blog, "authors", {}) or {}).items()},
        categories=tuple(blog.config.categories_allowed),
        # Page templates of our own, which extend main.html and so keep the disclaimer.
        templates=frozenset(
            path.name for path in Path(config.theme.custom_dir or ".").glob("*.html") if path.name != "main.html"
        ),
    )
    return posts, allowed


def read_post(path: str) -> str | None:
    """A post's text as Material reads it (UTF-8, with or without a byte-order mark), or None."""
    try:
        with open(path, encoding="utf-8-sig") as post:
            return post.read()
    except (OSError, UnicodeDecodeError):
        return None


def excerpt_separator(config: MkDocsConfig) -> str:
    blog = config.plugins.get(BLOG_PLUGIN)
    return blog.config.post_excerpt_separator if blog is not None else "<!-- more -->"


def rendered_problems(text: str, read: contract.FrontMatter, config: MkDocsConfig) -> list[contract.Problem]:
    """The content rules on a post's text that will not be built (its front matter has problems),
    rendered with the site's Markdown extensions, so one build reports every problem of a post."""
    global writer_markdown
    if writer_markdown is None:  # one per build, for every post left out
        writer_markdown = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    html = writer_markdown.reset().convert(read.body(text))
    findings = contract.check_content(html, excerpt_separator(config)) + reserved_id_problems(html)
    return [contract.Problem(writing.line_of(text, finding.needles, read.body_line), finding.text) for finding in findings]


def post_problems(
    file: File, text: str, config: MkDocsConfig, allowed: contract.Contract
) -> tuple[list[contract.Problem], contract.FrontMatter]:
    """Every problem of one post (``text``) found before it is built: its front matter, then its text."""
    read = contract.check_post(text, Path(file.abs_src_path).parent, Path(config.docs_dir), allowed)
    if not read.text_found:
        return read.problems, read
    separator = excerpt_separator(config)
    problems = read.problems + writing.check_text(read.body(text), read.body_line, separator=separator, site_url=published_site_url)
    if not POST_FILE_NAME.fullmatch(Path(file.src_uri).name):
        problems.append(contract.Problem(1, "file name: name the file in lowercase words joined by '-', like grief-and-the-body.md"))
    if read.problems and not serving:
        problems += rendered_problems(text, read, config)
    return sorted(problems, key=lambda problem: problem.line), read


def shown_by_blog(data: Mapping[str, Any], future_is_draft: bool) -> bool:
    """Whether Material's blog builds a post when it leaves drafts out: not a draft, not scheduled."""
    if data.get("draft") is True:
        return False
    dates = data.get("date")
    created = contract.as_moment(dates.get("created")) if isinstance(dates, Mapping) else None
    scheduled = created is not None and created > datetime.now(timezone.utc)
    return not (future_is_draft and scheduled and data.get("draft") is not False)


def address_problem(
    read: contract.FrontMatter, where: str, config: MkDocsConfig, seen: dict[str, str]
) -> contract.Problem | None:
    """A post's address, as Material makes it from its `slug:` or its title, must exist, stay short
    enough for a file name, and be its own: a second post at the same address would replace the first."""
    blog = config.plugins.get(BLOG_PLUGIN)
    data = read.data or {}
    if blog is None or blog.config.post_url_format != "{slug}" or not isinstance(data.get("title"), str):
        return None
    if not blog.config.draft and not shown_by_blog(data, blog.config.draft_if_future_date):
        return None  # a draft or a scheduled post takes no address in this build
    given = data.get("slug")
    field = "slug" if isinstance(given, str) else "title"
    slug = given if isinstance(given, str) else blog.config.post_slugify(data["title"], blog.config.post_slugify_separator)
    line = read.line(field)
    if not slug.strip("-. "):
        return contract.Problem(line, f"{field}: gives the post no address (it has no letters or digits); add a line like slug: my-post")
    if len(slug) > MAX_SLUG:
        shorter = "-".join(slug.split("-")[:6])
        return contract.Problem(
            line, f"{field}: makes an address of {len(slug)} characters; add a shorter one, like slug: {shorter}"
        )
    if slug in seen:
        return contract.Problem(
            line, f"{field}: gives the same address (blog/{slug}/) as {seen[slug]}; change the title or add a line "
            f"like slug: {slug}-2",
        )
    seen[slug] = where
    return None


def check_posts(files: Files, config: MkDocsConfig) -> list[str]:
    """Every post's problems, one line each. A post whose front matter has any is removed from the
    build; `mkdocs serve` shows it anyway, from a copy with front matter Material can read."""
    found = post_contract(config)
    if found is None:
        return []
    posts, allowed = found
    lines = []
    addresses: dict[str, str] = {}
    for file in sorted(files.documentation_pages(), key=lambda file: file.src_uri):
        if not file.src_uri.startswith(posts):
            continue
        text = read_post(file.abs_src_path)
        problems, read = (
            post_problems(file, text, config, allowed)
            if text is not None
            else ([contract.Problem(1, "the file is not UTF-8 text; save it as UTF-8")], None)
        )
        where = source_path(file, config)
        address = address_problem(read, where, config, addresses) if read is not None and not read.problems else None
        if address is not None:
            problems = sorted([*problems, address], key=lambda problem: problem.line)
        lines += [f"{where}:{problem.line}: {problem.text}" for problem in problems]
        if serving and problems:
            writer_problems[file.src_uri] = problems
        if read is None or read.data is None or read.problems or address is not None:
            files.remove(file)
            if serving and text is not None and read is not None:
                preview = preview_copies.add(file, text, read, allowed, config.site_dir, config.use_directory_urls)
                if preview is not None:
                    files.append(preview)
    return lines


def site_image(path: str, config: MkDocsConfig) -> str:
    return seo.absolute(config.site_url or "/", path)


def page_image(page: Page, config: MkDocsConfig, identity: Identity) -> seo.Image:
    """A post's own image (with its alt text) for link previews, or the site's share image."""
    if isinstance(page, Post) and site_files is not None:
        image = post_image(page, site_files, config.site_url or "/")
        if image is not None:
            return seo.Image(image.url, str(page.meta.get("image_alt", "")))
    return seo.Image(site_image(identity.share_image, config), identity.share_image_alt)


def credited_person(credit: Credit, identity: Identity, site_url: str) -> seo.Person:
    """Someone credited on a post as JSON-LD names them: absolute URL, the team as an Organization."""
    url = seo.absolute(site_url, credit.url) if credit.url else None
    return seo.Person(credit.name, url, credit.id in identity.team_authors)


def page_seo(page: Page, config: MkDocsConfig, identity: Identity, header: PostHeader | None) -> seo.Seo:
    """What the head of a page says about it (see seo.py); ``header`` is a post's, None elsewhere."""
    description = page.meta.get("description") or config.site_description or ""
    title = config.site_name if page.is_homepage else (page.title or config.site_name)
    found = seo.Seo(
        title=str(title),
        description=str(description),
        url=page.canonical_url,
        type="article" if isinstance(page, Post) else "website",
        image=page_image(page, config, identity),
    )
    if not isinstance(page, Post) or header is None or not page.canonical_url:
        return found
    site_url = config.site_url or "/"
    modified = header.updated or header.created
    posting = seo.blog_posting(
        seo=found,
        url=page.canonical_url,
        published=header.created,
        modified=modified,
        site_name=config.site_name,
        site_url=site_url,
        logo=site_image(identity.logo, config),
        authors=[credited_person(author, identity, site_url) for author in header.authors],
        categories=[category.title for category in page.categories],
    )
    json_ld = [posting]
    if header.reviewer is not None and header.reviewed is not None:
        reviewer = credited_person(header.reviewer, identity, site_url)
        json_ld.append(
            seo.medical_web_page(title=found.title, url=page.canonical_url, reviewer=reviewer, reviewed=header.reviewed)
        )
    return replace(found, published=header.created, modified=modified, json_ld=json_ld)


def author_credit(author_id: str, config: MkDocsConfig) -> Credit | None:
    """An author's name and page: their profile if Material made one (they wrote a post), else the team page."""
    blog = config.plugins.get(BLOG_PLUGIN)
    author = (getattr(blog, "authors", None) or {}).get(author_id)
    if author is None:
        return None
    if author.url:
        return Credit(author_id, author.name, author.url)
    team = site_files.get_file_from_path(TEAM_PAGE) if site_files is not None else None
    return Credit(author_id, author.name, f"{team.url}#{author_id}" if team is not None else None)


def post_header(post: Post, config: MkDocsConfig) -> PostHeader:
    """The facts shown under a post's title (see PostHeader)."""
    reviewer_id = post.meta.get("reviewed_by")
    reviewed = contract.as_moment(post.meta.get("last_reviewed"))
    return PostHeader(
        authors=tuple(credit for author_id in post.config.authors if (credit := author_credit(author_id, config))),
        created=post.config.date.created,
        updated=post.config.date.get("updated"),
        reviewer=author_credit(reviewer_id, config) if isinstance(reviewer_id, str) and reviewed else None,
        reviewed=reviewed if isinstance(reviewer_id, str) else None,
        crisis=post.meta.get("crisis") is True,
    )


@dataclass(frozen=True)
class TeamMember:
    """An author as the team page shows them."""

    id: str
    name: str
    description: str
    avatar: str
    url: str | None


def team_members(config: MkDocsConfig) -> list[TeamMember]:
    """Everyone in docs/blog/.authors.yml, in its order, with their profile page if they wrote a post."""
    blog = config.plugins.get(BLOG_PLUGIN)
    authors = getattr(blog, "authors", None) or {}
    return [
        TeamMember(author_id, author.name, author.description, author.avatar, author.url)
        for author_id, author in authors.items()
    ]


def related_index(config: MkDocsConfig) -> tuple[trust.RelatedIndex, dict[str, Post]]:
    """The related-reading index of this build's posts and the posts by key, made once per build."""
    global related_posts_index
    if related_posts_index is None:
        posts = {post.file.src_uri: post for post in published_posts(config)}
        index = trust.RelatedIndex(
            trust.Entry(key, tuple(post.config.categories), post.config.date.created) for key, post in posts.items()
        )
        related_posts_index = (index, posts)
    return related_posts_index


def related_posts(page: Page, config: MkDocsConfig) -> list[Post] | None:
    """Up to three other posts that share a category with a post, newest first; None for other pages."""
    if not isinstance(page, Post):
        return None
    index, posts = related_index(config)
    return [posts[key] for key in index.related(page.file.src_uri)]


def is_blog_index(page: Page) -> bool:
    """The blog's main listing (and its further pages), not its archive, category or author views."""
    return isinstance(page, View) and not isinstance(page, Archive | Category | Profile)


def searchable(page: Page) -> bool:
    """Posts and pages are in the search index. The home page and the blog's listings (index, archive,
    categories, authors) only repeat their posts, and a page can leave with ``search: {exclude: true}``
    in its front matter, as with Material's own search."""
    if isinstance(page, View) or page.is_homepage:
        return False
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude") is True)


def shows_newsletter(page: Page) -> bool:
    """Posts, the home page and the blog index carry the form, unless front matter says ``newsletter: false``."""
    if page.meta.get("newsletter") is False:
        return False
    return isinstance(page, Post) or page.is_homepage or is_blog_index(page)


def published_posts(config: MkDocsConfig) -> list[Post]:
    """The blog's posts, newest first, as Material's blog plugin resolved them (drafts excluded)."""
    blog = config.plugins.get(BLOG_PLUGIN)
    if blog is None or not blog.config.enabled:
        return []
    return list(blog.blog.posts)


def latest_posts(config: MkDocsConfig, page: Page) -> list[Post] | None:
    """The newest posts for the home page; None for every other page."""
    if not page.is_homepage:
        return None
    return published_posts(config)[:LATEST_POSTS_ON_HOME]


# The settings, checked once per build in on_config and handed to every template in on_env, and the
# theme's environment, kept to render the feed items' footer after the build.
settings: SiteSettings | None = None
theme: Environment | None = None
site_files: Files | None = None
related_posts_index: tuple[trust.RelatedIndex, dict[str, Post]] | None = None
# The search index, fed each searchable page as it is written (site_search.py), unless the build
# is --dirty (on_startup).
search_index: site_search.SearchIndex | None = None
dirty_build = False
# `mkdocs serve` shows a post with problems, with a box listing them, from a copy outside docs/.
serving = False
# The live site's address (see published_address): posts must not link to it.
published_site_url: str | None = None
writer_problems: dict[str, list[contract.Problem]] = {}
preview_copies = serve_preview.PreviewCopies()
# The Markdown that renders the posts left out of a build, for the content rules (rendered_problems).
writer_markdown: Markdown | None = None
# The page that lists every author: where a reviewer who has written no post yet is linked to.
TEAM_PAGE = "team.md"


def published_address(config: MkDocsConfig) -> str | None:
    """The live site's address. `mkdocs serve` puts its own in config.site_url before the build starts,
    so there it is read from the settings file again."""
    if not serving:
        return config.site_url
    try:
        with open(config.config_file_path, encoding="utf-8") as file:
            found = yaml_load(file)
    except Exception:  # noqa: BLE001 - MkDocs has read the file already; without it, no link is its own
        return None
    address = found.get("site_url") if isinstance(found, Mapping) else None
    return address if isinstance(address, str) else None


def check_authors_file(config: MkDocsConfig) -> None:
    """The authors file's problems, one line each, before Material's blog reads it and stops at the
    first with a message that names no line; the last problem stops the build."""
    blog = config.plugins.get(BLOG_PLUGIN)
    if blog is None or not blog.config.enabled or not blog.config.authors:
        return
    path, where = authors_path(config)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError):
        raise PluginError(f"{where}:1: authors file: not UTF-8 text; save it as UTF-8") from None
    problems = [f"{where}:{problem.line}: {problem.text}" for problem in contract.check_authors_file(text)]
    if problems:
        for problem in problems[:-1]:
            log.warning(problem)
        raise PluginError(problems[-1])


# First of all plugins: Material's blog reads the authors file in its own on_config.
@event_priority(100)
def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global settings, related_posts_index, published_site_url, writer_markdown
    # `mkdocs serve` rebuilds with the same module: start afresh.
    related_posts_index = writer_markdown = None
    writer_problems.clear()
    preview_copies.remove()
    check_authors_file(config)
    published_site_url = published_address(config)
    try:
        settings = replace(read_settings(config.extra, Path(config.docs_dir)), feeds=feed_files(config))
    except SettingsError as error:
        raise PluginError(str(error)) from None
    return config


def on_startup(*, command: str, dirty: bool, **kwargs: Any) -> None:
    global dirty_build, serving
    dirty_build = dirty
    serving = command == "serve"


def on_shutdown(**kwargs: Any) -> None:
    preview_copies.remove()


def on_pre_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    global search_index
    if search_index is not None:  # left by an earlier build of this process that did not end
        search_index.close()
    search_index = None
    if dirty_build and (Path(config.site_dir) / site_search.BUNDLE / "pagefind.js").is_file():
        # --dirty rebuilds only the pages that changed: an index of those alone would hide every other
        # page from search. The index of the last full build stays. (`mkdocs serve --dirty` builds
        # everything into a new folder first, and indexes it then.)
        log.info("search: a --dirty build keeps the search index of the last full build")
        return
    search_index = site_search.SearchIndex()


def on_build_error(*, error: Exception, **kwargs: Any) -> None:
    global search_index
    if search_index is not None:
        search_index, index = None, search_index
        index.close()


def page_url(link: str, files: Files, name: str) -> str:
    """A setting's link to a page of docs/ (``privacy.md#newsletter``) as that page's URL, which differs
    with ``use_directory_urls``; any other link as it is."""
    path, _, anchor = link.partition("#")
    if urlsplit(link).scheme or not path.endswith(".md"):
        return link
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"{name}: no page {path!r} in docs/")
    return file.url + (f"#{anchor}" if anchor else "")


def with_page_urls(found: SiteSettings, files: Files) -> SiteSettings:
    """The settings with their links to pages resolved (see page_url)."""
    links = tuple(
        replace(link, url=page_url(link.url, files, f"extra.footer_links[{number}].url"))
        for number, link in enumerate(found.footer_links, start=1)
    )
    privacy = page_url(found.newsletter.privacy_url, files, "extra.newsletter.privacy_url")
    return replace(found, footer_links=links, newsletter=replace(found.newsletter, privacy_url=privacy))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Environment:
    global theme, site_files, settings
    if settings is not None:
        settings = with_page_urls(settings, files)
    blog = config.plugins.get(BLOG_PLUGIN)
    env.globals["site_settings"] = settings
    env.globals["blog_index_url"] = blog.blog.file.url if blog is not None and blog.config.enabled else ""
    theme, site_files = env, files
    return env


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    # Runs after mkdocs-rss-plugin's own on_post_build: hooks come after plugins.
    if settings is not None and settings.feeds is not None and theme is not None and site_files is not None:
        footer = theme.get_template("partials/feed-footer.html").render(site_settings=settings)
        crisis_note = theme.get_template("partials/crisis-note.html").render(site_settings=settings)
        rewrite_feeds(Path(config.site_dir), settings.feeds, feed_entries(config, site_files, crisis_note), footer)
    global search_index
    if search_index is not None:
        search_index, index = None, search_index
        index.write(Path(config.site_dir))


def source_path(file: File, config: MkDocsConfig) -> str:
    """A file of docs/ as a writer sees it in the repository, e.g. ``docs/blog/posts/my-post.md``."""
    project = os.path.dirname(os.path.abspath(config.config_file_path))
    return os.path.relpath(os.path.join(config.docs_dir, file.src_uri), project)


def authors_path(config: MkDocsConfig) -> tuple[Path, str]:
    """The blog's authors file, and its path as a writer sees it in the repository."""
    blog = config.plugins.get(BLOG_PLUGIN)
    path = Path(config.docs_dir) / blog.config.authors_file.format(blog=blog.config.blog_dir)
    project = os.path.dirname(os.path.abspath(config.config_file_path))
    return path, os.path.relpath(path, project)


def authors_file(config: MkDocsConfig) -> tuple[str, dict[str, int]]:
    """The authors file as a writer sees it in the repository, and the line of each of its fields."""
    path, where = authors_path(config)
    try:
        lines, _ = contract.field_lines(yaml.compose(path.read_text(encoding="utf-8-sig"), yaml.SafeLoader), first_line=1)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        lines = {}  # check_authors_file has stopped the build on an unreadable authors file
    return where, lines


def avatar_problems(config: MkDocsConfig) -> list[str]:
    """Every author's photo must be a file of the site: an avatar service would learn who reads what."""
    blog = config.plugins.get(BLOG_PLUGIN)
    authors = getattr(blog, "authors", None) or {}
    if not authors:
        return []
    where, lines = authors_file(config)
    docs_dir = Path(config.docs_dir)
    problems = []
    for author_id, author in authors.items():
        line = lines.get(f"authors.{author_id}.avatar", 1)
        if urlsplit(author.avatar).scheme or author.avatar.startswith("//"):
            problems.append(
                f"{where}:{line}: authors.{author_id}.avatar: must be an image file in docs/, like "
                f"'assets/images/authors/{author_id}.jpg', got {contract.shown(author.avatar)}"
            )
        elif not contract.is_file_in(docs_dir, author.avatar, docs_dir):
            problems.append(
                f"{where}:{line}: authors.{author_id}.avatar: no file at {contract.shown(author.avatar)}; put the photo "
                "in docs/assets/images/authors/ and give its path from docs/ (capitals count)"
            )
    return problems


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    # Runs before Material's blog plugin reads the posts (its on_files runs late), so that one bad
    # post gives clear lines instead of stopping the build at Material's first error.
    for problem in check_posts(files, config) + avatar_problems(config):
        log.warning(problem)
    return files


@functools.cache
def templates_in(folders: tuple[str, ...]) -> frozenset[str]:
    """Every template in the theme's folders, by the name a page's ``template:`` gives (read once)."""
    return frozenset(path.relative_to(folder).as_posix() for folder in map(Path, folders) for path in folder.rglob("*.html"))


def theme_templates(config: MkDocsConfig) -> frozenset[str]:
    return templates_in(tuple(config.theme.dirs))


def template_line(page: Page, config: MkDocsConfig) -> int:
    """The line of a page's ``template:`` field, where a problem with its template is fixed (else 1)."""
    source = read_post(os.path.join(config.docs_dir, page.file.src_uri)) or ""
    return writing.line_of(source, ("template:",))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    # A page may name its template; one that does not exist would stop MkDocs with a traceback.
    template = page.meta.get("template")
    if template is not None and (not isinstance(template, str) or template not in theme_templates(config)):
        log.warning(
            f"{source_path(page.file, config)}:{template_line(page, config)}: template: no template "
            f"{contract.shown(template)} in overrides/ or the theme"
        )
        page.meta.pop("template")
    # Whether a post shows the crisis note is settled here, from its whole text: once rendered, the
    # post's Markdown is cut to its opening (see on_page_content).
    if isinstance(page, Post):
        page.meta["crisis"] = trust.shows_crisis_note(page.meta.get("crisis"), markdown)
        # The feed plugin dates a post that was never updated by the build's clock, which put every
        # such post ahead of those really updated and could leave those out of the 20 items of the
        # "updated" feeds. A post never updated was last changed when it was written.
        dates = page.meta.get("date")
        if isinstance(dates, dict) and dates.get("updated") is None:
            page.meta["date"] = {**dates, "updated": dates.get("created")}
    return markdown


# Last of all plugins (mkdocs-rss-plugin's runs at -75): the post's Markdown is cut here.
@event_priority(-100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    separator = excerpt_separator(config)
    findings = contract.check_content(html, separator) + reserved_id_problems(html)
    if findings:
        # The writer's own file (in `mkdocs serve`, a post with problems is built from a copy).
        source = read_post(os.path.join(config.docs_dir, page.file.src_uri)) or ""
        body_line = contract.read_front_matter(source).body_line
        problems = [contract.Problem(writing.line_of(source, finding.needles, body_line), finding.text) for finding in findings]
        for problem in problems:
            log.warning(f"{source_path(page.file, config)}:{problem.line}: {problem.text}")
        if serving:
            writer_problems.setdefault(page.file.src_uri, []).extend(problems)
    if isinstance(page, Post):
        # The post is rendered: from here on its Markdown serves only the listings' excerpts (listings.py).
        page.markdown = listings.opening(page.markdown, separator) or page.markdown
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    # The last guard: a template that does not extend main.html would drop the disclaimer.
    expected = {
        "disclaimer": 1,
        "newsletter": 1 if shows_newsletter(page) else 0,
        "related": 1 if isinstance(page, Post) else 0,
    }
    for reserved, count in expected.items():
        found = count_ids(output, reserved)
        # A listing with more is showing a post's excerpt that takes the id: that post's problem, told on its file.
        if found < count or (found > count and page.file.generated_by is None):
            log.warning(
                f"{source_path(page.file, config)}:{template_line(page, config)}: the page has {found} elements "
                f"with id '{reserved}', not {count}; "
                "its template must extend main.html"
            )
    if search_index is not None and theme is not None and searchable(page):
        team = team_members(config) if page.meta.get("template") == "team.html" else None
        record = theme.get_template("partials/search-record.html").render(
            page=page, config=config, team=team, base_url=get_relative_url(".", page.url)
        )
        search_index.add(record, page.file.dest_uri)
    return output


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation, **kwargs: Any
) -> dict[str, Any]:
    context["shows_newsletter"] = shows_newsletter(page)
    if serving and page.file.src_uri in writer_problems:
        context["writer_problems"] = sorted(writer_problems[page.file.src_uri], key=lambda problem: problem.line)
        context["writer_problems_file"] = source_path(page.file, config)
    context["latest_posts"] = latest_posts(config, page)
    header = post_header(page, config) if isinstance(page, Post) else None
    context["post_header"] = header
    context["related"] = related_posts(page, config)
    context["team"] = team_members(config) if page.meta.get("template") == "team.html" else None
    if isinstance(page, Profile):
        context["author_profile"] = next((m for m in team_members(config) if m.url == page.url), None)
    if settings is not None:
        context["seo"] = page_seo(page, config, settings.identity, header)
    return context
