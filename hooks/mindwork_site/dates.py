"""A post's dates: read as Material reads them, checked, and, when a writer wrote a date the way
people write dates (12/03/2026, 3 March 2026), what they meant in year-month-day."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timezone
from typing import Any

from .messages import field_name, got, shown

DATE_EXAMPLE = "a date like 2025-06-01 or a date-time like 2025-06-01 09:30:00"
# A date as people write it by hand: 12/03/2026, 12.03.2026, 12-03-2026.
WRITTEN_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
# Dates as people write them, and what they mean.
WRITTEN_DATES = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%Y/%m/%d", "%Y-%m-%d %H:%M")


def as_moment(value: object) -> datetime | None:
    """A YAML date or date-time as a moment in UTC (as Material reads it), or None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=timezone.utc)
    return None


def date_hint(value: object) -> str:
    """What a writer meant by a date written the way people write dates, like 12/03/2026, in year-month-day."""
    if not isinstance(value, str):
        return ""
    for layout in WRITTEN_DATES:
        try:
            meant = datetime.strptime(value.strip(), layout)
        except ValueError:
            continue
        return f"; did you mean {meant:%Y-%m-%d %H:%M:%S}?" if "%H" in layout else f"; did you mean {meant:%Y-%m-%d}?"
    found = WRITTEN_DATE.fullmatch(value.strip())
    if found is None:
        return ""
    first, second, year = (int(part) for part in found.groups())
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    readings = sorted(set(readings))
    if len(readings) == 1:
        return f"; did you mean {readings[0].isoformat()}?"
    if readings:
        return "; write year-month-day: " + " or ".join(
            f"{reading.isoformat()} for {reading.day} {reading:%B} {reading.year}" for reading in readings
        )
    return ""


def check_date(value: object, unreadable: frozenset[str] = frozenset()) -> list[str]:
    if value is None:
        return [] if {"date", "created"} & unreadable else [f"date: required, with 'created:' under it ({DATE_EXAMPLE})"]
    if not isinstance(value, Mapping):
        return [f"date: write the date under 'created:', e.g. 'date:' then '  created: 2025-06-01'{got(value)}{date_hint(value)}"]
    problems = [
        f"date.{field_name(key)}: not a field; use 'created' and, after a revision, 'updated'"
        for key in value
        if key not in ("created", "updated")
    ]
    created = as_moment(value.get("created"))
    if created is None and "created" not in unreadable:
        problems.append(f"date.created: required, {DATE_EXAMPLE}{got(value.get('created'))}{date_hint(value.get('created'))}")
    if "updated" in value:
        updated = as_moment(value["updated"])
        if updated is None:
            problems.append(f"date.updated: expected {DATE_EXAMPLE}{got(value['updated'])}{date_hint(value['updated'])}")
        elif created is not None and updated < created:
            problems.append(f"date.updated: {shown(value['updated'])} is before date.created {shown(value['created'])}")
    return problems


def check_schedule(front_matter: Mapping[str, Any]) -> list[str]:
    """A future date schedules a post, unless `draft: false` publishes it at once (Material's rule)."""
    date_field = front_matter.get("date")
    created = as_moment(date_field.get("created")) if isinstance(date_field, Mapping) else None
    if front_matter.get("draft") is False and created is not None and created > datetime.now(timezone.utc):
        return ["draft: 'false' publishes this post now, before its date; remove the line to schedule it for its date"]
    return []
