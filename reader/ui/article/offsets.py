"""Code-point offsets (what ``reader.document`` uses) ↔ Qt's UTF-16 positions.

Qt counts text positions in UTF-16 code units: a character outside the Basic
Multilingual Plane (an emoji 🙂, a rare CJK ideograph 𠀋) is one code point in
Python but two units in ``QTextCursor.position()``. Every mention offset
after such a character would land one place too early per character if used
as is. ``Utf16Index`` converts both ways in O(log n) per offset.

    >>> index = Utf16Index("🙂 بالموصل")
    >>> index.to_utf16(2), index.to_code_point(3)
    (3, 2)

Pure Python (no Qt), so it is tested without a display.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Offset conversion for one text, built once per document."""

    __slots__ = ("_astral", "_astral_utf16", "_length")

    def __init__(self, text: str) -> None:
        # Code-point positions of the characters that take two UTF-16 units,
        # and where each starts in UTF-16 (shifted by the pairs before it).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_utf16 = [cp + k for k, cp in enumerate(self._astral)]
        self._length = len(text)

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units (Qt's ``characterCount() - 1``)."""
        return self._length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int) -> int:
        """The code-point offset of UTF-16 ``position``.

        A position inside a surrogate pair (between its two halves) maps to
        the character's own offset, so a cursor never splits an emoji.
        """
        before = bisect_left(self._astral_utf16, position)  # pairs starting before position
        if before and position == self._astral_utf16[before - 1] + 1:
            return self._astral[before - 1]  # the low half of a pair
        return position - before

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` code-point span → UTF-16 span."""
        return self.to_utf16(start), self.to_utf16(end)

    def has_pairs(self) -> bool:
        """Whether any conversion is needed at all (False for most Arabic articles)."""
        return bool(self._astral)


def utf16_length(text: str) -> int:
    """``len(text)`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


__all__ = ["Utf16Index", "utf16_length"]
