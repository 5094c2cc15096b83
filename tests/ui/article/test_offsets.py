"""Tests for reader/ui/article/offsets.py: code points ↔ Qt's UTF-16 positions."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.ui.article.offsets import Utf16Index, utf16_length

# Arabic letters and marks, spaces, and characters outside the BMP (emoji, rare CJK, math).
ASTRAL = st.sampled_from(["🙂", "👍🏽", "𠀋", "𝟙", "🇮🇶"])
BMP = st.sampled_from(list("بالموصل ٣٥٠٠ َُِّ abc\n中"))
TEXT = st.lists(st.one_of(ASTRAL, BMP), max_size=60).map("".join)


def utf16_position(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


@given(TEXT)
def test_every_offset_converts_both_ways(text: str) -> None:
    index = Utf16Index(text)
    assert index.utf16_length == utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        position = index.to_utf16(offset)
        assert position == utf16_position(text, offset)
        assert index.to_code_point(position) == offset


@given(TEXT)
def test_a_position_inside_a_surrogate_pair_maps_to_its_character(text: str) -> None:
    index = Utf16Index(text)
    for offset, char in enumerate(text):
        if ord(char) > 0xFFFF:
            assert index.to_code_point(index.to_utf16(offset) + 1) == offset


@settings(max_examples=60, deadline=None)
@given(before=TEXT, after=TEXT)
def test_a_qt_selection_at_converted_positions_is_the_mention(qapp, before: str, after: str) -> None:
    # An emoji or a rare CJK character before a mention must not shift it.
    mention = "بالموصل"
    text = before + mention + after
    start, end = len(before), len(before) + len(mention)
    index = Utf16Index(text)
    document = QTextDocument()
    document.setPlainText(text)
    cursor = QTextCursor(document)
    cursor.setPosition(index.to_utf16(start))
    cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == mention


def test_examples() -> None:
    index = Utf16Index("🙂 بالموصل")
    assert (index.to_utf16(2), index.to_code_point(3)) == (3, 2)
    assert not Utf16Index("بالموصل").has_pairs()
    assert index.has_pairs()


@given(TEXT, st.sets(st.integers(min_value=0, max_value=60)))
def test_inserted_breaks_are_counted_both_ways(text: str, wanted: set[int]) -> None:
    """A break inserted before a code point: the character keeps its own position, after the break."""
    breaks = sorted(b for b in wanted if 0 < b < len(text))
    index = Utf16Index(text, breaks)
    bounds = [0, *breaks, len(text)]
    document = "\n".join(text[a:b] for a, b in itertools.pairwise(bounds))
    assert index.utf16_length == utf16_length(document)
    for offset in range(len(text) + 1):
        position = index.to_utf16(offset)
        assert position == utf16_position(document, offset + sum(1 for b in breaks if b <= offset))
        assert index.to_code_point(position) == offset
        assert index.end_to_utf16(offset) == position - (1 if offset in breaks else 0)
    for b in breaks:  # the break itself belongs to the character after it
        assert index.to_code_point(index.to_utf16(b) - 1) == b
