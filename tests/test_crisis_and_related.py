"""Unit tests of hooks/mindwork_site/crisis.py and related.py: the crisis word list and the related-reading index."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from mindwork_site import crisis, related


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
    assert crisis.discusses_suicide(text)


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
    assert not crisis.discusses_suicide(text)


def test_the_front_matter_switch_wins() -> None:
    assert crisis.shows_crisis_note(True, "Nothing about it.")
    assert not crisis.shows_crisis_note(False, "It discusses suicide.")
    assert crisis.shows_crisis_note(None, "It discusses suicide.")


def moment(day: int) -> datetime:
    return datetime(2025, 1, day, tzinfo=timezone.utc)


def test_related_posts_share_a_category_newest_first_never_itself() -> None:
    index = related.RelatedIndex(
        [
            related.Entry("a", ("Trauma",), moment(1)),
            related.Entry("b", ("Trauma", "Depression"), moment(2)),
            related.Entry("c", ("Depression",), moment(3)),
            related.Entry("d", ("Trauma",), moment(4)),
            related.Entry("e", ("Trauma",), moment(5)),
            related.Entry("f", ("Ketamine",), moment(6)),
        ]
    )
    assert index.related("b") == ["e", "d", "c"]
    assert index.related("a") == ["e", "d", "b"]
    assert index.related("c") == ["b"]
    assert index.related("f") == []
    assert index.related("missing") == []
