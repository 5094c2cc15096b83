"""Tests for the reading view's document (qt_shown_document.py, qt_control_labels.py, shown_text.py):
bidi controls shown and never obeyed, long paragraphs in pieces, big texts filled without freezing."""

from __future__ import annotations

import time

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextLayout, QTextLine, QTextOption

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.jobs import highlight_spans
from reader.ui.article.qt_control_labels import CONTROL_OBJECT, CONTROL_PROPERTY
from reader.ui.article.qt_reading_view import ReadingView
from reader.ui.article.shown_text import MAX_BLOCK

SPOOF = "افتح الملف \u202egnp.exe\u202c الآن\nبلغ عدد النازحين \u202e3500 شخص في الموصل"


def shown_view(qtbot, text: str, mentions: list[tuple[str, EntityType]] = ()) -> tuple[ReadingView, Analysis]:
    found = []
    for word, entity_type in mentions:
        start = text.index(word)
        found.append(Mention(start, start + len(word), entity_type, word, f"{entity_type.value}:{word}"))
    found.sort(key=lambda m: m.start)
    analysis = Analysis(
        Source(text),
        tuple(found),
        tuple(Entity(m.entity, m.type, m.text, (m.text,), (i,)) for i, m in enumerate(found)),
        "test",
    )
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.set_source(analysis.source)
    view.set_analysis(analysis, highlight_spans(analysis.mentions))
    view.finish_painting()
    return view, analysis


def visual_order(line: QTextLine, positions: range) -> list[int]:
    """The characters at ``positions`` (of the line's block) as they appear from left to right."""
    seen: list[int] = []
    x = line.x()
    while x < line.x() + max(line.width(), line.naturalTextWidth()):  # right-aligned in the view
        at = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
        if at in positions and at not in seen:
            seen.append(at)
        x += 0.5
    return seen


def reads_left_to_right(view: ReadingView, start: int, end: int) -> bool:
    """Whether code points ``[start, end)`` of the shown text appear in logical order from left to right."""
    s16, e16 = view.index.span_to_utf16(start, end)
    block = view.document().findBlock(s16)
    view.document().documentLayout().blockBoundingRect(block)  # laid out now, if it was not
    line = block.layout().lineForTextPosition(s16 - block.position())
    assert line.isValid()
    within = range(s16 - block.position(), e16 - block.position())
    return visual_order(line, within) == list(within)


def test_a_bidi_override_reorders_nothing(qtbot) -> None:
    """gnp.exe does not read exe.png, and 3500 after an unterminated RLO does not read 0053."""
    view, analysis = shown_view(qtbot, SPOOF, [("3500", EntityType.FIGURE), ("الموصل", EntityType.PLACE)])
    file_name = SPOOF.index("gnp.exe")
    figure = analysis.mentions[0]
    assert reads_left_to_right(view, file_name, file_name + len("gnp.exe"))
    assert reads_left_to_right(view, figure.start, figure.end)
    assert view.highlighted_spans() == [(m.start, m.end, m.type) for m in analysis.mentions]


def test_the_check_sees_the_reordering_when_the_control_is_obeyed(qtbot) -> None:
    """The same check on a raw layout that obeys U+202E: it fails, so it can fail above."""
    layout = QTextLayout(SPOOF.split("\n")[1], ReadingView().font())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    start = layout.text().index("3500")
    assert visual_order(line, range(start, start + 4)) == [start + 3, start + 2, start + 1, start]  # "0053"


def test_controls_are_labels_that_keep_their_offsets_and_survive_highlights(qtbot) -> None:
    text = "قال حيدر \u2067العبادي\u2069 في \u202bالموصل"
    view, analysis = shown_view(qtbot, text, [("حيدر \u2067العبادي", EntityType.PERSON), ("الموصل", EntityType.PLACE)])
    document = view.document()
    labels = {}
    for offset, char in enumerate(text):
        if char in "\u2067\u2069\u202b":
            position = view.index.to_utf16(offset)
            assert document.characterAt(position) == "\ufffc"
            cursor = view.textCursor()
            cursor.setPosition(position + 1)
            assert cursor.charFormat().objectType() == CONTROL_OBJECT
            labels[offset] = cursor.charFormat().property(CONTROL_PROPERTY)
    assert list(labels.values()) == ["RLI", "PDI", "RLE"]
    assert view.highlighted_spans() == [(m.start, m.end, m.type) for m in analysis.mentions]
    view.set_enabled_types(set())  # every highlight cleared: the labels stay
    view.finish_painting()
    assert view.highlighted_spans() == []
    cursor = view.textCursor()
    cursor.setPosition(view.index.to_utf16(text.index("\u2067")) + 1)
    assert cursor.charFormat().objectType() == CONTROL_OBJECT


def test_copy_gives_the_source_text_with_its_controls(qtbot) -> None:
    view, _analysis = shown_view(qtbot, SPOOF)
    view.selectAll()
    data = view.createMimeDataFromSelection()
    assert isinstance(data, QMimeData) and data.text() == SPOOF


def test_a_long_paragraph_is_shown_in_pieces_with_its_highlights_in_place(qtbot) -> None:
    sentence = "قال حيدر العبادي إن القتال في الموصل انتهى وإن 3500 شخص عادوا إلى بغداد "
    text = (sentence * 700).strip()  # 51,000 characters in one paragraph
    view, analysis = shown_view(qtbot, text, [("الموصل", EntityType.PLACE)])
    document = view.document()
    assert document.blockCount() > len(text) // MAX_BLOCK
    block = document.begin()
    while block.isValid():
        assert block.length() - 1 <= MAX_BLOCK
        block = block.next()
    last = text.rindex("بغداد")
    view.set_analysis(
        Analysis(
            analysis.source,
            (Mention(last, last + 5, EntityType.PLACE, "بغداد", "place:بغداد"),),
            (Entity("place:بغداد", EntityType.PLACE, "بغداد", ("بغداد",), (0,)),),
        ),
        frozenset({(last, last + 5, "place")}),
    )
    view.finish_painting()
    assert view.highlighted_spans() == [(last, last + 5, EntityType.PLACE)]
    view.go_to(last, last + 5)
    assert view.selection_offsets() == (last, last + 5)
    view.selectAll()
    assert view.createMimeDataFromSelection().text() == text  # no inserted break copied


def test_a_big_text_fills_in_slices_and_its_highlights_follow(qtbot) -> None:
    """A 2 MB article: set_source returns at once, the text arrives in slices of a few ms, highlights
    asked for before their text arrived are painted when it does, and only then is the view painted."""
    paragraph = "قال حيدر العبادي إن القتال في الموصل انتهى وإن آلاف النازحين عادوا إلى بغداد.\n\n"
    text = paragraph * 25_000
    start = text.rindex("بغداد")
    analysis = Analysis(
        Source(text),
        (Mention(start, start + 5, EntityType.PLACE, "بغداد", "place:بغداد"),),
        (Entity("place:بغداد", EntityType.PLACE, "بغداد", ("بغداد",), (0,)),),
        "test",
    )
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    began = time.perf_counter()
    view.set_source(analysis.source)
    assert time.perf_counter() - began < 1.0  # nowhere near setPlainText's cost; the budget is the bench's
    assert view.document().characterCount() < len(text)
    view.set_analysis(analysis, highlight_spans(analysis.mentions))
    view.scroll_to_offset(start)  # waits for its text
    assert not view.is_painted()
    with qtbot.waitSignal(view.highlights_painted, timeout=60_000):
        pass
    assert view.is_painted() and view.document().characterCount() - 1 == len(text)
    assert view.highlighted_spans() == [(start, start + 5, EntityType.PLACE)]
    assert view.first_visible_offset() > 0.99 * len(text)  # scrolled there once its text arrived
