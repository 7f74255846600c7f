"""How every check words what it found: a problem on a line of the writer's file, and the writer's
own values quoted short, on one line, the way YAML writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import yaml

SHOWN_VALUE_LENGTH = 60


@dataclass(frozen=True)
class Problem:
    """One problem of a file: the line a writer should look at (counted from 1) and what to do."""

    line: int
    text: str


def shown(value: object) -> str:
    """A writer's value as a message quotes it: on one line, short, and written as YAML would write it."""
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = repr(value).replace("\\xa0", "\u00a0")
    else:
        try:
            text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
            text = text.removesuffix("\n").removesuffix("\n...").strip()
        except yaml.YAMLError:
            text = repr(value)
        if "\n" in text or "\r" in text:  # YAML writes a key with a line break in it on several lines
            text = repr(value)
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


def got(value: object) -> str:
    """The end of a message that quotes what the writer wrote, or nothing when they wrote nothing."""
    return "" if value is None else f", got {shown(value)}"


def field_name(key: object) -> str:
    """A field as a message names it: plain when it is a plain word, quoted otherwise."""
    return key if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w-]{0,40}", key) else shown(key)
