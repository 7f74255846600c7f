"""Unit tests of hooks/trust.py: the crisis word list and the related-reading index."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import trust


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is studied for suicidality.",
        "Many had suicidal thoughts.",
        "Suicide prevention matters.",
        "Some people self-harm when overwhelmed.",
        "He wanted to end his own life.",
        "She took her own life in 2019.",
        "He killed himself.",
        "She ended her life.",
        "Thoughts of taking my own life.",
        "Self-injury is common in adolescence.",
        "Some self-injure to cope.",
        "Research on NSSI is growing.",
        "Some teenagers hurt themselves.",
        "He committed suicide.",
    ],
)
def test_posts_that_discuss_suicide_are_recognised(text: str) -> None:
    assert trust.discusses_suicide(text)


@pytest.mark.parametrize(
    "text",
    [
        "Integration takes time.",
        "Sweet suite of services.",
        "The harmony of self and others.",
        "Lifelong learning.",
        "She hurt her knee.",
        "An injury to the self-esteem.",
    ],
)
def test_other_posts_are_not(text: str) -> None:
    assert not trust.discusses_suicide(text)


def test_the_front_matter_switch_wins() -> None:
    assert trust.shows_crisis_note(True, "Nothing about it.")
    assert not trust.shows_crisis_note(False, "It discusses suicide.")
    assert trust.shows_crisis_note(None, "It discusses suicide.")


def moment(day: int) -> datetime:
    return datetime(2025, 1, day, tzinfo=timezone.utc)


def test_related_posts_share_a_category_newest_first_never_itself() -> None:
    index = trust.RelatedIndex(
        [
            trust.Entry("a", ("Trauma",), moment(1)),
            trust.Entry("b", ("Trauma", "Depression"), moment(2)),
            trust.Entry("c", ("Depression",), moment(3)),
            trust.Entry("d", ("Trauma",), moment(4)),
            trust.Entry("e", ("Trauma",), moment(5)),
            trust.Entry("f", ("Ketamine",), moment(6)),
        ]
    )
    assert index.related("b") == ["e", "d", "c"]
    assert index.related("a") == ["e", "d", "b"]
    assert index.related("c") == ["b"]
    assert index.related("f") == []
    assert index.related("missing") == []
