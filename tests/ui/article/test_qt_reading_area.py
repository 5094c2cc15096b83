"""Tests for reader/ui/article/qt_reading_area.py: the reading area alone, without a window."""

from __future__ import annotations

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.jobs import highlight_spans
from reader.ui.article.qt_reading_area import ReadingArea

TEXT = "زار العبادي الموصل، ثم عاد العبادي إلى بغداد. وقال العبادي إن الموصل تحررت."


def analysis() -> Analysis:
    words = [(w, i) for w in ("العبادي", "الموصل", "بغداد") for i in range(TEXT.count(w))]
    found = []
    for word, nth in words:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        kind = EntityType.PERSON if word == "العبادي" else EntityType.PLACE
        found.append(Mention(start, start + len(word), kind, word, f"{kind.value}:{word}"))
    mentions = tuple(sorted(found, key=lambda m: m.start))
    ids = dict.fromkeys(m.entity for m in mentions)
    entities = tuple(
        Entity(
            e,
            next(m.type for m in mentions if m.entity == e),
            e.partition(":")[2],
            (e.partition(":")[2],),
            tuple(i for i, m in enumerate(mentions) if m.entity == e),
        )
        for e in ids
    )
    return Analysis(Source(TEXT), mentions, entities, "test")


def shown_area(qtbot) -> tuple[ReadingArea, Analysis]:
    area = ReadingArea()
    qtbot.addWidget(area)
    area.resize(700, 400)
    area.show()
    result = analysis()
    area.show_source(result.source)
    area.show_analysis(result, highlight_spans(result.mentions))
    area.finish_painting()
    return area, result


def test_the_legend_reports_the_types_shown(qtbot) -> None:
    area, _result = shown_area(qtbot)
    assert area.legend.counts()[EntityType.PERSON] == 3
    with qtbot.waitSignal(area.types_toggled) as toggled:
        area.legend.buttons[EntityType.PLACE].click()
    assert toggled.args == [frozenset(set(EntityType) - {EntityType.PLACE})]
    area.finish_painting()
    assert {t for _s, _e, t in area.view.highlighted_spans()} == {EntityType.PERSON}
    with qtbot.assertNotEmitted(area.types_toggled):
        area.set_enabled_types(set(EntityType))  # told, not asked: no signal back
    assert area.enabled_types() == frozenset(EntityType)


def test_walking_mentions_reports_the_entity_and_the_position(qtbot) -> None:
    area, result = shown_area(qtbot)
    selected, positions = [], []
    area.entity_selected.connect(selected.append)
    area.position_changed.connect(lambda position, count: positions.append((position, count)))
    area.select_entity("person:العبادي")
    assert positions[-1] == (1, 3)
    area.next_mention()
    area.next_mention()
    area.next_mention()
    assert positions[-1] == (1, 3)  # wrapped
    area.go_to_mention(next(i for i, m in enumerate(result.mentions) if m.text == "بغداد"))
    assert selected[-1] == "place:بغداد" and positions[-1] == (1, 1)


def test_next_mention_with_nothing_selected_says_so(qtbot) -> None:
    area = ReadingArea()
    qtbot.addWidget(area)
    source = Source("لا أسماء هنا.")
    area.show_source(source)
    area.show_analysis(Analysis(source), frozenset())
    with qtbot.waitSignal(area.message) as message:
        area.next_mention()
    assert message.args == ["Select an entity in the panel first."]


def test_a_new_article_clears_the_selection_and_closes_find(qtbot) -> None:
    area, _result = shown_area(qtbot)
    area.select_entity("place:الموصل")
    area.open_find()
    assert area.find_bar.isVisible()
    with qtbot.waitSignal(area.position_changed) as cleared:
        area.show_source(Source("نص آخر"))
    assert cleared.args == [0, 0] and not area.find_bar.isVisible()
    assert area.legend.counts()[EntityType.PERSON] == 0


def test_zoom_is_reported(qtbot) -> None:
    area, _result = shown_area(qtbot)
    with qtbot.waitSignal(area.zoom_changed) as zoomed:
        area.zoom_in()
    assert zoomed.args == [1]
    family, size = area.reading_font()
    assert family == area.view.font_family() and size == 16.0  # the base size, before zoom


def test_find_starts_at_the_first_match_wherever_the_cursor_is(qtbot) -> None:
    """The cursor is after the first العبادي (a click): Find still starts at the first one, and
    typing the query letter by letter never skips ahead of it."""
    from PySide6.QtGui import QTextCursor

    area, _result = shown_area(qtbot)
    cursor = QTextCursor(area.view.document())
    cursor.setPosition(TEXT.index("بغداد"))
    area.view.setTextCursor(cursor)
    area.open_find()
    for typed in ("ا", "ال", "العب", "العبادي"):
        area.finder.find(typed)
        assert area.finder.matches.index == 0, typed
    assert area.view.selection_offsets() == (TEXT.index("العبادي"), TEXT.index("العبادي") + len("العبادي"))


def test_find_on_a_selected_word_starts_at_that_occurrence(qtbot) -> None:
    area, _result = shown_area(qtbot)
    second = TEXT.index("العبادي", TEXT.index("العبادي") + 1)
    area.view.go_to(second, second + len("العبادي"))
    area.open_find()  # prefilled with the selection, searched at once
    assert area.find_bar.field.text() == "العبادي"
    assert area.finder.matches.index == 1 and area.find_bar.count_label.text() == "2 / 3"
