"""Document-level consistency: confident names spread to their other occurrences."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.consistency import propagate
from reader.analysis.recognizer import TokenizedText
from reader.analysis.tokens import split_sentences, tokenize
from reader.document import Span
from reader.entity_types import EntityType

PERSON, PLACE, ORG = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION

# Written for this test.
ARTICLE = (
    "تقدمت القوات نحو الموصل صباح اليوم. "
    "وقال سكان بالموصل إن الاشتباكات مستمرة، وإن والموصل ليست عبارة صحيحة لكنها تظهر هنا. "
    "وأرسلت الحكومة مساعدات للموصل. "
    "وزار وزير الدفاع آشتون كارتر المنطقة، وقال كارتر إن الحشد الشعبي لن يدخل المدينة. "
    "ونفى والحشد الشعبي ذلك، وانتقدت الحكومة الحشد الشعبي."
)


def doc_of(text: str) -> TokenizedText:
    tokens = tokenize(text)
    return TokenizedText(text, tokens, split_sentences(text, tokens))


def span_of(text: str, phrase: str, kind: EntityType, score: float = 0.95, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), kind, score=score)


def found(text: str, spans: list[Span]) -> list[tuple[str, EntityType]]:
    return [(text[s.start : s.end], s.type) for s in spans]


def test_place_spreads_to_its_clitic_variants():
    doc = doc_of(ARTICLE)
    out = propagate(doc, [span_of(ARTICLE, "الموصل", PLACE)], common_words=set())
    assert found(ARTICLE, out) == [
        ("الموصل", PLACE),
        ("بالموصل", PLACE),
        ("والموصل", PLACE),
        ("للموصل", PLACE),
    ]


def test_output_is_sorted_and_keeps_the_input_spans():
    doc = doc_of(ARTICLE)
    last = span_of(ARTICLE, "للموصل", PLACE)
    out = propagate(doc, [last], common_words=set())
    assert last in out
    assert [s.start for s in out] == sorted(s.start for s in out)


def test_a_weak_span_teaches_nothing():
    doc = doc_of(ARTICLE)
    weak = span_of(ARTICLE, "الموصل", PLACE, score=0.3)
    assert propagate(doc, [weak], common_words=set()) == [weak]


def test_a_common_word_is_not_propagated():
    doc = doc_of(ARTICLE)
    government = span_of(ARTICLE, "الحكومة", ORG)
    out = propagate(doc, [government], common_words={"الحكومه"})  # normalized form
    assert out == [government]


def test_without_the_common_word_guard_it_would_be():
    doc = doc_of(ARTICLE)
    out = propagate(doc, [span_of(ARTICLE, "الحكومة", ORG)], common_words=set())
    assert found(ARTICLE, out).count(("الحكومة", ORG)) == 2


def test_surname_alone_becomes_the_person():
    doc = doc_of(ARTICLE)
    out = propagate(doc, [span_of(ARTICLE, "آشتون كارتر", PERSON)], common_words=set())
    assert found(ARTICLE, out) == [("آشتون كارتر", PERSON), ("كارتر", PERSON)]


def test_multi_word_name_spreads_with_a_clitic_on_its_first_word():
    doc = doc_of(ARTICLE)
    out = propagate(doc, [span_of(ARTICLE, "الحشد الشعبي", ORG)], common_words=set())
    assert found(ARTICLE, out) == [("الحشد الشعبي", ORG), ("والحشد الشعبي", ORG), ("الحشد الشعبي", ORG)]


def test_a_name_with_conflicting_types_is_not_propagated():
    doc = doc_of(ARTICLE)
    spans = [span_of(ARTICLE, "الموصل", PLACE), span_of(ARTICLE, "بالموصل", ORG)]
    assert propagate(doc, spans, common_words=set()) == spans


def test_tokens_already_tagged_are_left_alone():
    doc = doc_of(ARTICLE)
    spans = [span_of(ARTICLE, "الموصل", PLACE), span_of(ARTICLE, "للموصل", ORG, score=0.2)]
    out = propagate(doc, spans, common_words=set())
    assert ("للموصل", ORG) in found(ARTICLE, out)
    assert ("للموصل", PLACE) not in found(ARTICLE, out)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("قال محمد عبد الله إن الله كريم", "محمد عبد الله", PERSON),  # الله alone is no surname
        ("زار أبو ظبي ثم رأى ظبي في الصحراء", "أبو ظبي", PLACE),  # only people get the surname rule
        ("وصل نو إلى المدينة وقال نو كلاما", "نو", PERSON),  # two letters: too short to spread
    ],
)
def test_what_does_not_spread(text, name, kind):
    doc = doc_of(text)
    span = span_of(text, name, kind)
    out = propagate(doc, [span], common_words=set())
    assert found(text, out) == [(name, kind)]


def test_particle_surname_spreads_as_two_words():
    text = "قال محمد عبد الله إن عبد الله سيعود، وعاد الله أعلم"
    doc = doc_of(text)
    out = propagate(doc, [span_of(text, "محمد عبد الله", PERSON)], common_words=set())
    assert found(text, out) == [("محمد عبد الله", PERSON), ("عبد الله", PERSON)]


def test_spans_that_do_not_align_with_tokens_are_kept_but_teach_nothing():
    doc = doc_of(ARTICLE)
    odd = Span(ARTICLE.index("الموصل") + 1, ARTICLE.index("الموصل") + 6, PLACE, score=1.0)
    assert propagate(doc, [odd], common_words=set()) == [odd]


WORDS = ["الموصل", "بالموصل", "كارتر", "آشتون", "قال", "في", "والحشد", "الحشد", "الشعبي", "،", "."]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
    picks=st.lists(st.tuples(st.integers(0, 29), st.integers(1, 3), st.sampled_from([PERSON, PLACE, ORG])), max_size=5),
)
def test_new_spans_are_token_aligned_and_never_overlap(words, picks):
    text = " ".join(words)
    doc = doc_of(text)
    spans, taken = [], set()
    for first, length, kind in picks:
        last = min(first + length, len(doc.tokens)) - 1
        if first > last or taken & set(range(first, last + 1)):
            continue
        taken |= set(range(first, last + 1))
        spans.append(Span(doc.tokens[first].start, doc.tokens[last].end, kind, score=0.95))
    out = propagate(doc, spans, common_words=set())
    assert all(s in out for s in spans)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    ordered = sorted(out, key=lambda s: s.start)
    for a, b in itertools.pairwise(ordered):
        assert a.end <= b.start  # input spans do not overlap, so neither may output
    for span in out:
        assert span.start in starts and span.end in ends


def test_a_name_never_spreads_across_a_sentence_boundary():
    # "نوفل العاكوب" is taught as one name; a headline ending in نوفل is
    # followed by العاكوب only across the line break: no span runs over it.
    text = "قال المحافظ نوفل العاكوب إن المدينة آمنة.\nوصول نوفل\nالعاكوب رجل معروف هنا."
    doc = doc_of(text)
    out = propagate(doc, [span_of(text, "نوفل العاكوب", PERSON)], common_words=set())
    assert all("\n" not in text[s.start : s.end] for s in out)
    assert found(text, out)[0] == ("نوفل العاكوب", PERSON)


def test_a_repeated_text_gets_the_same_spans_in_each_copy():
    once = ARTICLE
    twice = ARTICLE + "\n" + ARTICLE
    spans = [span_of(once, "الموصل", PLACE), span_of(once, "آشتون كارتر", PERSON)]
    alone = found(once, propagate(doc_of(once), spans, common_words=set()))
    offset = len(ARTICLE) + 1
    doubled = spans + [Span(s.start + offset, s.end + offset, s.type, score=s.score) for s in spans]
    out = propagate(doc_of(twice), doubled, common_words=set())
    first = [s for s in out if s.end <= len(ARTICLE)]
    second = [Span(s.start - offset, s.end - offset, s.type, s.value, s.score) for s in out if s.start >= offset]
    assert found(once, first) == alone
    assert found(once, second) == alone
