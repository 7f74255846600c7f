"""What to read after a post: the newer and the older post, and up to three other posts that share a
category with it, newest first, or else the latest posts, so the block is never empty.

The index is plain data, made once per build; ``overrides/partials/related.html`` shows the result.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

RELATED_POSTS = 3


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
        self.newest_first = sorted(self.entries.values(), key=lambda entry: (entry.created, entry.key), reverse=True)
        self.position = {entry.key: number for number, entry in enumerate(self.newest_first)}

    def neighbours(self, key: str) -> tuple[str | None, str | None]:
        """The post written just after this one and the one written just before it, if any."""
        number = self.position.get(key)
        if number is None:
            return None, None
        newer = self.newest_first[number - 1].key if number > 0 else None
        older = self.newest_first[number + 1].key if number + 1 < len(self.newest_first) else None
        return newer, older

    def latest(self, key: str, limit: int = RELATED_POSTS) -> list[str]:
        """The newest ``limit`` posts other than this one."""
        return [entry.key for entry in self.newest_first[: limit + 1] if entry.key != key][:limit]

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
