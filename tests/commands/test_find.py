"""``arabic-reader find`` and ``related``: where an entity appears, and with whom."""

from __future__ import annotations

import json

from reader.cli import main
from reader.io import load


def run(capsys, *args) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def top_place(library, capsys) -> dict:
    out = run(capsys, "entities", "--library", str(library), "--type", "place", "--format", "json")[1]
    return json.loads(out)[0]


def test_find_json_offsets_slice_the_shown_text(library, capsys):
    place = top_place(library, capsys)
    for name in (place["name"], place["id"], *place["variants"]):
        status, out, _ = run(capsys, "find", name, "--library", str(library), "--format", "json")
        found = json.loads(out)
        assert status == 0 and len(found) == place["articles"]
        assert sum(len(a["mentions"]) for a in found) == place["mentions"]
        for article in found:
            assert set(article) == {"path", "title", "mentions"}
            text = load(article["path"]).text
            for m in article["mentions"]:
                assert set(m) == {"start", "end", "text"}
                assert text[m["start"] : m["end"]] == m["text"]


def test_find_an_unknown_name_prints_an_empty_list_and_a_line(library, capsys):
    status, out, err = run(capsys, "find", "اسم لا يوجد", "--library", str(library), "--format", "json")
    assert (status, json.loads(out)) == (0, []) and "no entity named" in err


def test_find_text_searches_the_articles(library, capsys):
    status, out, _ = run(capsys, "find", "الامم المتحده", "--text", "--library", str(library), "--format", "json")
    found = json.loads(out)
    assert status == 0 and found
    for article in found:
        text = load(article["path"]).text
        assert all(text[m["start"] : m["end"]] == m["text"] for m in article["mentions"])


def test_find_as_text_shows_each_mention_in_context(library, capsys):
    place = top_place(library, capsys)
    status, out, err = run(capsys, "find", place["name"], "--library", str(library))
    assert status == 0 and place["id"] in err
    assert out.count("[") >= place["mentions"]


def test_related_lists_entities_sharing_sentences(library, capsys):
    place = top_place(library, capsys)
    status, out, _ = run(capsys, "related", place["name"], "--library", str(library), "--format", "json")
    related = json.loads(out)
    assert status == 0 and related
    for r in related:
        assert set(r) == {"id", "type", "name", "sentences", "articles"}
        assert r["type"] != "figure" and r["id"] != place["id"]
        assert 1 <= r["articles"] <= r["sentences"]
    assert [r["sentences"] for r in related] == sorted((r["sentences"] for r in related), reverse=True)
