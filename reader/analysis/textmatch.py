"""Arabic-insensitive search: find a typed word in the text the reader sees.

Typing الموصل must find بالموصل, المَوْصِل and الموصـــل; typing مدرسه must
find مدرسة. Both the text and the query are *folded* (diacritics and tatweel
dropped; alef/hamza variants → ا, alef maqsura → ي, ta marbuta → ه, via
camel-tools' own normalizers; Latin letters lower-cased) and the query is
looked for as a substring, so a proclitic (و، ف، ب، ل، ك، ال) attached in the
text never hides a word. Matches are reported as code-point spans of the
*original* text, so they can be highlighted where they are:

    >>> find_all("قاتلوا بالمَوْصِل", "الموصل")
    [(8, 17)]

Used by the reading window's Find bar and the entity panel's filter.
"""

from __future__ import annotations

import re
from functools import cache

from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from reader.arabic import TATWEEL
from reader.invisible import REMOVED_CHARACTERS, RemovedRuns

# Diacritics and tatweel stay with the letter they follow (a match is extended over them).
_MARKS = frozenset(AR_DIAC_CHARSET) | {TATWEEL}
# Invisible characters (RLM, ZWJ, soft hyphen, bidi controls) are seen
# through, as the analysis sees through them: بغداد finds بغ\u00adداد.
_DROPPED = _MARKS | REMOVED_CHARACTERS


def _character_class(characters: frozenset[str]) -> str:
    """A regular-expression class of ``characters`` written as ranges (``[\u064b-\u0652...]``).

    One entry per character made the regular expression test a character
    against each of 150 in turn: 0.8 ms a 3,000-character article.
    """
    codes = sorted(map(ord, characters))
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = (re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)
    return "[" + "".join(parts) + "]"


_DROPPED_RUN = re.compile(_character_class(_DROPPED) + "+")


@cache
def _fold_table() -> dict[int, str | None]:
    """``str.translate`` table: every change folding makes is one character → at most one."""
    table: dict[int, str | None] = {ord(c): None for c in _DROPPED}
    for code in range(0x0600, 0x0700):
        char = chr(code)
        if char in _DROPPED:
            continue
        folded = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(char)))
        if folded != char:
            table[code] = folded
    # Latin and Greek/Cyrillic capitals: only where lower-casing keeps one character,
    # so folded offsets stay one-to-one with the kept characters.
    for code in range(0x41, 0x0530):
        char = chr(code)
        lower = char.lower()
        if lower != char and len(lower) == 1:
            table[code] = lower
    return table


def fold(text: str) -> str:
    """The matching key of ``text``: أَحْمَد → احمد, مدرسة → مدرسه, Mosul → mosul."""
    return text.translate(_fold_table())


class FoldedText:
    """``text`` folded once, with a map back to the original offsets.

    Build one per document and search it many times (every keystroke in Find).
    """

    __slots__ = ("_runs", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        # Dropped characters come in runs (a letter's diacritics, a stretch of tatweel).
        # Folding changes one character into at most one: same length, nothing dropped.
        self._runs = RemovedRuns(text if len(self.folded) != len(text) else "", _DROPPED_RUN)

    def original_offset(self, folded_offset: int) -> int:
        """Where folded character ``folded_offset`` is in the original text."""
        return self._runs.original_offset(folded_offset)

    def find_all(self, query: str) -> list[tuple[int, int]]:
        """Non-overlapping matches of ``query``, as ``[start, end)`` spans of the original text.

        A span ends after the diacritics of its last letter (بالمَوْصِلِ is
        highlighted with its kasra). An empty or diacritics-only query finds nothing.
        """
        key = fold(query.strip())
        if not key:
            return []
        spans: list[tuple[int, int]] = []
        text, folded = self.text, self.folded
        at = folded.find(key)
        while at != -1:
            start = self.original_offset(at)
            end = self.original_offset(at + len(key) - 1) + 1
            while end < len(text) and text[end] in _MARKS:
                end += 1
            spans.append((start, end))
            at = folded.find(key, at + len(key))
        return spans


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Code-point spans of ``query`` in ``text``, ignoring diacritics, tatweel and letter variants.

    >>> find_all("وصل إلى الموصل", "الى")
    [(4, 7)]
    """
    return FoldedText(text).find_all(query)


def matches(candidates: tuple[str, ...] | list[str], query: str) -> bool:
    """Whether ``query`` occurs (folded) in any of ``candidates``.

    The entity panel's filter: an entity named الموصل with the variant
    بالموصل matches الموصل, موصل, بالموصل and الْمَوْصِل. A query with
    proclitics the names lack also matches (وبالموصل → الموصل).
    """
    keys = {fold(query.strip())}
    stripped = _without_proclitics(query.strip())
    if stripped:
        keys.add(fold(stripped))
    keys.discard("")
    if not keys:
        return True  # an empty filter hides nothing
    folded = [fold(c) for c in candidates]
    return any(key in name for key in keys for name in folded)


def _without_proclitics(query: str) -> str:
    try:  # the shared clitic rules, when the analysis package provides them
        from reader.analysis.arabic import base_form
    except ImportError:  # pragma: no cover - only while the package is incomplete
        return query
    return base_form(query)
