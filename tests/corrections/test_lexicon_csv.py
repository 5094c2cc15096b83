"""The lexicon as CSV: round trip, and every broken file is one line and imports nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corrections import CorrectionError, LexiconEntry
from reader.corrections.lexicon_csv import (
    MAX_BYTES,
    parse_lexicon_csv,
    read_lexicon_csv,
    render_lexicon_csv,
)
from reader.entity_types import EntityType

P, L, O = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION


def test_render_then_read_gives_the_entries_back(tmp_path):
    entries = [LexiconEntry("رويترز", O), LexiconEntry("ثاني", None), LexiconEntry('"بيت, المال"', O)]
    path = tmp_path / "lex.csv"
    path.write_text(render_lexicon_csv(entries), encoding="utf-8-sig")
    assert read_lexicon_csv(path) == entries


def test_a_would_be_formula_survives_the_round_trip():
    entries = [LexiconEntry("=1+1", O), LexiconEntry("-5 بغداد", L)]
    text = render_lexicon_csv(entries)
    assert "'=1+1" in text
    assert parse_lexicon_csv(text.encode()) == entries


NAMES = st.text(alphabet="بغدادالموصل ,\"'=-", min_size=1, max_size=20).filter(lambda t: any(c.isalpha() for c in t))


@given(st.lists(st.tuples(NAMES, st.sampled_from([P, L, O, None])), max_size=8))
def test_round_trip_of_any_entries(pairs):
    entries = [LexiconEntry(text.strip(), kind) for text, kind in pairs]
    assert parse_lexicon_csv(render_lexicon_csv(entries).encode("utf-8-sig")) == entries


def test_a_header_is_optional_and_type_case_does_not_matter():
    assert parse_lexicon_csv("بغداد,Place\nثاني,NONE\n".encode()) == [
        LexiconEntry("بغداد", L),
        LexiconEntry("ثاني", None),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("text,type\nبغداد,place\n".encode("cp1256"), "not UTF-8 text (line 2)"),
        ("text,type\nبغداد,city\n".encode(), "line 2: unknown type 'city'"),
        ("text,type\nبغداد\n".encode(), "line 2: expected two columns"),
        ("text,type\nبغداد,place,extra\n".encode(), "line 2: expected two columns"),
        (b"text,type\n ,place\n", "line 2: the lexicon text is empty"),
        ("text,type\n\u202eبغداد,place\n".encode(), "line 2: the lexicon text contains an invisible direction mark"),
        (("text,type\n" + "ب" * 300 + ",place\n").encode(), "line 2: the lexicon text is 300 characters long"),
        (b'text,type\n"open quote,place\n', "not valid CSV"),
    ],
    ids=["binary", "cp1256", "bad-type", "one-column", "three-columns", "blank", "bidi", "long", "quote"],
)
def test_a_broken_file_is_one_line_saying_where(data, message):
    with pytest.raises(CorrectionError) as raised:
        parse_lexicon_csv(data, "lex.csv")
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(MAX_BYTES + 1)
    with pytest.raises(CorrectionError, match="at most"):
        read_lexicon_csv(path)


def test_a_missing_file_or_a_folder_is_one_line(tmp_path):
    with pytest.raises(CorrectionError, match=r"cannot open .*nope\.csv': no such file"):
        read_lexicon_csv(tmp_path / "nope.csv")
    with pytest.raises(CorrectionError, match="folder"):
        read_lexicon_csv(tmp_path)
