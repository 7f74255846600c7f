"""What a page tells search engines and link previews: its description, canonical URL, share image,
Open Graph and Twitter card values, and for posts the schema.org ``BlogPosting`` as JSON-LD.

Data for ``overrides/main.html`` (the ``site_meta`` block) to render, made from the page and
``extra.seo``; no HTML here.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from . import blog
from .feed_items import post_image

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .post_header import Credit, PostHeader
    from .settings import Identity
    from .images import Processed
    from .sources import Citation


@dataclass(frozen=True)
class Image:
    """An image for link previews: its absolute URL and a description of it."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Person:
    """Someone (or the clinic's team) named on a post, with the URL of their page."""

    name: str
    url: str | None
    organization: bool


@dataclass(frozen=True)
class Seo:
    """Everything the head of one page says about it."""

    title: str
    description: str
    url: str | None
    type: str
    image: Image
    published: datetime | None = None
    modified: datetime | None = None
    json_ld: list[dict[str, Any]] = field(default_factory=list)


def absolute(site_url: str, path: str) -> str:
    """A URL below the site (``blog/x/``) or already absolute, as an absolute URL."""
    return urljoin(site_url, path)


def person(author: Person) -> dict[str, Any]:
    found = {"@type": "Organization" if author.organization else "Person", "name": author.name}
    return found | ({"url": author.url} if author.url else {})


def blog_posting(
    *,
    seo: Seo,
    url: str,
    published: datetime,
    modified: datetime,
    site_name: str,
    site_url: str,
    logo: str,
    authors: list[Person],
    categories: list[str],
    citations: tuple[Citation, ...] = (),
) -> dict[str, Any]:
    """schema.org BlogPosting for a post: what search engines show for an article."""
    return {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": seo.title,
        "description": seo.description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [person(author) for author in authors],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": site_url,
            "logo": {"@type": "ImageObject", "url": logo},
        },
        "image": {"@type": "ImageObject", "url": seo.image.url, "description": seo.image.alt},
        "articleSection": categories,
        "inLanguage": "en",
    } | ({"citation": [creative_work(citation) for citation in citations]} if citations else {})


def creative_work(citation: Citation) -> dict[str, Any]:
    """A source a post cites, as schema.org names it: its text, and its DOI or PubMed address."""
    return {"@type": "CreativeWork", "name": citation.text} | ({"url": citation.url} if citation.url else {})


def medical_web_page(*, title: str, url: str, reviewer: Person, reviewed: datetime) -> dict[str, Any]:
    """schema.org MedicalWebPage for a post a clinician has reviewed: who, and when."""
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "url": url,
        "lastReviewed": reviewed.date().isoformat(),
        "reviewedBy": person(reviewer),
    }


def page_image(
    page: Page, site_url: str, identity: Identity, files: Files | None, images: Mapping[str, Processed] | None = None
) -> Image:
    """A post's own image (its 1200 × 630 crop, with its alt text) for link previews, or the site's share image."""
    if blog.is_post(page) and files is not None:
        image = post_image(page, files, site_url, images, share=True)
        if image is not None:
            return Image(image.url, str(page.meta.get("image_alt", "")), image.width, image.height)
    return Image(absolute(site_url, identity.share_image), identity.share_image_alt)


def credited_person(credit: Credit, identity: Identity, site_url: str) -> Person:
    """Someone credited on a post as JSON-LD names them: absolute URL, the team as an Organization."""
    url = absolute(site_url, credit.url) if credit.url else None
    return Person(credit.name, url, credit.id in identity.team_authors)


def page_title(page: Page) -> str | None:
    """A page's title as text: a ``title:`` field is text already; a title taken from the page's first
    heading (the blog's author and category pages) is that heading's HTML, "Care &amp; Recovery". An
    author's page is "Articles by" the author: the clinic's team is named like the site."""
    if page.meta.get("title") is not None or page.title is None:
        return page.title
    title = html.unescape(page.title)
    return f"Articles by {title}" if blog.is_profile(page) else title


def last_modified(page: Page) -> str:
    """When a page last changed, as the sitemap's ``<lastmod>`` says it: a post's ``date.updated``, else its
    ``date.created``. Other pages state no date they cannot know (MkDocs would give the build's), so none."""
    if not blog.is_post(page):
        return ""
    return (blog.updated(page) or blog.created(page)).date().isoformat()


def page_seo(
    page: Page,
    config: MkDocsConfig,
    identity: Identity,
    header: PostHeader | None,
    files: Files | None,
    citations: tuple[Citation, ...] = (),
    images: Mapping[str, Processed] | None = None,
) -> Seo:
    """What the head of a page says about it; ``header`` and ``citations`` (its sources) are a post's."""
    site_url = config.site_url or "/"
    description = page.meta.get("description") or config.site_description or ""
    title = config.site_name if page.is_homepage else (page_title(page) or config.site_name)
    found = Seo(
        title=str(title),
        description=str(description),
        url=page.canonical_url,
        type="article" if blog.is_post(page) else "website",
        image=page_image(page, site_url, identity, files, images),
    )
    if not blog.is_post(page) or header is None or not page.canonical_url:
        return found
    modified = header.updated or header.created
    posting = blog_posting(
        seo=found,
        url=page.canonical_url,
        published=header.created,
        modified=modified,
        site_name=config.site_name,
        site_url=site_url,
        logo=absolute(site_url, identity.logo),
        authors=[credited_person(author, identity, site_url) for author in header.authors],
        categories=blog.category_titles(page),
        citations=citations,
    )
    json_ld = [posting]
    if header.reviewer is not None and header.reviewed is not None:
        reviewer = credited_person(header.reviewer, identity, site_url)
        json_ld.append(medical_web_page(title=found.title, url=page.canonical_url, reviewer=reviewer, reviewed=header.reviewed))
    return replace(found, published=header.created, modified=modified, json_ld=json_ld)
