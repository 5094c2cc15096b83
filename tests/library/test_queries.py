"""Questions to a library: entities, find, related, timelines, stored analyses (reader/library/queries.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from reader.analysis.pipeline import analyze
from reader.document import check_analysis
from reader.entity_types import EntityType
from reader.io import load
from reader.library import Library, LibraryMissing, keyword_in_context
from reader.library.queries import timelines_of_rows


@pytest.fixture(scope="module")
def library(indexed):
    path, _ = indexed
    with Library.open(path) as opened:
        yield opened


def test_entities_come_most_articles_first_and_add_up(library):
    entities = library.entities()
    assert [(e.articles, e.mentions) for e in entities] == sorted(
        ((e.articles, e.mentions) for e in entities), key=lambda x: (-x[0], -x[1])
    )
    assert len({e.id for e in entities}) == len(entities)
    assert sum(e.mentions for e in entities) == sum(a.mentions for a in library.articles())
    for e in entities:
        assert 1 <= e.articles <= e.mentions
        assert e.first_date <= e.last_date
        assert e.id.startswith(e.type.value + ":")
        assert set(e.to_dict()) == {"id", "type", "name", "articles", "mentions", "variants"}


@pytest.mark.parametrize("kind", [None, EntityType.PERSON])
def test_pages_of_entities_and_articles_are_the_whole_list_cut(library, kind):
    entities = library.entities(kind)
    assert len(entities) > 7
    pages = [library.entities(kind, limit=3, offset=start) for start in range(0, len(entities), 3)]
    assert [e for page in pages for e in page] == entities and all(len(p) == 3 for p in pages[:-1])
    assert library.entities(kind, offset=5) == entities[5:]
    articles = library.articles()
    assert library.articles(limit=4, offset=2) == articles[2:6]
    assert library.articles(offset=len(articles)) == [] and library.articles(limit=0) == []
    titled = library.articles(query=articles[0].title[:6])
    assert library.articles(query=articles[0].title[:6], limit=1, offset=0) == titled[:1]


def test_entities_filter_by_type_and_by_any_spelling(library):
    people = library.entities(EntityType.PERSON)
    assert people and all(e.type is EntityType.PERSON for e in people)
    names = [e.name for e in library.entities(query="الامم المتحده")]
    assert "الأمم المتحدة" in names
    # Any other match holds the name too: the model may tag a longer organization
    # around it (شركة الأمل للأدوية والأمم المتحدة read as one, a model error).
    assert all("الأمم المتحدة" in name for name in names)
    assert library.entities(query="الأُمَم") == library.entities(query="امم")


@pytest.mark.parametrize(
    "spelling", ["الأمم المتحدة", "للأمم المتحدة", "الْأُمَمُ المتّحدة", "الامم المتحده", "organization:امم متحده"]
)
def test_an_entity_is_found_by_any_spelling(library, spelling):
    [un] = library.resolve(spelling)
    assert un.id == "organization:امم متحده" and un.name == "الأمم المتحدة"


def test_an_unknown_name_resolves_to_nothing(library):
    assert library.resolve("زيد عمرو بكر") == []
    assert library.resolve("   ") == []


def test_find_offsets_slice_each_articles_shown_text(library):
    checked = 0
    for entity in library.entities(limit=15):
        found = library.find(entity)
        assert len(found) == entity.articles
        assert [(h.article.date, h.article.path) for h in found] == sorted(
            (h.article.date, h.article.path) for h in found
        )
        assert all([x.start for x in h.hits] == sorted(x.start for x in h.hits) for h in found)
        assert sum(len(h.hits) for h in found) == entity.mentions
        for hits in found:
            text = load(hits.article.path).text  # what the reader shows for that file, loaded again
            assert library.article_text(hits.article.id) == text
            for hit in hits.hits:
                assert text[hit.start : hit.end] == hit.text
                checked += 1
        assert [h.article.date for h in found] == sorted(h.article.date for h in found)
    assert checked > 50


def test_related_entities_share_sentences_and_are_symmetric(library):
    top = library.entities(EntityType.PLACE, limit=3)
    for entity in top:
        related = library.related(entity)
        assert related and entity.id not in {r.entity.id for r in related}
        assert [r.sentences for r in related] == sorted((r.sentences for r in related), reverse=True)
        for r in related[:5]:
            back = {x.entity.id: x for x in library.related(r.entity)}
            assert back[entity.id].sentences == r.sentences and back[entity.id].articles == r.articles
            assert r.entity.type is not EntityType.FIGURE


def test_related_from_the_summed_pairs_is_what_the_rows_per_article_give(library):
    """``cooccurrence_total`` against counting ``cooccurrence`` itself, aliases resolved."""
    aliases = dict(library.connection.execute("SELECT entity, canonical FROM alias"))
    rows = library.connection.execute("SELECT entity, article, other, sentences FROM cooccurrence").fetchall()
    for entity in library.entities(limit=12):
        sentences: Counter[int] = Counter()
        articles: dict[int, set[int]] = {}
        for one, article, other, n in rows:
            other = aliases.get(other, other)
            if aliases.get(one, one) == entity.rowid and other != entity.rowid:
                sentences[other] += n
                articles.setdefault(other, set()).add(article)
        counted = {r.entity.rowid: (r.sentences, r.articles) for r in library.related(entity)}
        assert counted == {other: (n, len(articles[other])) for other, n in sentences.items()}


def test_timelines_counted_from_the_found_rows_are_the_librarys(library):
    for entity in library.entities(limit=12):
        assert timelines_of_rows(*library.find_rows(entity)) == library.timelines(entity)


def test_timeline_counts_mentions_of_articles_with_stated_dates(library):
    entity = library.entities(EntityType.PLACE, limit=1)[0]
    stated = [h for h in library.find(entity) if h.article.date_stated]
    by_month = library.timeline(entity, "month")
    assert sum(n for _, n in by_month) == sum(len(h.hits) for h in stated)
    assert [p for p, _ in by_month] == sorted(p for p, _ in by_month)
    assert sum(n for _, n in library.timeline(entity, "week")) == sum(n for _, n in library.timeline(entity, "day"))
    assert all("-W" in p for p, _ in library.timeline(entity, "week"))


def test_a_stored_analysis_is_the_analysis_of_the_file(library):
    for article in library.articles()[:6]:
        stored = library.article_analysis(article.id)
        check_analysis(stored)
        fresh = analyze(load(article.path))
        assert [(m.start, m.end, m.entity) for m in stored.mentions] == [
            (m.start, m.end, m.entity) for m in fresh.mentions
        ]
        assert {e.id: e.name for e in stored.entities} == {e.id: e.name for e in fresh.entities}


def test_articles_sort_and_filter(library):
    by_words = library.articles(order="words")
    assert [a.words for a in by_words] == sorted((a.words for a in by_words), reverse=True)
    title = by_words[0].title
    assert by_words[0] in library.articles(query=title[:8])


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("قال الوزير في بغداد اليوم", 14, 19, ("قال الوزير في ", "بغداد", " اليوم")),
        ("سطر أول\nفي بغداد\nسطر ثالث", 11, 16, ("في ", "بغداد", "")),
    ],
)
def test_keyword_in_context_stays_in_its_line(text, start, end, expected):
    assert keyword_in_context(text, start, end) == expected


def test_keyword_in_context_cuts_at_spaces():
    text = "كلمة " * 40 + "بغداد" + " كلمة" * 40
    before, match, after = keyword_in_context(text, 200, 205, width=23)
    assert match == "بغداد" and before.split() == ["كلمة"] * 4 and after.split() == ["كلمة"] * 4


def test_opening_a_library_that_does_not_exist_says_so(tmp_path):
    with pytest.raises(LibraryMissing, match="index articles first"):
        Library.open(tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()
