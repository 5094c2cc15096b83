"""reader/invisible.py: folding invisible characters away, showing bidi controls."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.invisible import (
    CONTROLS,
    REMOVED_CHARACTERS,
    fold_invisible,
    has_controls,
    is_invisible,
    show_controls,
    split_controls,
)

INVISIBLE_SAMPLE = [*sorted(REMOVED_CHARACTERS)[:40], "\u200b", "\u200f", "\u202e", "\u2069", "\xad"]


def test_nothing_to_fold_is_the_same_string():
    text = "قال العبادي في بغداد"
    folded = fold_invisible(text)
    assert folded.text is text and not folded.changed
    assert folded.to_shown(15, 20) == (15, 20)


def test_folding_removes_marks_and_controls_and_maps_back():
    text = "في \u2067بغ\u00adداد\u2069 و\u202eالموصل\u202c\u200f."
    folded = fold_invisible(text)
    assert folded.text == "في بغداد والموصل."
    start, end = folded.to_shown(3, 8)
    assert text[start:end] == "بغ\u00adداد"
    start, end = folded.to_shown(folded.text.index("الموصل"), folded.text.index("."))
    assert text[start:end] == "الموصل"


def test_zero_width_space_separates_words_without_moving_offsets():
    folded = fold_invisible("بغداد\u200bالموصل")
    assert folded.text == "بغداد الموصل" and not folded.changed


def test_visible_format_characters_are_kept():
    # The Arabic number sign and the end-of-ayah sign have glyphs.
    assert fold_invisible("\u0600١٢\u06dd").text == "\u0600١٢\u06dd"
    assert not is_invisible("\u0600") and is_invisible("\u200f") and is_invisible("\u200b")


@given(st.lists(st.sampled_from(["ب", "غ", "د", " ", "a", "😀", *INVISIBLE_SAMPLE]), max_size=60))
def test_folded_offsets_map_to_the_same_visible_characters(chars):
    text = "".join(chars)
    folded = fold_invisible(text)
    assert not any(is_invisible(c) for c in folded.text)
    for i, char in enumerate(folded.text):
        start, end = folded.to_shown(i, i + 1)
        assert end - start == 1
        assert text[start] == char or (char == " " and text[start] == "\u200b")
    for i in range(len(folded.text)):
        for j in range(i + 1, min(len(folded.text), i + 5) + 1):
            start, end = folded.to_shown(i, j)
            if not folded.text[i].isspace():  # mentions start on a letter (a ZWSP folds to a space)
                assert not is_invisible(text[start])
            if not folded.text[j - 1].isspace():
                assert not is_invisible(text[end - 1])
            assert fold_invisible(text[start:end]).text == folded.text[i:j]


def test_controls_are_labelled():
    assert show_controls("\u202egnp.exe\u202c") == "‹RLO›gnp.exe‹PDF›"
    assert show_controls("\u2066a\u2067b\u2068c\u2069\u202a\u202b\u202d") == ("‹LRI›a‹RLI›b‹FSI›c‹PDI›‹LRE›‹RLE›‹LRO›")
    # Marks and joiners are not reordering controls: kept as they are.
    assert show_controls("الموصل\u200f\u200d") == "الموصل\u200f\u200d"
    assert CONTROLS["\u202e"].description == "U+202E RIGHT-TO-LEFT OVERRIDE"


@given(st.text(alphabet=st.sampled_from(["a", "ب", " ", "\n", *CONTROLS, "\u200f"]), max_size=40))
def test_split_controls_covers_the_text_in_order(text):
    runs = list(split_controls(text))
    assert "".join(run for run, _ in runs) == text
    for run, control in runs:
        assert run
        if control is None:
            assert not has_controls(run)
        else:
            assert run == control.char
    assert not has_controls(show_controls(text))
