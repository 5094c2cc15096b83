"""Applying the lexicon and corrections: each kind, precedence, and the invariants under any sequence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis.grouping import entity_members, group_entities
from reader.analysis.tokens import tokenize
from reader.corrections import Corrector, Lexicon, LexiconEntry, Mark, Merge, Rename, Retype, Split, Unmark, apply
from reader.document import Analysis, Source, Span, check_analysis
from reader.entity_types import EntityType

P, L, O, F = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION, EntityType.FIGURE

TEXT = (
    "قالت وكالة رويترز إن القوات دخلت الموصل في اليوم الثاني. "
    "وأضافت رويترز أن آشتون كارتر زار بغداد، وقال كارتر إن 3500 جندي في بالموصل."
)


def model(text: str, marks: list[tuple[str, EntityType]]) -> Analysis:
    """The model's analysis: each (surface, type) marked at its next occurrence, grouped as the pipeline groups."""
    spans, at = [], 0
    for surface, kind in marks:
        start = text.index(surface, at)
        value = 3500 if surface == "3500" else (2 if surface == "الثاني" else None)
        spans.append(Span(start, start + len(surface), kind, value))
        at = start + len(surface)
    mentions, entities = group_entities(text, spans)
    return Analysis(Source(text), mentions, entities, "test")


def sample() -> Analysis:
    return model(
        TEXT,
        [
            ("رويترز", P),  # the model's mistake: an agency as a person
            ("الموصل", L),
            ("الثاني", F),  # an ordinal as a figure
            ("رويترز", P),
            ("آشتون كارتر", P),
            ("بغداد", L),
            ("كارتر", P),
            ("3500", F),
            ("بالموصل", L),
        ],
    )


def at(analysis: Analysis, surface: str, nth: int = 0):
    return [m for m in analysis.mentions if m.text == surface][nth]


def span_of(surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


def test_mark_adds_a_mention():
    result = apply(sample(), [Mark(*span_of("القوات"), O)])
    check_analysis(result)
    mention = at(result, "القوات")
    assert (mention.type, mention.source, mention.entity) == (O, "correction", "organization:قوات")


def test_a_marked_variant_joins_the_entity_of_its_name():
    text = "دخلت القوات الموصل ثم عادت من الموصل إلى بغداد"
    analysis = model(text, [("الموصل", L)])
    second = text.rindex("الموصل")
    result = apply(analysis, [Mark(second, second + len("الموصل"), L)])
    assert result.entity("place:موصل").count == 2


def test_a_mark_over_model_mentions_replaces_them():
    start = TEXT.index("آشتون")
    result = apply(sample(), [Mark(start, start + len("آشتون"), P)])
    check_analysis(result)
    assert at(result, "آشتون").source == "correction"
    assert not [m for m in result.mentions if m.text == "آشتون كارتر"]


def test_unmark_removes_every_mention_it_touches():
    result = apply(sample(), [Unmark(*span_of("بغداد"))])
    check_analysis(result)
    assert "بغداد" not in {m.text for m in result.mentions}
    assert not result.has_entity("place:بغداد")


def test_retype_changes_the_entity_and_all_its_mentions():
    result = apply(sample(), [Retype("person:رويترز", O)])
    check_analysis(result)
    agency = result.entity("organization:رويترز")
    assert agency.count == 2 and agency.type is O
    assert {result.mentions[i].source for i in agency.mentions} == {"correction"}
    assert not result.has_entity("person:رويترز")


def test_rename_changes_only_the_name():
    result = apply(sample(), [Rename("place:موصل", "مدينة الموصل")])
    assert result.entity("place:موصل").name == "مدينة الموصل"
    assert result.entity("place:موصل").count == 2


def test_merge_moves_mentions_into_the_other_entity():
    result = apply(sample(), [Merge("place:بغداد", "place:موصل")])
    check_analysis(result)
    assert not result.has_entity("place:بغداد")
    mosul = result.entity("place:موصل")
    assert "بغداد" in mosul.variants and mosul.count == 3 and mosul.name == "الموصل"


def test_merge_takes_the_type_of_the_entity_merged_into():
    result = apply(sample(), [Merge("person:رويترز", "place:موصل")])
    assert {result.mentions[i].type for i in result.entity("place:موصل").mentions} == {L}


def test_split_gives_a_mention_an_entity_of_its_own():
    analysis = sample()
    carter = at(analysis, "كارتر")
    assert carter.entity == "person:اشتون كارتر"  # the surname joined the full name
    result = apply(analysis, [Split(carter.start, carter.end)])
    check_analysis(result)
    assert at(result, "كارتر").entity == "person:كارتر"
    assert result.entity("person:اشتون كارتر").count == 1


def test_split_of_a_mention_whose_name_is_its_entitys_gets_a_new_id():
    analysis = sample()
    second = at(analysis, "رويترز", 1)
    result = apply(analysis, [Split(second.start, second.end)])
    assert at(result, "رويترز", 1).entity == "person:رويترز#2"
    assert result.entity("person:رويترز").count == 1


def test_corrections_that_no_longer_apply_are_skipped():
    corrector = Corrector(sample())
    assert not corrector.apply(Retype("person:nobody", O))
    assert not corrector.apply(Merge("place:موصل", "place:موصل"))
    assert not corrector.apply(Mark(5, 10_000, P))
    assert not corrector.apply(Split(0, 3))
    assert not corrector.apply(Unmark(0, 3))
    assert corrector.analysis() == sample()


def test_a_later_correction_refers_to_the_entity_an_earlier_one_made():
    result = apply(sample(), [Retype("person:رويترز", O), Rename("organization:رويترز", "وكالة رويترز")])
    assert result.entity("organization:رويترز").name == "وكالة رويترز"


def test_a_renamed_entity_keeps_its_name_when_retyped():
    result = apply(sample(), [Rename("person:رويترز", "وكالة رويترز"), Retype("person:رويترز", O)])
    assert result.entity("organization:رويترز").name == "وكالة رويترز"


# -- the lexicon ------------------------------------------------------------------------


def test_lexicon_always_replaces_the_model_and_marks_its_source():
    lexicon = Lexicon([LexiconEntry("رويترز", O)])
    result = apply(sample(), lexicon=lexicon)
    check_analysis(result)
    agency = result.entity("organization:رويترز")
    assert agency.count == 2
    assert {result.mentions[i].source for i in agency.mentions} == {"lexicon"}


def test_lexicon_never_removes_model_mentions_inside_it():
    result = apply(sample(), lexicon=Lexicon([LexiconEntry("ثاني", None)]))
    assert "الثاني" not in {m.text for m in result.mentions}


def test_lexicon_matches_with_clitics_and_highlights_the_whole_word():
    text = "زار الوفد بالموصل ثم والموصل."
    result = apply(model(text, []), lexicon=Lexicon([LexiconEntry("الموصل", L)]))
    assert [m.text for m in result.mentions] == ["بالموصل", "والموصل"]
    assert result.entities[0].id == "place:موصل"


def test_a_longer_model_mention_of_the_same_type_stays():
    text = "قال الأمين العام للأمم المتحدة"
    analysis = model(text, [("للأمم المتحدة", O)])
    result = apply(analysis, lexicon=Lexicon([LexiconEntry("الأمم", O)]))
    assert [(m.text, m.source) for m in result.mentions] == [("للأمم المتحدة", "model")]


def test_precedence_correction_over_lexicon_over_model():
    lexicon = Lexicon([LexiconEntry("رويترز", O)])
    first = span_of("رويترز")
    result = apply(sample(), [Mark(*first, P)], lexicon)
    # The reader's mark outvotes the lexicon for the whole entity (one name, one type).
    assert at(result, "رويترز").source == "correction"
    assert {m.type for m in result.mentions if m.text == "رويترز"} == {P}
    unmarked = apply(sample(), [Unmark(*first)], lexicon)
    assert [m.source for m in unmarked.mentions if m.text == "رويترز"] == ["lexicon"]


def test_the_one_shot_and_the_step_by_step_agree():
    corrections = [Retype("person:رويترز", O), Unmark(*span_of("بغداد")), Merge("figure:2", "figure:3500")]
    corrector = Corrector(sample())
    for correction in corrections:
        corrector.apply(correction)
    assert corrector.analysis() == apply(sample(), corrections)


# -- any sequence of corrections and undos keeps the invariants ----------------------------

WORDS = ["بغداد", "وبغداد", "الموصل", "بالموصل", "كارتر", "آشتون", "رويترز", "3500", "قال", "إن", "،", ".", "\n"]
TYPES = st.sampled_from([P, L, O, F])


@st.composite
def analyses(draw) -> Analysis:
    """A text of news-like words and a model analysis of it: random whole-token spans, grouped."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
    text = " ".join(words)
    tokens = tokenize(text)
    spans, i = [], 0
    while i < len(tokens):
        if draw(st.booleans()):
            length = draw(st.integers(1, 3))
            last = min(i + length, len(tokens)) - 1
            spans.append(Span(tokens[i].start, tokens[last].end, draw(TYPES)))
            i = last + 1
        else:
            i += 1
    mentions, entities = group_entities(text, spans)
    return Analysis(Source(text), mentions, entities, "test")


def a_correction(data, analysis: Analysis):
    text = analysis.source.text
    kind = data.draw(st.sampled_from(["mark", "unmark", "retype", "rename", "merge", "split"]))
    ids = [e.id for e in analysis.entities] or ["person:none"]
    if kind in ("mark", "unmark"):
        start = data.draw(st.integers(0, max(len(text) - 1, 0)))
        end = data.draw(st.integers(start + 1, max(start + 1, min(len(text), start + 20))))
        return Mark(start, end, data.draw(TYPES)) if kind == "mark" else Unmark(start, end)
    if kind == "split":
        if not analysis.mentions:
            return Split(0, 1)
        mention = data.draw(st.sampled_from(analysis.mentions))
        return Split(mention.start, mention.end)
    entity = data.draw(st.sampled_from(ids))
    if kind == "retype":
        return Retype(entity, data.draw(TYPES))
    if kind == "rename":
        return Rename(entity, data.draw(st.sampled_from(["اسم", "اسم جديد", ""])))
    return Merge(entity, data.draw(st.sampled_from(ids)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analyses(), st.data())
def test_invariants_hold_after_any_sequence_of_corrections_and_undos(analysis, data):
    lexicon = Lexicon([LexiconEntry("بغداد", L), LexiconEntry("رويترز", None)])
    corrector = Corrector(analysis, lexicon)
    check_analysis(corrector.analysis())
    history = [corrector.state]
    made = []
    for _ in range(data.draw(st.integers(1, 8))):
        if len(history) > 1 and data.draw(st.integers(0, 3)) == 0:  # undo
            history.pop()
            made.pop()
            corrector.state = history[-1]
        else:
            correction = a_correction(data, corrector.analysis())
            if corrector.apply(correction):
                history.append(corrector.state)
                made.append(correction)
        # The grouping the engine keeps between corrections is the one regrouping gives.
        state = corrector.state
        fresh = entity_members(analysis.source.text, state.spans, pinned=Corrector._pinned(state))
        assert corrector.members() == fresh
        result = corrector.analysis()
        check_analysis(result)
        assert {m.entity for m in result.mentions} == {e.id for e in result.entities}
        assert len({e.id for e in result.entities}) == len(result.entities)
        for entity in result.entities:
            assert all(result.mentions[i].type is entity.type for i in entity.mentions)
    # What the window shows after edits and undos is what a fresh start computes from the record.
    assert corrector.analysis() == apply(analysis, made, lexicon)
