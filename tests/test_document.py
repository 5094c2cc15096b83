"""The plain data and its contract: lookups, identities, check_analysis."""

from __future__ import annotations

import pickle

import pytest

from reader.document import Analysis, Entity, InvalidAnalysis, Mention, Source, anchor_id, check_analysis, entity_id
from reader.entity_types import EntityType

L = EntityType.PLACE
TEXT = "وصل إلى الموصل ثم أربيل"


def mention(start: int, end: int, entity: str = "E0") -> Mention:
    return Mention(start, end, L, TEXT[start:end], entity)


@pytest.mark.parametrize(
    ("mentions", "entities", "message"),
    [
        ((mention(8, 14), mention(12, 16)), (), "overlaps"),
        ((mention(18, 23), mention(8, 14)), (), "overlaps or precedes"),
        ((Mention(8, 8, L, "", "E0"),), (), "empty"),
        ((Mention(20, 99, L, TEXT[20:], "E0"),), (), "outside the text"),
        ((Mention(8, 14, L, "بغداد", "E0"),), (), "says 'بغداد' but the text there differs"),
        ((mention(8, 14, "E9"),), (Entity("E0", L, "الموصل", ("الموصل",), ()),), "names entity 'E9'"),
        ((mention(8, 14),), (Entity("E0", L, "الموصل", ("الموصل",), (0, 3)),), "refers to mention 3"),
    ],
)
def test_broken_analyses_are_refused_in_one_line(mentions, entities, message):
    with pytest.raises(InvalidAnalysis, match=message) as raised:
        check_analysis(Analysis(Source(TEXT), mentions, entities))
    assert "\n" not in str(raised.value)


def test_entities_are_looked_up_by_id():
    mosul = Entity("place:موصل", L, "الموصل", ("الموصل",), (0,))
    erbil = Entity("place:اربيل", L, "أربيل", ("أربيل",), (1,))
    analysis = Analysis(Source(TEXT), (mention(8, 14, mosul.id), mention(18, 23, erbil.id)), (mosul, erbil))
    check_analysis(analysis)
    assert analysis.entity("place:اربيل") is erbil and analysis.has_entity(mosul.id)
    assert not analysis.has_entity("place:بغداد")
    with pytest.raises(KeyError):
        analysis.entity("place:بغداد")
    copy = pickle.loads(pickle.dumps(analysis))  # analyses cross process boundaries
    assert copy == analysis and copy.entity(mosul.id) == mosul


def test_ids_and_anchors():
    assert entity_id(EntityType.ORGANIZATION, "امم متحده") == "organization:امم متحده"
    anchor = anchor_id("organization:امم متحده")
    assert anchor == anchor_id("organization:امم متحده") != anchor_id("place:امم متحده")
    assert anchor.isascii() and " " not in anchor and anchor[0].isalpha()
