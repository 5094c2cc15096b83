"""Entity grouping: clitics, spelling variants, surnames, figures."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.grouping import group_entities
from reader.document import Span
from reader.entity_types import EntityType

P, L, O, F = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION, EntityType.FIGURE


def spans_for(text: str, marks: list[tuple[str, EntityType]]) -> list[Span]:
    """Spans for each (surface, type), found left to right in ``text``."""
    spans, pos = [], 0
    for surface, kind in marks:
        match = re.compile(re.escape(surface)).search(text, pos)
        assert match, surface
        spans.append(Span(match.start(), match.end(), kind))
        pos = match.end()
    return spans


def group(text, marks):
    mentions, entities = group_entities(text, spans_for(text, marks))
    return mentions, entities


def names(entities, kind):
    return {e.name: e.count for e in entities if e.type is kind}


def test_clitics_and_article_merge_into_one_place():
    text = "وصلت القوات إلى الموصل. وفي بالموصل نازحون، والموصل مدينة. وبالموصل أيضا. للموصل تاريخ."
    _, entities = group(text, [("الموصل", L), ("بالموصل", L), ("والموصل", L), ("وبالموصل", L), ("للموصل", L)])
    assert names(entities, L) == {"الموصل": 5}
    (mosul,) = entities
    assert set(mosul.variants) == {"الموصل", "بالموصل", "والموصل", "وبالموصل", "للموصل"}


def test_diacritics_and_hamza_variants_merge():
    text = "الأمم المتحدة ثم الامم المتحدة ثم الأُمَمُ المُتَّحِدَةُ ثم للأمم المتحدة"
    _, entities = group(text, [("الأمم المتحدة", O), ("الامم المتحدة", O), ("الأُمَمُ المُتَّحِدَةُ", O), ("للأمم المتحدة", O)])
    assert names(entities, O) == {"الأمم المتحدة": 4}


def test_surname_links_to_full_name():
    text = "قال آشتون كارتر إن ... وأضاف كارتر أن ... ثم قال حيدر العبادي ... وقال العبادي"
    mentions, entities = group(text, [("آشتون كارتر", P), ("كارتر", P), ("حيدر العبادي", P), ("العبادي", P)])
    assert names(entities, P) == {"آشتون كارتر": 2, "حيدر العبادي": 2}
    assert mentions[0].entity == mentions[1].entity
    assert mentions[2].entity == mentions[3].entity != mentions[0].entity


def test_surname_goes_to_the_most_mentioned_full_name():
    text = "سامي ناصر ثم سامي ناصر ثم ليلى ناصر ثم ناصر"
    mentions, entities = group(text, [("سامي ناصر", P), ("سامي ناصر", P), ("ليلى ناصر", P), ("ناصر", P)])
    assert mentions[3].entity == mentions[0].entity
    assert names(entities, P) == {"سامي ناصر": 3, "ليلى ناصر": 1}


def test_surname_link_never_crosses_types():
    text = "حيدر العبادي ثم العبادي"
    mentions, _ = group(text, [("حيدر العبادي", P), ("العبادي", O)])
    assert mentions[0].entity != mentions[1].entity


def test_clitic_letters_that_belong_to_the_name_are_kept():
    text = "وليد في لندن، ثم ولندن، ثم وليد"
    _, entities = group(text, [("وليد", P), ("لندن", L), ("ولندن", L), ("وليد", P)])
    assert names(entities, P) == {"وليد": 2}
    assert names(entities, L) == {"لندن": 2}


def test_majority_type_wins_for_one_name():
    text = "نينوى ثم نينوى ثم نينوى"
    mentions, entities = group(text, [("نينوى", L), ("نينوى", O), ("نينوى", L)])
    assert [e.type for e in entities] == [L]
    assert {m.type for m in mentions} == {L}


def test_figures_merge_by_value_across_scripts():
    text = "3500 جندي و٣٥٠٠ آخرون و۳۵۰۰ غيرهم و12 فقط"
    spans = [
        Span(0, 4, F, 3500),
        Span(text.index("٣"), text.index("٣") + 4, F, 3500),
        Span(text.index("۳"), text.index("۳") + 4, F, 3500),
        Span(text.index("12"), text.index("12") + 2, F, 12),
    ]
    mentions, entities = group_entities(text, spans)
    assert [e.count for e in entities] == [3, 1]
    assert entities[0].name == "3500"
    assert [m.value for m in mentions] == [3500, 3500, 3500, 12]


def test_ids_order_and_mention_indices():
    text = "حيدر العبادي في بغداد مع الأمم المتحدة و3 آلاف"
    spans = spans_for(text, [("حيدر العبادي", P), ("بغداد", L), ("الأمم المتحدة", O)])
    spans.append(Span(text.index("3"), len(text), F, 3000))
    mentions, entities = group_entities(text, spans)
    assert [e.id for e in entities] == ["person:حيدر عبادي", "place:بغداد", "organization:امم متحده", "figure:3000"]
    for entity in entities:
        for i in entity.mentions:
            assert mentions[i].entity == entity.id and mentions[i].type is entity.type
    assert [m.text for m in mentions] == ["حيدر العبادي", "بغداد", "الأمم المتحدة", "3 آلاف"]


def test_ids_are_names_not_positions():
    """The same entity has the same id whatever else the text holds."""
    alone = "وصل العبادي إلى الموصل."
    crowded = "زار ماكرون باريس وبرلين. ثم وصل حيدر العبادي إلى بالموصل، والعبادي في الموصل."
    _, first = group(alone, [("العبادي", P), ("الموصل", L)])
    _, second = group(
        crowded,
        [
            ("ماكرون", P),
            ("باريس", L),
            ("برلين", L),
            ("حيدر العبادي", P),
            ("بالموصل", L),
            ("والعبادي", P),
            ("الموصل", L),
        ],
    )
    ids = {e.name: e.id for e in second}
    assert first[1].id == ids["الموصل"] == "place:موصل"
    # The surname alone, then joined to the full name: the full name's id.
    assert first[0].id == "person:عبادي" and ids["حيدر العبادي"] == "person:حيدر عبادي"
    assert len(set(ids.values())) == len(ids)


def test_figure_ids_are_values():
    text = "3500 ثم ٣٥٠٠ ثم 1,5 مليون"
    spans = [Span(0, 4, F, 3500), Span(8, 12, F, 3500), Span(16, 26, F, 1500000.0)]
    _, entities = group_entities(text, spans)
    assert [e.id for e in entities] == ["figure:3500", "figure:1500000"]


def test_empty():
    assert group_entities("نص بلا أسماء", []) == ((), ())


def test_surname_seen_before_its_full_name():
    # The surname comes first; the full name's group then starts with it.
    text = "ما عدا بلير ثم بلير ثم قال توني بلير"
    mentions, entities = group(text, [("بلير", P), ("بلير", P), ("توني بلير", P)])
    assert names(entities, P) == {"توني بلير": 3}
    assert len({m.entity for m in mentions}) == 1


NAME_WORDS = ["بلير", "توني", "العبادي", "حيدر", "بالموصل", "الموصل", "والموصل", "للأمم", "الأمم", "وليد", "ناصر"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3), st.sampled_from([P, L, O])),
        max_size=25,
    )
)
def test_every_mention_belongs_to_exactly_one_entity(names_and_types):
    text, spans = "", []
    for words, kind in names_and_types:
        surface = " ".join(words)
        spans.append(Span(len(text), len(text) + len(surface), kind))
        text += surface + " ثم "
    mentions, entities = group_entities(text, spans)
    assert len(mentions) == len(spans)
    assert sorted(i for e in entities for i in e.mentions) == list(range(len(spans)))
    for e in entities:
        assert all(mentions[i].entity == e.id and mentions[i].type is e.type for i in e.mentions)
        assert e.name and e.variants


def test_a_name_read_alone_gets_the_key_its_mentions_get():
    from reader.analysis.grouping import folded_name

    text = "قال حيدر العبادي في بالموصل للأمم المتحدة"
    spans = [Span(4, 16, EntityType.PERSON), Span(20, 27, EntityType.PLACE), Span(28, 41, EntityType.ORGANIZATION)]
    _, entities = group_entities(text, spans)
    for entity in entities:
        assert entity.id == f"{entity.type.value}:{folded_name(entity.variants[0])}"
    assert folded_name("الْمَوْصِل") == folded_name("موصل") == "موصل"
