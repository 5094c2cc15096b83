"""Cutting long sentences under BERT's wordpiece limit (reader/analysis/bert/windows.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis.bert.windows import plan_batches, plan_windows


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


@pytest.mark.parametrize(
    ("lengths", "max_positions", "group", "expected"),
    [
        ([], 100, 400, []),
        ([10, 60, 12, 58], 130, 1000, [[0, 2], [3, 1]]),  # like lengths together
        ([10, 60, 12, 58], 130, 50, [[0], [1], [2], [3]]),  # groups keep reading order
        ([300], 256, 1000, [[0]]),  # a window over the batch size still runs, alone
        ([5] * 10, 20, 12, [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]),
    ],
)
def test_plan_batches(lengths, max_positions, group, expected):
    assert plan_batches(lengths, max_positions, group) == expected


@given(st.lists(st.integers(1, 256), max_size=80), st.integers(256, 2048), st.integers(1, 4096))
def test_batches_run_every_window_once_within_size(lengths, max_positions, group):
    batches = plan_batches(lengths, max_positions, group)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= max_positions
