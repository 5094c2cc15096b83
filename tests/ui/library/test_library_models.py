"""The library's table models (reader/ui/library/library_models.py) and the timeline's periods."""

from __future__ import annotations

from dataclasses import fields

from reader.entity_types import EntityType
from reader.library import EntitySummary
from reader.library.service import FlatList
from reader.ui.library.library_models import EntityTableModel, folded_query
from reader.ui.library.qt_timeline_view import fill_periods


def entity(key: str, name: str, articles: int, mentions: int, variants=()) -> EntitySummary:
    kind = key.partition(":")[0]
    return EntitySummary(
        key, EntityType(kind), name, articles, mentions, "2016-01-01", "2017-01-01", tuple(variants), 0
    )


def test_folded_query_drops_spelling_and_proclitics():
    assert folded_query("وبالمَوْصِل") == sorted({"وبالموصل", "موصل"})
    assert folded_query("  ") == []


def test_entity_model_filters_by_any_spelling_and_type(qapp, qtmodeltester):
    from reader.analysis.textmatch import fold

    model = EntityTableModel()
    rows = [
        entity("place:موصل", "الموصل", 5, 9, ["الموصل", "بالموصل"]),
        entity("organization:امم متحده", "الأمم المتحدة", 3, 4),
        entity("figure:3", "ثلاثة", 8, 8),
    ]
    keys = ["|" + "|".join(fold(x) for x in (r.name, *r.variants)) + "|" for r in rows]
    model.set_items(FlatList(EntitySummary, [tuple(getattr(r, f.name) for f in fields(r)) for r in rows]), keys)
    qtmodeltester.check(model)
    assert model.rowCount() == 2  # names only, most articles first
    assert model.item(model.index(0, 0)).name == "الموصل"
    model.set_filter("بالموصل")
    assert [model.item(model.index(r, 0)).name for r in range(model.rowCount())] == ["الموصل"]
    model.set_filter("")
    model.set_types(frozenset(EntityType))
    assert model.rowCount() == 3 and model.item(model.index(0, 0)).name == "ثلاثة"


def test_periods_between_are_filled():
    assert fill_periods([("2016-W52", 1), ("2017-W02", 3)], "week") == [
        ("2016-W52", 1),
        ("2017-W01", 0),
        ("2017-W02", 3),
    ]
    assert fill_periods([("2016-12-31", 1), ("2017-01-01", 1)], "day") == [("2016-12-31", 1), ("2017-01-01", 1)]
    assert fill_periods([("2016-11", 1), ("2017-02", 2)], "month")[1:3] == [("2016-12", 0), ("2017-01", 0)]
    assert fill_periods([], "month") == []
