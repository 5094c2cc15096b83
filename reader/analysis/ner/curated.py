"""Names of recent news the model must not miss: our hand-written lists, applied as rules.

ANERcorp is 2007 newswire: داعش، الحشد الشعبي or تلعفر never occur in it, and
its annotation even tags الموصل as a place only once in four. The model sees
these names as gazetteer features, but training data cannot teach it to
trust a list it had no examples of. So, after tagging, an occurrence of a
``wordlists.RECENT_ORGANIZATIONS`` / ``RECENT_PLACES`` entry (with clitics:
وداعش، بالموصل) whose tokens the CRF left untagged becomes a span. Entries
that are also ordinary words (``AMBIGUOUS_RECENT``) are left to the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis.ner import wordlists
from reader.analysis.ner.gazetteers import ORGANIZATION, PLACE, Gazetteer

#: Confidence given to a list match (high: these names are unambiguous).
CURATED_SCORE = 0.95


class CuratedNames:
    """Finds list names among a sentence's untagged tokens."""

    def __init__(self) -> None:
        entries = [(ORGANIZATION, n) for n in wordlists.RECENT_ORGANIZATIONS if n not in wordlists.AMBIGUOUS_RECENT]
        entries += [(PLACE, n) for n in wordlists.RECENT_PLACES if n not in wordlists.AMBIGUOUS_RECENT]
        self._names = Gazetteer.from_entries(entries)
        self._single: dict[str, str | None] = {}  # normalized word → category, cached
        self._starts: dict[str, tuple[str, ...]] = {}  # normalized word → multi-word starts, cached

    def find(self, normalized: Sequence[str], tags: Sequence[str]) -> list[tuple[str, int, int]]:
        """``(category, first, last_exclusive)`` of list names over tokens tagged O.

        ``normalized`` are the sentence's normalized words, ``tags`` the CRF's
        BIO tags; a match touching a tagged token is dropped.
        """
        found: list[tuple[str, int, int]] = []
        starts = [self._starts_of(w) for w in normalized]
        marks = self._names.match_multi(normalized, starts) if any(starts) else [None] * len(normalized)
        i, n = 0, len(normalized)
        while i < n:
            mark = marks[i]
            if mark is not None and mark.startswith("B-"):
                last = i + 1
                while last < n and marks[last] == "I-" + mark[2:]:
                    last += 1
                if all(tag == "O" for tag in tags[i:last]):
                    found.append((mark[2:], i, last))
                i = last
                continue
            if tags[i] == "O":
                category = self._category(normalized[i])
                if category is not None:
                    found.append((category, i, i + 1))
            i += 1
        return found

    def _starts_of(self, word: str) -> tuple[str, ...]:
        starts = self._starts.get(word)
        if starts is None:
            starts = self._starts[word] = self._names.multi_starts(word)
        return starts

    def _category(self, word: str) -> str | None:
        if word not in self._single:
            categories = self._names.categories(word)
            self._single[word] = min(categories) if categories else None
        return self._single[word]
