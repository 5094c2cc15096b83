"""Writing and refreshing the library (reader/library/store.py): incremental equals from scratch."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.library import store
from reader.library.schema import open_library
from reader.storage import transaction

from .helpers import dump, record

NAMES = [
    ("person", "حيدر عبادي", "حيدر العبادي"),
    ("person", "عبادي", "العبادي"),
    ("person", "سعد عبادي", "سعد العبادي"),
    ("place", "موصل", "الموصل"),
    ("organization", "موصل", "الموصل"),
    ("place", "بغداد", "بغداد"),
    ("organization", "مجلس امن", "مجلس الأمن"),
    ("organization", "ومجلس امن", "ومجلس الأمن"),
    ("figure", "3", "ثلاثة"),
]


@st.composite
def article(draw):
    chosen = draw(st.lists(st.sampled_from(NAMES), min_size=0, max_size=3))
    text, mentions = "", []
    for kind, key, surface in chosen:
        text += "قال " if draw(st.booleans()) else "وفي "
        mentions.append((len(text), len(text) + len(surface), kind, key))
        text += surface + (". " if draw(st.booleans()) else " ")
    return text or "نص.", mentions, draw(st.sampled_from(["2016-01-01", "2016-06-01", "2017-01-01"]))


# A step: write article (path, text, mentions), or delete path.
steps = st.lists(
    st.one_of(
        st.tuples(st.just("write"), st.sampled_from("abcd"), article()),
        st.tuples(st.just("delete"), st.sampled_from("abcd"), st.none()),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(steps)
# A full name arriving later makes an older article's surname its alias.
@example(
    [
        ("write", "a", ("قال العبادي", [(4, 11, "person", "عبادي")], "2016-01-01")),
        ("write", "b", ("قال حيدر العبادي", [(4, 16, "person", "حيدر عبادي")], "2016-01-01")),
    ]
)
def test_refreshing_after_each_change_gives_what_a_full_refresh_gives(changes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l.sqlite3"
        connection = open_library(path)
        ids = store.EntityIds(connection)
        for action, name, content in changes:
            with transaction(connection):
                old = store.article_id(connection, "/" + name)
                if action == "write":
                    text, mentions, date = content
                    store.write_article(connection, record("/" + name, text, mentions, date), ids)
                elif old is not None:
                    store.delete_article(connection, old)
            store.refresh(connection)
        incremental = dump(path)
        store.refresh(connection, everything=True)
        assert dump(path) == incremental
        # Statistics add up to the raw rows.
        mentions = connection.execute("SELECT COUNT(*) FROM mention").fetchone()[0]
        assert connection.execute("SELECT COALESCE(SUM(mentions), 0) FROM entity_stats").fetchone()[0] == mentions
        # Every entity has its lines of the entity table, in the statistics' order.
        listed = connection.execute(
            "SELECT entity FROM entity_stats ORDER BY articles DESC, mentions DESC, name, entity"
        ).fetchall()
        assert connection.execute("SELECT entity FROM entity_line").fetchall() == listed
        # The pairs' totals are the sums of their rows per article.
        summed = connection.execute(
            "SELECT entity, other, COUNT(*), SUM(sentences) FROM cooccurrence GROUP BY entity, other ORDER BY 1, 2"
        ).fetchall()
        assert connection.execute("SELECT * FROM cooccurrence_total ORDER BY 1, 2").fetchall() == summed
        connection.close()
