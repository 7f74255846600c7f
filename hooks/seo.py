"""What a page tells search engines and link previews: its description, canonical URL, share image,
Open Graph and Twitter card values, and for posts the schema.org ``BlogPosting`` as JSON-LD.

Plain data for ``overrides/main.html`` (the ``site_meta`` block) to render; no HTML here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin


@dataclass(frozen=True)
class Image:
    """An image for link previews: its absolute URL and a description of it."""

    url: str
    alt: str


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
    }


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
