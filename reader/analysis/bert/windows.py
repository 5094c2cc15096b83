"""Fitting sentences into BERT's wordpiece limit, and windows into batches.

BERT reads at most 512 positions, [CLS] and [SEP] included, and camel-tools
feeds segments of 254 wordpieces (its 256 minus the two). A sentence longer
than that (or a paragraph with no punctuation) is cut into windows of whole
words. Cutting balances the windows (two halves rather than a full window and
a scrap) and prefers a cut right after punctuation, so a name is rarely cut
in two and each window keeps as much context as possible.

    >>> plan_windows([1] * 10, budget=4)
    [(0, 4), (4, 7), (7, 10)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: A cut may move back this share of a window to land after punctuation.
PUNCTUATION_REACH = 0.25


def plan_windows(
    piece_counts: Sequence[int],
    budget: int,
    breaks: Sequence[bool] | None = None,
) -> list[tuple[int, int]]:
    """Consecutive word ranges ``[first, last)`` covering all words, each with
    at most ``budget`` wordpieces in total.

    ``piece_counts[i]`` is the number of wordpieces of word i (0 for a word
    the tokenizer drops; each must be at most ``budget``). ``breaks[i]`` says
    a cut after word i is a good place (the word is punctuation).
    """
    if budget < 1:
        raise ValueError("budget must be positive")
    if any(count > budget for count in piece_counts):
        raise ValueError("a word has more wordpieces than the budget")
    n = len(piece_counts)
    remaining = sum(piece_counts)
    windows: list[tuple[int, int]] = []
    first = 0
    while first < n:
        if remaining <= budget:
            windows.append((first, n))
            break
        # Balanced share of what is left, never above the budget.
        target = math.ceil(remaining / math.ceil(remaining / budget))
        end, size = first, 0
        while end < n and size + piece_counts[end] <= target:
            size += piece_counts[end]
            end += 1
        end = max(end, first + 1)  # one word bigger than the share still goes alone
        cut = _cut_after_punctuation(first, end, breaks, piece_counts, size)
        windows.append((first, cut))
        remaining -= sum(piece_counts[first:cut])
        first = cut
    return windows


def _cut_after_punctuation(
    first: int, end: int, breaks: Sequence[bool] | None, piece_counts: Sequence[int], size: int
) -> int:
    """Where to end the window ``[first, end)``: right after the last
    punctuation within reach of ``end``, else at ``end``."""
    if breaks is None:
        return end
    reach = size * PUNCTUATION_REACH
    moved = 0
    for j in range(end - 1, first - 1, -1):
        if breaks[j]:
            return j + 1
        moved += piece_counts[j]
        if moved > reach:
            break
    return end


def plan_batches(lengths: Sequence[int], max_positions: int, group_positions: int) -> list[list[int]]:
    """Window indices grouped into batches of at most ``max_positions`` padded
    positions (windows x longest window; one window alone may be longer).

    A batch is padded to its longest window, so mixing a 60-piece sentence
    with 10-piece ones wastes most of the work. Windows are therefore sorted
    by length, but only within consecutive groups of about
    ``group_positions`` positions, so results still arrive roughly in
    reading order.

        >>> plan_batches([10, 60, 12, 58], max_positions=130, group_positions=1000)
        [[0, 2], [3, 1]]
    """
    batches: list[list[int]] = []
    n = len(lengths)
    first = 0
    while first < n:
        end, size = first + 1, lengths[first]
        while end < n and size + lengths[end] <= group_positions:
            size += lengths[end]
            end += 1
        batch: list[int] = []
        longest = 0
        for index in sorted(range(first, end), key=lambda i: lengths[i]):
            if batch and (len(batch) + 1) * max(longest, lengths[index]) > max_positions:
                batches.append(batch)
                batch, longest = [], 0
            batch.append(index)
            longest = max(longest, lengths[index])
        batches.append(batch)
        first = end
    return batches
