"""Tests for reader/ui/entities/entity_model.py: groups → entities → mentions over a hand-built Analysis."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.ui.entities.entity_model import ENTITY_ID_ROLE, MENTION_ROLE, EntityTreeModel

TEXT = "زار العبادي الموصل ثم بغداد، وعاد العبادي إلى بالموصل."


def analysis() -> Analysis:
    def mention(word: str, nth: int, entity_type: EntityType, entity: str) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        return Mention(start, start + len(word), entity_type, word, entity)

    mentions = sorted(
        [
            mention("العبادي", 0, EntityType.PERSON, "p1"),
            mention("الموصل", 0, EntityType.PLACE, "g1"),
            mention("بغداد", 0, EntityType.PLACE, "g2"),
            mention("العبادي", 1, EntityType.PERSON, "p1"),
            mention("الموصل", 1, EntityType.PLACE, "g1"),
        ],
        key=lambda m: m.start,
    )

    def ids(entity: str) -> tuple[int, ...]:
        return tuple(i for i, m in enumerate(mentions) if m.entity == entity)

    entities = (
        Entity("p1", EntityType.PERSON, "حيدر العبادي", ("العبادي",), ids("p1")),
        Entity("g1", EntityType.PLACE, "الموصل", ("الموصل",), ids("g1")),
        Entity("g2", EntityType.PLACE, "بغداد", ("بغداد",), ids("g2")),
    )
    return Analysis(Source(TEXT), tuple(mentions), entities, "test")


def names(model: EntityTreeModel, group_row: int) -> list[str]:
    group = model.index(group_row, 0)
    # Names come embedded right to left (RLE…PDF) in a left-to-right UI.
    return [model.index(r, 0, group).data().strip("\u202b\u202c") for r in range(model.rowCount(group))]


def test_tree_structure_is_consistent(qapp, qtmodeltester) -> None:
    """Qt's model tester checks the tree after every change; what it finds fails the test."""
    model = EntityTreeModel()
    qtmodeltester.check(model)
    model.set_analysis(analysis())
    model.set_filter("موصل")
    model.set_sort("name")
    model.set_enabled_types({EntityType.PLACE})
    model.set_analysis(None)


def test_groups_counts_and_mentions(qapp) -> None:
    model = EntityTreeModel()
    model.set_analysis(analysis())
    assert model.group_types() == [EntityType.PERSON, EntityType.PLACE]
    assert model.index(1, 1).data() == "3"  # mentions of places
    assert names(model, 1) == ["الموصل", "بغداد"]  # by count
    mosul = model.index_of_entity("g1")
    assert mosul.data(ENTITY_ID_ROLE) == "g1" and model.index(0, 1, model.parent(mosul)).data() == "2"
    assert model.rowCount(mosul) == 2
    second = model.index(1, 0, mosul)
    assert second.data(MENTION_ROLE) == 4
    assert "بالموصل" in second.data()  # the snippet shows the context
    assert model.parent(second) == mosul
    assert model.parent(model.index(0, 0)) == QModelIndex()


def test_sorting(qapp) -> None:
    model = EntityTreeModel()
    model.set_analysis(analysis())
    model.set_sort("first")
    assert names(model, 1) == ["الموصل", "بغداد"]
    model.set_sort("name")
    assert names(model, 1) == ["الموصل", "بغداد"]  # ا before ب
    model.set_sort("count")
    assert names(model, 1)[0] == "الموصل"


def test_filter_and_hidden_types(qapp) -> None:
    model = EntityTreeModel()
    model.set_analysis(analysis())
    model.set_filter("بالموصل")
    assert model.group_types() == [EntityType.PLACE]
    assert names(model, 0) == ["الموصل"]
    model.set_filter("")
    model.set_enabled_types({EntityType.PERSON})
    assert model.group_types() == [EntityType.PERSON]
    assert not model.index_of_entity("g1").isValid()


def test_bidi_controls_in_names_and_snippets_are_shown_as_labels(qapp) -> None:
    """A control in the text around a mention (or in a name) would reorder the panel's row:
    it is shown as its label, like the reading view shows it."""
    text = "نقل الملف \u202egnp.exe\u202c إلى الموصل"
    start = text.index("الموصل")
    mention = Mention(start, start + 6, EntityType.PLACE, "الموصل", "g1")
    result = Analysis(Source(text), (mention,), (Entity("g1", EntityType.PLACE, "الموصل\u2067", ("الموصل",), (0,)),))
    model = EntityTreeModel()
    model.set_analysis(result)
    entity = model.index_of_entity("g1")
    assert entity.data().strip("\u202b\u202c") == "الموصل‹RLI›"
    snippet = model.index(0, 0, entity).data()
    assert "‹RLO›gnp.exe‹PDF›" in snippet and "\u202e" not in snippet
