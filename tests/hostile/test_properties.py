"""Random bytes and random Unicode through the loaders and the analysis.

Whatever the input, ``load`` either returns a Source or raises a one-line
LoadError, and the analysis of what it returns keeps the invariants: mentions
sorted, disjoint, exact (``text[start:end] == mention.text``), never starting
or ending with whitespace or an invisible character, every entity reference
valid. A fixed recognizer keeps this fast (it tags words and pairs of words
in the folded text, so its spans cross invisible characters); a few examples
go through the real model.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis.pipeline import analyze
from reader.analysis.recognizer import TokenizedText
from reader.document import Analysis, Source, Span
from reader.entity_types import EntityType
from reader.invisible import CONTROLS, REMOVED_CHARACTERS, is_invisible
from reader.io import LoadError, load

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Arabic letters and marks, Latin, digits in three scripts, punctuation,
# spaces and line breaks, C0 controls, bidi controls, invisible marks, emoji.
PIECES = [
    *"ابتثجحخدذرسشصطعغفقكلمنهويءآأإؤئةىـ",
    *"\u064b\u064e\u064f\u0650\u0651\u0652\u0670",
    *"abcXYZéà",
    *"0123456789٠١٢٣٤٥٦٧٨٩۰۱۲",
    *".,،؛:؟!?()«»\"'-%٪<>&#*[]",
    *" \n\t\u00a0\u2003",
    *"\x00\x01\x07\x1b\x7f\x85",
    *CONTROLS,
    *sorted(REMOVED_CHARACTERS)[:12],
    "\u200b",
    "😀",
    "👍🏽",
    "北京",
    "الموصل",
    "بغداد",
    "3500",
    "خمسة آلاف",
]
unicode_text = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
SUFFIXES = [".txt", ".html", ".md", ".dat"]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256", "latin-1"]


class TagsWords:
    """A fixed recognizer: every word of three letters or more is a place, and a
    word after a word starting with ال makes a two-word organization."""

    name = "fixed test recognizer"

    def recognize(self, doc: TokenizedText) -> list[Span]:
        spans = []
        tokens = list(doc.tokens)
        for i, token in enumerate(tokens):
            if len(token.text) >= 3 and token.text.isalpha():
                spans.append(Span(token.start, token.end, EntityType.PLACE))
            if token.text.startswith("ال") and i + 1 < len(tokens):
                spans.append(Span(token.start, tokens[i + 1].end, EntityType.ORGANIZATION))
        return spans


def assert_invariants(analysis: Analysis) -> None:
    text = analysis.source.text
    previous_end = 0
    for m in analysis.mentions:
        assert previous_end <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text
        for edge in (m.text[0], m.text[-1]):
            assert not edge.isspace() and not is_invisible(edge), m
        previous_end = m.end
    for entity in analysis.entities:
        assert entity.mentions and all(analysis.mentions[i].entity == entity.id for i in entity.mentions)
    assert {m.entity for m in analysis.mentions} == {e.id for e in analysis.entities}


def load_or_refuse(path: Path) -> Source | None:
    try:
        return load(path)
    except LoadError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"cannot open '{path}': ")
        return None


@SETTINGS
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_load_or_refuse_in_one_line(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    source = load_or_refuse(path)
    if source is not None:
        assert_invariants(analyze(source, TagsWords()))
    assert path.read_bytes() == data  # never written


@SETTINGS
@given(text=unicode_text, suffix=st.sampled_from(SUFFIXES), codec=st.sampled_from(CODECS))
def test_random_unicode_loads_and_analyzes_within_the_invariants(
    tmp_path: Path, text: str, suffix: str, codec: str
) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    source = load_or_refuse(path)
    if source is not None:
        assert_invariants(analyze(source, TagsWords()))


@SETTINGS
@given(text=unicode_text)
def test_random_unicode_text_analyzes_within_the_invariants(text: str) -> None:
    # Straight to the analysis, as the window does with pasted text.
    assert_invariants(analyze(Source(text), TagsWords()))


@settings(max_examples=12, deadline=None)
@given(text=unicode_text)
def test_the_real_model_keeps_the_invariants(text: str) -> None:
    assert_invariants(analyze(Source(text)))


def test_a_zero_width_space_inside_a_mention_stays_in_its_shown_text() -> None:
    # Found by hypothesis: the analysis reads U+200B as a space (no offset
    # moves), and the mention's text came from that folded text.
    analysis = analyze(Source("الموصل\u200bا"), TagsWords())
    assert_invariants(analysis)
    assert any("\u200b" in m.text for m in analysis.mentions)
