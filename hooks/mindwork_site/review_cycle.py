"""When a post's medical review is due again: ``extra.review.months`` (12 by default) after its last
review (``last_reviewed``). A post never reviewed is due now. Reported to the clinic by the writers'
report (writers_report.py); never a reason to stop a build, since the site must keep deploying.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has fewer (31 January + 1 = 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Review:
    """A post's place in the review cycle on a given day."""

    last: date | None
    due: date | None

    @property
    def reviewed(self) -> bool:
        return self.last is not None

    def overdue(self, today: date) -> bool:
        """Past its due date, or never reviewed."""
        return self.due is None or self.due < today

    def status(self, today: date) -> str:
        if self.last is None:
            return "not reviewed yet"
        if self.overdue(today):
            return f"overdue by {days((today - self.due).days)}"
        if self.due == today:
            return "due today"
        return f"due in {days((self.due - today).days)}"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def review(last_reviewed: date | None, months: int) -> Review:
    """A post's review, from its ``last_reviewed`` date."""
    return Review(last_reviewed, add_months(last_reviewed, months) if last_reviewed else None)
