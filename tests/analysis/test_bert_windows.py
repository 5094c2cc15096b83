"""Cutting long sentences under BERT's wordpiece limit (reader/analysis/bert/windows.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis.bert.windows import plan_windows


@pytest.mark.parametrize(
    ("counts", "budget", "breaks", "expected"),
    [
        ([], 4, None, []),
        ([1, 2, 1], 4, None, [(0, 3)]),  # fits: one window
        ([1] * 10, 4, None, [(0, 4), (4, 7), (7, 10)]),  # balanced, not 4+4+2
        ([1] * 8, 6, None, [(0, 4), (4, 8)]),  # halves rather than 6+2
        ([3, 0, 0, 3], 4, None, [(0, 3), (3, 4)]),  # pieceless words ride along
        ([5, 1, 1, 1, 1, 1, 1, 1], 5, None, [(0, 1), (1, 5), (5, 8)]),  # a word as big as the budget
        # a cut moves back to just after punctuation when it is near
        ([1] * 12, 8, [False, False, False, False, True] + [False] * 7, [(0, 5), (5, 12)]),
        # ... but not when it would leave a small window
        ([1] * 12, 8, [True] + [False] * 11, [(0, 6), (6, 12)]),
    ],
)
def test_plan_windows(counts, budget, breaks, expected):
    assert plan_windows(counts, budget, breaks) == expected


def test_a_word_over_the_budget_is_refused():
    with pytest.raises(ValueError):
        plan_windows([1, 9, 1], 8)


@given(
    st.lists(st.integers(0, 20), max_size=300),
    st.integers(20, 60),
    st.data(),
)
def test_windows_cover_every_word_once_within_budget(counts, budget, data):
    breaks = data.draw(st.lists(st.booleans(), min_size=len(counts), max_size=len(counts)))
    windows = plan_windows(counts, budget, breaks)
    assert [i for first, last in windows for i in range(first, last)] == list(range(len(counts)))
    assert all(last > first for first, last in windows)
    assert all(sum(counts[first:last]) <= budget for first, last in windows)
    if sum(counts) <= budget:
        assert len(windows) <= 1
