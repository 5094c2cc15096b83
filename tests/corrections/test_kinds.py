"""Corrections as stored records, and the checks on names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corrections import CorrectionError, Mark, Merge, Rename, Retype, Split, Unmark
from reader.corrections.kinds import check_name, from_record, parse_type, to_record
from reader.entity_types import EntityType

offsets = st.integers(0, 10**9)
ids = st.text(max_size=30)
corrections = st.one_of(
    st.builds(Mark, offsets, offsets, st.sampled_from(EntityType)),
    st.builds(Unmark, offsets, offsets),
    st.builds(Split, offsets, offsets),
    st.builds(Retype, ids, st.sampled_from(EntityType)),
    st.builds(Rename, ids, st.text(max_size=30)),
    st.builds(Merge, ids, ids),
)


@given(corrections)
def test_a_record_reads_back_as_the_correction(correction):
    assert from_record(*to_record(correction)) == correction


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("erase", "{}"),
        ("mark", "not json"),
        ("mark", '{"start": 1, "end": 2}'),
        ("mark", '{"start": -1, "end": 2, "type": "place"}'),
        ("mark", '{"start": "1", "end": 2, "type": "place"}'),
        ("mark", '{"start": 1, "end": 2, "type": "city"}'),
        ("rename", '{"entity": 5, "name": "x"}'),
        ("merge", "[]"),
    ],
)
def test_an_unreadable_record_is_one_error(kind, data):
    with pytest.raises(CorrectionError):
        from_record(kind, data)


def test_types_are_read_in_any_case():
    assert parse_type(" Place ") is EntityType.PLACE
    with pytest.raises(CorrectionError, match="use one of person, place, organization, figure"):
        parse_type("city")


def test_a_name_is_trimmed():
    assert check_name("  آشتون كارتر\u200c ") == "آشتون كارتر\u200c"  # a zero-width non-joiner is spelling
