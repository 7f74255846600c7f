"""What each of the site's settings must be, in the site's words: the checks the settings schema
(settings.py) runs on each value. Each returns the value as the site uses it, or raises ValueError
with the end of the message (the schema puts the setting's path before it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

from pydantic import ValidationInfo

from .post_fields import is_file_in

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})
FIELD_NAME = re.compile(r"[A-Za-z0-9_\-\[\]]+")


def non_empty_text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty text, got {value!r}")
    return value.strip()


def parsed_url(text: str) -> SplitResult | None:
    """A URL's parts, or None for text no URL can be (an unclosed ``[`` of an IPv6 address)."""
    try:
        return urlsplit(text)
    except ValueError:
        return None


def link_url(value: object) -> str:
    """A link the site shows: a page of docs/ (like ``privacy.md``), a path within the site, or an https URL."""
    url = parsed_url(non_empty_text(value))
    if url is not None and ((url.scheme == "https" and url.hostname) or (not url.scheme and not url.netloc)):
        return value.strip()
    raise ValueError(f"must be a page (like 'privacy.md'), a path within the site or an https URL, got {value!r}")


# An e-mail address as a reader's mail program takes it from a mailto: link: one @, no spaces or markup.
EMAIL = re.compile(r"[A-Za-z0-9.!#$%'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def contact_url(value: object) -> str:
    """How readers reach the clinic: an e-mail address (linked as ``mailto:``), a page of docs/ (like
    ``contact.md``, with an ``#anchor`` if need be) or an https URL."""
    text = non_empty_text(value).strip()
    address = text[len("mailto:"):] if text.lower().startswith("mailto:") else text
    if EMAIL.fullmatch(address):
        return f"mailto:{address}"
    url = parsed_url(text)
    if url is not None and (
        (url.scheme == "https" and url.hostname) or (not url.scheme and not url.netloc and url.path.endswith(".md"))
    ):
        return text
    raise ValueError(f"must be an e-mail address (like 'hello@example.org'), a page (like 'contact.md') or an https URL, got {value!r}")


def review_months(value: object) -> int:
    """How often a post's medical review is renewed, in whole months: from 1 to 60."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60:
        raise ValueError(f"must be a whole number of months from 1 to 60, like 12, got {value!r}")
    return value


def form_action(value: object) -> str:
    """The URL the form posts to: https, or plain http on this machine for local testing."""
    if not isinstance(value, str):
        raise ValueError(f"must be an https URL, got {value!r}")
    url = parsed_url(value.strip())
    if url is not None and ((url.scheme == "https" and url.hostname) or (url.scheme == "http" and url.hostname in LOCAL_HOSTS)):
        return value.strip()
    raise ValueError(f"must be an https URL (http only for localhost or 127.0.0.1), got {value!r}")


def form_field_name(value: object) -> str:
    """A form field name: letters, digits, '_', '-', '[' and ']'."""
    if not isinstance(value, str) or not FIELD_NAME.fullmatch(value):
        raise ValueError(f"must be a form field name (letters, digits, '_', '-', '[', ']'), got {value!r}")
    return value


def field_value(value: object) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError(f"must be a text or a number, got {value!r}")
    return str(value)


def site_file(value: object, info: ValidationInfo) -> str:
    """A path below docs/ (like ``assets/images/share.png``) that names an existing file."""
    docs_dir = info.context["docs_dir"]
    found = non_empty_text(value)
    url = parsed_url(found)
    if url is None or url.scheme or found.startswith("/") or not is_file_in(docs_dir, found, docs_dir):
        raise ValueError(f"must be the path of a file in docs/, like 'assets/images/share.png', got {value!r}")
    return found


def author_id_list(value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(author, str) for author in value):
        raise ValueError(f"must be a list of author ids, got {value!r}")
    return frozenset(value)


def kind(expected: str, accepts: type, nothing: object = None) -> Callable[[object], object]:
    """A check that a value is a mapping or a list (``expected`` says which); when ``nothing`` is
    given, a missing value stands for it."""
    def check(value: object) -> object:
        if value is None and nothing is not None:
            return nothing
        if not isinstance(value, accepts):
            raise ValueError(f"{expected}, got {value!r}")
        return value
    return check


def link_list(value: object) -> list[object]:
    """The footer's links: a list, where an empty value means no links."""
    if not value:
        return []
    if not isinstance(value, list):
        raise ValueError(f"must be a list of links, got {value!r}")
    return value


def optional(check: Callable[[object], str]) -> Callable[[object], str | None]:
    return lambda value: None if value is None else check(value)
