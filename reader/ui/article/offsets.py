"""Code-point offsets (what ``reader.document`` uses) ↔ positions in the reading view's document.

Qt counts text positions in UTF-16 code units: a character outside the Basic
Multilingual Plane (an emoji 🙂, a rare CJK ideograph 𠀋) is one code point in
Python but two units in ``QTextCursor.position()``. Every mention offset
after such a character would land one place too early per character if used
as is.

The view's document may also hold paragraph breaks that are not in the text:
a very long paragraph is shown in pieces (``shown_text.py``), each piece a
block of its own, and each break is one more unit in the document. A break
sits *before* the code point it is inserted at: a mention starting there
starts after the break, one ending there ends before it.

``Utf16Index`` converts both ways in O(log n) per offset, counting both.

    >>> index = Utf16Index("🙂 بالموصل")
    >>> index.to_utf16(2), index.to_code_point(3)
    (3, 2)
    >>> broken = Utf16Index("ab cd", breaks=[3])  # shown as "ab \\ncd"
    >>> broken.to_utf16(3), broken.span_to_utf16(0, 3), broken.to_code_point(3), broken.to_code_point(4)
    (4, (0, 3), 3, 3)

Pure Python (no Qt), so it is tested without a display.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Offset conversion for one text as one document shows it, built once per document.

    ``breaks``: code-point offsets before which the document holds a
    paragraph break that the text does not have (sorted, distinct).
    """

    __slots__ = ("_astral", "_breaks", "_extra_cp", "_extra_units", "_length")

    def __init__(self, text: str, breaks: Iterable[int] = ()) -> None:
        # Code-point positions of the characters that take two UTF-16 units.
        self._astral = find_all(_ASTRAL, text)
        self._breaks = sorted(breaks)
        self._length = len(text)
        # Every unit of the document that is not the first unit of a code
        # point (the low half of a pair, an inserted break), in document
        # order: where it is, and the code point it belongs to.
        self._extra_units: list[int] = []
        self._extra_cp: list[int] = []
        if not self._breaks:  # the common case: pairs only
            self._extra_units = [cp + k + 1 for k, cp in enumerate(self._astral)]
            self._extra_cp = self._astral
            return
        events = sorted([(cp, 0) for cp in self._breaks] + [(cp, 1) for cp in self._astral])  # a break first
        for k, (cp, is_pair) in enumerate(events):
            self._extra_units.append(cp + k + is_pair)  # a pair's low half follows its high half
            self._extra_cp.append(cp)

    @property
    def utf16_length(self) -> int:
        """Length of the document's text in units (Qt's ``characterCount() - 1``)."""
        return self._length + len(self._extra_units)

    def to_utf16(self, offset: int) -> int:
        """The document position of code-point ``offset`` (0 ≤ offset ≤ len(text)): after a break there."""
        return offset + bisect_left(self._astral, offset) + bisect_right(self._breaks, offset)

    def end_to_utf16(self, offset: int) -> int:
        """The document position where a span ending at ``offset`` ends: before a break there."""
        return offset + bisect_left(self._astral, offset) + bisect_left(self._breaks, offset)

    def to_code_point(self, position: int) -> int:
        """The code-point offset of document ``position``.

        A position inside a surrogate pair (between its two halves) maps to
        the character's own offset, so a cursor never splits an emoji; an
        inserted break maps to the code point after it.
        """
        k = bisect_left(self._extra_units, position)
        if k < len(self._extra_units) and self._extra_units[k] == position:
            return self._extra_cp[k]
        return position - k

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` code-point span → document span (a break at either end left outside)."""
        return self.to_utf16(start), max(self.to_utf16(start), self.end_to_utf16(end))

    def has_pairs(self) -> bool:
        """Whether any conversion is needed at all (False for most Arabic articles)."""
        return bool(self._extra_units)

    @property
    def breaks(self) -> list[int]:
        """The code-point offsets with a break inserted before them."""
        return list(self._breaks)


#: Characters scanned per call of a regular expression: one call holds the GIL,
#: and a scan of a 6 MB article in one call held it (and stalled the UI) for 30-50 ms.
SCAN_WINDOW = 1 << 18


def find_all(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where ``pattern`` (one character long) matches in ``text``, scanned a window at a time."""
    return [m.start() for lo in range(0, len(text), SCAN_WINDOW) for m in pattern.finditer(text, lo, lo + SCAN_WINDOW)]


def utf16_length(text: str) -> int:
    """``len(text)`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


__all__ = ["Utf16Index", "find_all", "utf16_length"]
