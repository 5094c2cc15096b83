"""Tests for reader/ui/article/navigation.py: the reader's place, without a window (no Qt)."""

from __future__ import annotations

import pytest

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.ui.article.navigation import MatchCursor, MentionNavigator

TEXT = "زار العبادي الموصل ثم عاد العبادي إلى بغداد، وقال العبادي إن الموصل تحررت."
PERSON, PLACE = EntityType.PERSON, EntityType.PLACE


def analysis() -> Analysis:
    """العبادي three times, الموصل twice, بغداد once."""
    spans = [
        ("العبادي", PERSON, "e1"),
        ("الموصل", PLACE, "e2"),
        ("العبادي", PERSON, "e1"),
        ("بغداد", PLACE, "e3"),
        ("العبادي", PERSON, "e1"),
        ("الموصل", PLACE, "e2"),
    ]
    mentions, start = [], 0
    for word, entity_type, entity_id in spans:
        start = TEXT.index(word, start)
        mentions.append(Mention(start, start + len(word), entity_type, word, entity_id))
        start += len(word)
    entities = (
        Entity("e1", PERSON, "العبادي", ("العبادي",), (0, 2, 4)),
        Entity("e2", PLACE, "الموصل", ("الموصل",), (1, 5)),
        Entity("e3", PLACE, "بغداد", ("بغداد",), (3,)),
    )
    return Analysis(Source(TEXT), tuple(mentions), entities, "test")


@pytest.fixture
def nav() -> MentionNavigator:
    navigator = MentionNavigator()
    navigator.set_analysis(analysis())
    return navigator


def test_selecting_an_entity_shows_its_first_mention(nav) -> None:
    assert nav.select("e1") == 0
    assert nav.state() == ("e1", 1, 3)
    assert nav.spans() == [(m.start, m.end) for m in (nav.analysis.mentions[i] for i in (0, 2, 4))]


def test_selecting_without_jumping_shows_nothing_yet(nav) -> None:
    assert nav.select("e1", jump=False) is None
    assert nav.state() == ("e1", 0, 3)
    assert nav.step(-1) == 4  # previous starts from the last mention
    assert nav.state() == ("e1", 3, 3)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([+1, +1, +1], [2, 4, 0]),  # forward, wrapping to the first
        ([-1], [4]),  # backward past the first wraps to the last
        ([+1, -1, -1], [2, 0, 4]),
    ],
)
def test_steps_cycle_and_wrap(nav, steps, expected) -> None:
    nav.select("e1")
    assert [nav.step(s) for s in steps] == expected


def test_a_mention_selects_its_entity_at_that_mention(nav) -> None:
    assert nav.select_mention(5) == "e2"
    assert nav.state() == ("e2", 2, 2)
    assert nav.step(+1) == 1
    assert nav.select_mention(99) is None and nav.state() == ("e2", 1, 2)


def test_with_nothing_selected_the_entity_at_the_cursor_is_adopted(nav) -> None:
    cursor = TEXT.index("بغداد") - 1
    assert nav.adopt_at(cursor, {PERSON, PLACE}) == "e3"
    assert nav.adopt_at(cursor, {PERSON}) == "e1"  # hidden types are skipped
    assert nav.step(+1) == 4  # the mention after the cursor
    nav.adopt_at(cursor, {PERSON})
    assert nav.step(-1) == 2  # the one before it
    assert nav.adopt_at(len(TEXT), {PERSON, PLACE}) is None


def test_revalidate_drops_a_hidden_or_vanished_selection(nav) -> None:
    nav.select("e2")
    nav.step(+1)
    assert nav.revalidate({PERSON, PLACE}) and nav.state() == ("e2", 2, 2)
    assert not nav.revalidate({PERSON})  # places hidden
    assert nav.state() == (None, 0, 0)
    nav.select("e1")
    nav.set_analysis(Analysis(Source(TEXT)))  # new results without it
    assert not nav.revalidate({PERSON, PLACE})
    assert nav.step(+1) is None and nav.spans() == []


def test_a_selection_shrinks_with_a_partial_analysis(nav) -> None:
    nav.select("e1")
    nav.step(+1)
    nav.step(+1)
    assert nav.state() == ("e1", 3, 3)
    full = nav.analysis
    fewer = Entity("e1", PERSON, "العبادي", ("العبادي",), (0, 2))
    nav.set_analysis(Analysis(full.source, full.mentions, (fewer, *full.entities[1:]), "test"))
    assert nav.revalidate({PERSON})
    assert nav.state() == ("e1", 2, 2)


def test_match_cursor_starts_after_the_cursor_and_wraps() -> None:
    matches = MatchCursor()
    spans = [(4, 8), (20, 26), (40, 46)]
    assert matches.set_matches(spans, cursor_offset=10) == 1
    assert matches.position() == (2, 3)
    assert [matches.step(+1), matches.step(+1), matches.step(-1)] == [2, 0, 2]
    assert matches.set_matches(spans, cursor_offset=50) == 0  # past the last: back to the first
    assert matches.set_matches([], cursor_offset=0) == -1
    assert matches.position() == (0, 0) and matches.step(+1) == -1
