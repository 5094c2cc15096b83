"""Tests for reader/analysis/ner/wordtable.py: word → row, bucket by bucket, as a dict would answer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis.ner import wordtable
from reader.analysis.ner.wordtable import PackedValues, WordTable

WORDS = ["الموصل", "بغداد", "كارتر", "", "ي", "ﻻ", "نينوى", "2019", "Reuters"]

words = st.lists(st.text(st.characters(blacklist_characters="\n"), max_size=12), max_size=200)


@given(words, st.lists(st.text(max_size=12), max_size=50))
def test_answers_as_the_dict_of_first_rows_does(table_words: list[str], others: list[str]) -> None:
    expected: dict[str, int] = {}
    for row, word in enumerate(table_words):
        expected.setdefault(word, row)
    table = WordTable.from_bytes(WordTable.of(table_words).to_bytes())
    assert len(table) == len(expected)
    for word in [*table_words, *others]:
        assert table.get(word) == expected.get(word)
        assert (word in table) == (word in expected)
    assert dict(table.items()) == expected


def test_becomes_one_dict_after_enough_look_ups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordtable, "FULL_AFTER", 5)
    table = WordTable.of(WORDS)
    answers = [table.get(w) for w in WORDS * 2]
    assert table._full is not None
    assert answers == list(range(len(WORDS))) * 2
    assert table.get("absent", -1) == -1


def test_buckets_hold_a_few_words_each() -> None:
    table = WordTable.of(f"كلمة{i}" for i in range(10_000))
    assert 10_000 / len(table._text_starts) <= wordtable.BUCKET_WORDS


def test_a_word_with_a_newline_is_refused() -> None:
    with pytest.raises(ValueError, match="newline"):
        WordTable.of(["سطر\nآخر"])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00garbage",
        wordtable.pack("word-table-0", WordTable.of(WORDS).sections()),  # another layout
        wordtable.pack(wordtable.FORMAT, [b"a\n", b"\x00" * 8, b"\x00" * 8, b""]),  # its parts disagree
        WordTable.of(WORDS).to_bytes()[:-3],
        WordTable.of(WORDS).to_bytes()[:-3] + b"\xff\xff\xff",  # same length, other bytes
        WordTable.of(WORDS).to_bytes().replace("نينوى".encode(), "نينوا".encode()),
    ],
)
def test_damaged_bytes_are_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        WordTable.from_bytes(data)


@given(
    st.dictionaries(
        st.text(st.characters(blacklist_characters="\n"), max_size=12), st.sampled_from(["LOC1", "O3", "PERS2"])
    ),
    st.lists(st.text(max_size=12), max_size=30),
)
def test_packed_values_answer_as_the_dict(mapping: dict[str, str], others: list[str]) -> None:
    packed = PackedValues.of(mapping)
    again = PackedValues.from_sections([memoryview(s) for s in packed.sections()], packed.values_used)
    assert dict(again.items()) == mapping and sorted(again) == sorted(mapping) and len(again) == len(mapping)
    for word in [*mapping, *others]:
        assert again.get(word, "-") == mapping.get(word, "-")
        assert (word in again) == (word in mapping)
    assert again == mapping


def test_packed_values_with_a_value_number_out_of_range_are_refused() -> None:
    packed = PackedValues.of({"بغداد": frozenset({"LOC"}), "حيدر": frozenset({"FIRST"})})
    with pytest.raises(ValueError, match="disagree"):
        PackedValues.from_sections([memoryview(s) for s in packed.sections()], packed.values_used[:1])


def test_packed_values_become_one_dict_after_enough_look_ups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordtable, "FULL_VALUES_AFTER", 5)
    mapping = {word: f"class{len(word) % 3}" for word in WORDS}
    packed = PackedValues.of(mapping)
    answers = [packed.get(w, "-") for w in [*WORDS, "absent"] * 2]
    assert packed._full is not None
    assert answers == [mapping.get(w, "-") for w in [*WORDS, "absent"] * 2]
    assert "بغداد" in packed and "absent" not in packed and packed["نينوى"] == mapping["نينوى"]
    with pytest.raises(KeyError):
        packed["absent"]
