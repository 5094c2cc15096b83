"""Tests for reader/ui/qt_reading_view.py and qt_highlighter.py: highlights land on the mentions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.ui.qt_reading_view import ZOOM_RANGE, ReadingView


def analysis_of(text: str, words: list[tuple[str, EntityType]]) -> Analysis:
    mentions = []
    for word, entity_type in words:
        start = text.index(word)
        mentions.append(Mention(start, start + len(word), entity_type, word, word))
    mentions.sort(key=lambda m: m.start)
    entities = tuple(
        Entity(m.entity, m.type, m.text, (m.text,), (i,)) for i, m in enumerate(mentions)
    )
    return Analysis(Source(text), tuple(mentions), entities, "test")


def test_highlights_after_emoji_and_cjk_are_not_shifted(qtbot) -> None:
    text = "🙂👍🏽 قال 𠀋 إن القتال في الموصل انتهى 🇮🇶 وبغداد ترحب"
    analysis = analysis_of(text, [("الموصل", EntityType.PLACE), ("بغداد", EntityType.PLACE), ("قال", EntityType.PERSON)])
    view = ReadingView()
    qtbot.addWidget(view)
    view.set_source(analysis.source)
    view.set_analysis(analysis)
    view.painter.finish()
    assert view.highlighted_spans() == [(m.start, m.end, m.type) for m in analysis.mentions]
    mosul = analysis.mentions[1]
    view.go_to(mosul.start, mosul.end)
    assert view.textCursor().selectedText() == "الموصل"
    assert view.selection_offsets() == (mosul.start, mosul.end)


def test_partial_word_highlight_and_hidden_types(qtbot) -> None:
    text = "قاتلوا بالموصل أمس"
    start = text.index("الموصل")
    analysis = Analysis(
        Source(text),
        (Mention(start, start + 6, EntityType.PLACE, "الموصل", "g"),),
        (Entity("g", EntityType.PLACE, "الموصل", ("الموصل",), (0,)),),
        "test",
    )
    view = ReadingView()
    qtbot.addWidget(view)
    view.set_source(analysis.source)
    view.set_analysis(analysis)
    view.painter.finish()
    assert view.highlighted_spans() == [(start, start + 6, EntityType.PLACE)]  # the ب stays plain
    assert view.mention_at(start + 2) == 0 and view.mention_at(start - 1) is None
    view.set_enabled_types({EntityType.PERSON})
    view.painter.finish()
    assert view.highlighted_spans() == []
    view.set_dark(True)
    view.set_enabled_types({EntityType.PLACE})
    view.painter.finish()
    assert view.highlighted_spans() == [(start, start + 6, EntityType.PLACE)]


def test_the_text_is_shown_exactly_and_right_to_left(qtbot) -> None:
    text = "العنوان\n\nفقرة أولى، فيها ٣٥٠٠ مقاتل.\nسطر ثان"
    view = ReadingView()
    qtbot.addWidget(view)
    view.set_source(Source(text))
    assert view.toPlainText() == text
    assert view.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft


def test_zoom_is_bounded(qtbot) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    for _ in range(40):
        view.zoom_in()
    assert view.zoom == ZOOM_RANGE[1]
    for _ in range(80):
        view.zoom_out()
    assert view.zoom == ZOOM_RANGE[0]
