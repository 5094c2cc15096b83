"""Entities merged across the library (reader/library/aliases.py)."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.library.aliases import library_aliases

from .helpers import record, write

CASES = [
    # (entities as (id, key, articles), expected aliases)
    ([(1, "person:حيدر عبادي", 5), (2, "person:عبادي", 2)], {2: 1}),  # the surname alone → the one full name
    ([(1, "person:حيدر عبادي", 5), (2, "person:سعد عبادي", 1), (3, "person:عبادي", 2)], {}),  # two: ambiguous
    ([(1, "person:حيدر عبادي", 5), (2, "person:حيدر", 2)], {}),  # a first name is not a surname
    ([(1, "person:علي حسن", 5), (2, "person:حس", 2)], {}),  # too short to stand for anyone
    ([(1, "place:واشنطن", 9), (2, "person:واشنطن", 2)], {2: 1}),  # the majority type
    ([(1, "place:واشنطن", 2), (2, "person:واشنطن", 2)], {1: 2}),  # a tie: the type listed first
    ([(1, "organization:مجلس امن", 3), (2, "organization:ومجلس امن", 8)], {2: 1}),  # the bare spelling
    ([(1, "place:بغداد", 3), (2, "place:وببغداد", 1)], {2: 1}),
    ([(1, "person:وليد", 3)], {}),  # nothing to strip و from
    ([(1, "figure:3", 3), (2, "person:3", 1)], {}),  # figures are values, not names
    ([(1, "person:حيدر عبادي", 5), (2, "person:عبادي", 2), (3, "organization:عبادي", 1)], {3: 1, 2: 1}),
    ([(1, "person:حيدر عبادي", 5), (2, "person:عبادي", 2), (3, "organization:عبادي", 3)], {2: 3}),  # the type first
]


@pytest.mark.parametrize(("entities", "expected"), CASES)
def test_library_aliases(entities, expected):
    assert library_aliases(entities) == expected


def test_a_surname_in_another_article_counts_as_the_full_name(tmp_path):
    library = tmp_path / "l.sqlite3"
    first = "قال رئيس الوزراء حيدر العبادي إن القوات تقدمت."
    second = "وأكد العبادي أن المعركة مستمرة."
    write(
        library,
        record("/a.txt", first, [(17, 29, "person", "حيدر عبادي")]),
        record("/b.txt", second, [(5, 12, "person", "عبادي")]),
    )
    with Library.open(library) as opened:
        [abadi] = opened.resolve("العبادي")
        assert (abadi.id, abadi.name, abadi.articles, abadi.mentions) == ("person:حيدر عبادي", "حيدر العبادي", 2, 2)
        assert set(abadi.variants) == {"حيدر العبادي", "العبادي"}
        assert [h.article.path for h in opened.find(abadi)] == ["/a.txt", "/b.txt"]
        assert [e.id for e in opened.entities()] == ["person:حيدر عبادي"]
    # A second العبادي makes the surname ambiguous: it stands alone again.
    write(library, record("/c.txt", "وصل سعد العبادي.", [(4, 15, "person", "سعد عبادي")]))
    with Library.open(library) as opened:
        assert {e.id: e.articles for e in opened.entities()} == {
            "person:حيدر عبادي": 1,
            "person:سعد عبادي": 1,
            "person:عبادي": 1,
        }
