"""Medical trust: when a post shows the crisis note, and which posts it recommends as related reading.

Plain functions on plain data; the hook (``modern_mindwork.py``) applies them to Material's posts and
the templates (``overrides/partials/post-header.html``, ``related.html``) show the result.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

RELATED_POSTS = 3

# Words that mean a post discusses suicide or self-harm. A post's `crisis: true|false` overrides them.
CRISIS_WORDS = re.compile(
    r"\b(?:suicid\w*"
    r"|self[- ]?harm\w*"
    r"|self[- ]?injur\w*"
    r"|nssi"
    r"|(?:hurt|harm|injur)(?:e|es|s|ed|ing)? (?:myself|yourself|himself|herself|themselves|themself|oneself)"
    r"|kill(?:s|ed|ing)? (?:myself|yourself|himself|herself|themselves|themself|oneself)"
    r"|end(?:s|ed|ing)? (?:my|your|his|her|their|one's) (?:own )?life"
    r"|(?:take|takes|taking|took|taken) (?:my|your|his|her|their|one's) own life)\b",
    re.IGNORECASE,
)


def discusses_suicide(text: str) -> bool:
    """Whether a post's text mentions suicide or self-harm (by the word list above)."""
    return CRISIS_WORDS.search(text) is not None


def shows_crisis_note(switch: object, text: str) -> bool:
    """The crisis note shows when the post's ``crisis`` says so, or, when it says nothing, when it discusses suicide."""
    if isinstance(switch, bool):
        return switch
    return discusses_suicide(text)


@dataclass(frozen=True)
class Entry:
    """A post as related reading sees it: a key, its categories and when it was written."""

    key: str
    categories: tuple[str, ...]
    created: datetime


class RelatedIndex:
    """The posts of each category, newest first, built once per build in one pass over the posts."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        by_category: dict[str, list[Entry]] = defaultdict(list)
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries[entry.key] = entry
            for category in entry.categories:
                by_category[category].append(entry)
        self.by_category = {
            category: sorted(listed, key=lambda entry: (entry.created, entry.key), reverse=True)
            for category, listed in by_category.items()
        }

    def related(self, key: str, limit: int = RELATED_POSTS) -> list[str]:
        """Up to ``limit`` other posts that share a category with this one, newest first.

        Only the first ``limit + 1`` posts of each category can be among them, so the cost per post
        does not grow with the number of posts.
        """
        entry = self.entries.get(key)
        if entry is None:
            return []
        candidates = {
            other.key: other
            for category in entry.categories
            for other in self.by_category.get(category, [])[: limit + 1]
            if other.key != key
        }
        newest = heapq.nlargest(limit, candidates.values(), key=lambda other: (other.created, other.key))
        return [other.key for other in newest]
