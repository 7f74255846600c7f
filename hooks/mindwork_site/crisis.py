"""When a post shows the crisis note: when its `crisis:` field says so, or, when it says nothing,
when its text discusses suicide or self-harm."""

from __future__ import annotations

import re

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
