"""Tests for reader/ui/article/qt_reading_view.py and qt_highlighter.py: highlights land on the mentions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import EntityType
from reader.jobs import highlight_spans
from reader.ui.article.qt_reading_view import ZOOM_RANGE, ReadingView


def analysis_of(text: str, words: list[tuple[str, EntityType]]) -> Analysis:
    mentions = []
    for word, entity_type in words:
        start = text.index(word)
        mentions.append(Mention(start, start + len(word), entity_type, word, word))
    mentions.sort(key=lambda m: m.start)
    entities = tuple(Entity(m.entity, m.type, m.text, (m.text,), (i,)) for i, m in enumerate(mentions))
    return Analysis(Source(text), tuple(mentions), entities, "test")


def test_highlights_after_emoji_and_cjk_are_not_shifted(qtbot) -> None:
    text = "🙂👍🏽 قال 𠀋 إن القتال في الموصل انتهى 🇮🇶 وبغداد ترحب"
    analysis = analysis_of(
        text, [("الموصل", EntityType.PLACE), ("بغداد", EntityType.PLACE), ("قال", EntityType.PERSON)]
    )
    view = ReadingView()
    qtbot.addWidget(view)
    view.set_source(analysis.source)
    view.set_analysis(analysis, highlight_spans(analysis.mentions))
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
    view.set_analysis(analysis, highlight_spans(analysis.mentions))
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


WORDS = [
    "قال",
    "العبادي",
    "في",
    "بغداد",
    "إن",
    "القوات",
    "دخلت",
    "الموصل",
    "وإن",
    "الأمم",
    "المتحدة",
    "أرسلت",
    "ثلاثة",
    "آلاف",
    "خيمة",
]
PARAGRAPH = " ".join(WORDS)
TEXT = "\n\n".join([PARAGRAPH] * 6)


def word_spans() -> list[tuple[int, int]]:
    spans, start = [], 0
    for _ in range(6):
        for word in WORDS:
            start = TEXT.index(word, start)
            spans.append((start, start + len(word)))
            start += len(word)
    return spans


SPANS = word_spans()
TYPES = list(EntityType)


def analysis_with(chosen: dict[int, EntityType]) -> Analysis:
    mentions = tuple(Mention(*SPANS[i], chosen[i], TEXT[SPANS[i][0] : SPANS[i][1]], f"e{i}") for i in sorted(chosen))
    entities = tuple(Entity(m.entity, m.type, m.text, (m.text,), (n,)) for n, m in enumerate(mentions))
    return Analysis(Source(TEXT), mentions, entities, "test")


updates = st.lists(
    st.dictionaries(st.integers(0, len(SPANS) - 1), st.sampled_from(TYPES), max_size=40), min_size=1, max_size=4
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(updates=updates, hidden=st.sets(st.sampled_from(TYPES), max_size=2))
def test_successive_results_leave_exactly_the_last_ones_painted(merged, qtbot, monkeypatch, updates, hidden) -> None:
    """Partial results, types changing, mentions vanishing, slices cut short (edit blocks
    split where the queue jumps back): the document ends up showing exactly the last result."""
    from reader.ui.article import qt_highlighter

    monkeypatch.setattr(qt_highlighter, "SLICE_MS", 0)  # the smallest slices: every boundary is crossed
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.set_source(Source(TEXT))
    view.scroll_to_offset(len(TEXT) // 2)  # painting starts mid-text and wraps around
    for chosen in updates:
        result = analysis_with(chosen)
        view.set_analysis(result, highlight_spans(result.mentions))
        qtbot.waitUntil(view.painter.is_idle, timeout=5_000)
    shown = set(TYPES) - hidden
    view.set_enabled_types(shown)
    qtbot.waitUntil(view.painter.is_idle, timeout=5_000)
    last = analysis_with(updates[-1])
    assert view.highlighted_spans() == merged(m for m in last.mentions if m.type in shown)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    types=st.lists(st.sampled_from(TYPES), min_size=len(SPANS), max_size=len(SPANS)),
    cuts=st.lists(st.integers(1, len(SPANS) - 1), max_size=5),
    hidden=st.sets(st.sampled_from(TYPES), max_size=2),
    wait=st.booleans(),
    as_changes=st.booleans(),
)
def test_results_painted_by_what_they_change(merged, qtbot, monkeypatch, types, cuts, hidden, wait, as_changes) -> None:
    """Partial results handed over as what they add (``changes``), queued while earlier ones are
    still painted, some types hidden, then a final result that drops and retypes mentions, handed
    over as its changes (or whole), maybe before the partial ones are painted: exactly it is shown."""
    from reader.ui.article import qt_highlighter

    monkeypatch.setattr(qt_highlighter, "SLICE_MS", 0)
    view = ReadingView()
    qtbot.addWidget(view)
    view.set_source(Source(TEXT))
    shown = set(TYPES) - hidden
    view.set_enabled_types(shown)
    chosen: dict[int, EntityType] = {}
    for upto in [*sorted(set(cuts)), len(SPANS)]:
        before = highlight_spans(analysis_with(chosen).mentions)
        chosen.update({i: types[i] for i in range(len(chosen), upto)})
        result = analysis_with(chosen)
        spans = highlight_spans(result.mentions)
        view.set_analysis(result, spans, (spans - before, frozenset()))  # no waiting: the queue grows
    if wait:
        qtbot.waitUntil(view.painter.is_idle, timeout=5_000)
        assert view.highlighted_spans() == merged(m for m in analysis_with(chosen).mentions if m.type in shown)
    before = highlight_spans(analysis_with(chosen).mentions)
    # The final drops every third mention and retypes every fifth: handed over as changes or whole.
    final = analysis_with(
        {i: (TYPES[(TYPES.index(t) + 1) % 4] if i % 5 == 0 else t) for i, t in chosen.items() if i % 3}
    )
    spans = highlight_spans(final.mentions)
    view.set_analysis(final, spans, (spans - before, before - spans) if as_changes else None)
    qtbot.waitUntil(view.painter.is_idle, timeout=5_000)
    assert view.highlighted_spans() == merged(m for m in final.mentions if m.type in shown)
