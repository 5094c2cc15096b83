"""Tests for reader/ui/article/shown_text.py: what the reading view's document holds (no Qt)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.invisible import CONTROLS
from reader.ui.article.shown_text import MAX_BLOCK, OBJECT, shown_text

# Arabic letters and marks, spaces and line breaks, bidi controls, digits, Latin, astral characters.
PIECES = st.sampled_from([*"بالموصل ٣٥٠٠ َُِّ 3500 gnp.exe\n", *CONTROLS, "\u200f", "🙂", "𠀋"])
TEXT = st.lists(PIECES, max_size=120).map("".join)


def units(text: str) -> list[str]:
    """``text`` as Qt holds it: UTF-16 code units (a pair as two entries)."""
    data = text.encode("utf-16-le")
    return [data[i : i + 2].decode("utf-16-le", errors="surrogatepass") for i in range(0, len(data), 2)]


@settings(max_examples=300)
@given(TEXT, st.integers(min_value=4, max_value=30))
def test_every_code_point_maps_to_what_the_document_shows_for_it(text: str, longest: int) -> None:
    """Offsets stay exact: each code point is at ``to_utf16`` in the document (a control as U+FFFC),
    every inserted unit is a line break, and no piece is longer than asked."""
    shown = shown_text(text, max_block=longest)
    document = units(shown.text)
    index = shown.index
    assert len(document) == index.utf16_length
    own = set()
    for offset, char in enumerate(text):
        position = index.to_utf16(offset)
        expected = OBJECT if char in CONTROLS else char
        assert document[position : position + len(units(char))] == units(expected)
        assert index.to_code_point(position) == offset
        own.update(range(position, position + len(units(char))))
    assert all(document[u] == "\n" for u in set(range(len(document))) - own)  # only breaks were added
    assert [p for p, _c in shown.controls] == [index.to_utf16(i) for i, c in enumerate(text) if c in CONTROLS]
    assert all(len(line) <= max(longest, 1) for line in shown.text.split("\n"))


@given(TEXT)
def test_a_span_takes_in_a_break_only_when_the_break_is_inside_it(text: str) -> None:
    """A mention starting or ending where a piece ends is highlighted without the break."""
    shown = shown_text(text, max_block=6)
    breaks = shown.index.breaks
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 8) + 1):
            s16, e16 = shown.index.span_to_utf16(start, end)
            inserted = sum(1 for b in breaks if start < b < end)
            assert e16 - s16 == len(units(text[start:end])) + inserted


def test_a_long_paragraph_is_cut_after_spaces_into_blocks_qt_shapes_whole() -> None:
    words = "قالت مصادر في الموصل إن عدد النازحين بلغ 3500 شخص "
    paragraph = (words * 400).strip()  # 20,000 characters, no line break
    shown = shown_text(paragraph + "\n\nآخر سطر")
    lines = shown.text.split("\n")
    assert all(len(line) <= MAX_BLOCK for line in lines) and len(lines) == 9
    assert all(line.endswith(" ") for line in lines[:6])  # cut after a space: no word torn apart
    assert shown.text.replace(" \n", " ") == paragraph + "\n\nآخر سطر"


def test_a_run_without_spaces_is_cut_between_letters_never_before_a_mark() -> None:
    run = "بَ" * 2000  # 4,000 characters, a mark after every letter
    shown = shown_text(run)
    first, rest = shown.text.split("\n")
    assert len(first) <= MAX_BLOCK and first + rest == run and not rest.startswith("\u064e")


def test_a_short_text_is_shown_as_it_is() -> None:
    text = "بلغ عدد النازحين 3500 شخص\nفي الموصل"
    shown = shown_text(text)
    assert shown.text is text and not shown.controls and not shown.index.has_pairs()
