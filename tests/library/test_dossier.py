"""The dossier page escapes what articles contain (reader/library/dossier.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from reader.library import Library
from reader.library.dossier import render_dossier, write_dossier

from .helpers import record, write

HOSTILE = '<script>alert("x")</script> قال <b>الوزير</b> في بغداد & "دمشق".\nوزار بغداد <img src=x onerror=alert(1)>.'


def test_article_text_and_titles_are_escaped(tmp_path):
    library = tmp_path / "l.sqlite3"
    start = HOSTILE.index("بغداد")
    second = HOSTILE.index("بغداد", start + 1)
    write(
        library,
        record("/<evil>.txt", HOSTILE, [(start, start + 5, "place", "بغداد"), (second, second + 5, "place", "بغداد")]),
    )
    with Library.open(library) as opened:
        [baghdad] = opened.resolve("بغداد")
        page = render_dossier(opened, [baghdad])
        soup = BeautifulSoup(page, "html.parser")
        assert not soup.find("script") and not soup.find("img") and not soup.find("b")
        sentences = [li.get_text() for li in soup.select("ol.sentences li")]
        assert sentences[0].startswith('<script>alert("x")</script> قال <b>الوزير</b> في بغداد')
        assert "/<evil>.txt" in soup.select_one(".where").get_text()
        assert "'none'" in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_the_article_exports_are_written_beside_the_page(tmp_path):
    library = tmp_path / "l.sqlite3"
    text = "وصل الوفد إلى بغداد.\nوغادر بغداد مساء."
    write(library, record("/a b.txt", text, [(14, 19, "place", "بغداد"), (27, 32, "place", "بغداد")]))
    with Library.open(library) as opened:
        assert write_dossier(opened, opened.resolve("بغداد"), tmp_path / "d.html") == 1
    [export] = (tmp_path / "d_articles").iterdir()
    assert export.name.endswith("-a-b.html")
    assert 'id="m1"' in export.read_text(encoding="utf-8")
