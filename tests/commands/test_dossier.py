"""``arabic-reader dossier``: one entity across the library, linked to each article's export."""

from __future__ import annotations

import json
from urllib.parse import unquote

from bs4 import BeautifulSoup

from reader.cli import main


def test_a_dossier_links_every_mention_to_its_place_in_the_article_export(library, tmp_path, capsys):
    main(["entities", "--library", str(library), "--type", "place", "--format", "json"])
    place = json.loads(capsys.readouterr().out)[0]
    page = tmp_path / "dossier.html"
    assert main(["dossier", place["name"], "-o", str(page), "--library", str(library)]) == 0
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text().startswith(place["name"])
    assert len(soup.select("section.dossier-article")) == place["articles"]
    mentions = soup.select("ol.sentences a.ent")
    assert len(mentions) == place["mentions"]
    for link in mentions:
        target, _, anchor = unquote(link["href"]).partition("#")
        export = BeautifulSoup((tmp_path / target).read_text(encoding="utf-8"), "html.parser")
        target_mention = export.find(id=anchor)
        assert target_mention.get_text() == link.get_text() and "ent" in target_mention["class"]
        # The article's own id for it: the entity's, or one the library counts as it (another type, a clitic).
        assert target_mention["data-entity"].partition(":")[2].endswith(place["id"].partition(":")[2])


def test_a_dossier_for_an_unknown_name_or_a_wrong_suffix_is_one_line(library, tmp_path, capsys):
    assert main(["dossier", "لا أحد", "-o", str(tmp_path / "d.html"), "--library", str(library)]) == 1
    assert main(["dossier", "بغداد", "-o", str(tmp_path / "d.pdf"), "--library", str(library)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and not (tmp_path / "d.html").exists()


def test_an_existing_dossier_is_replaced_only_with_force(library, tmp_path, capsys):
    page = tmp_path / "d.html"
    page.write_text("kept", encoding="utf-8")
    assert main(["dossier", "الأمم المتحدة", "-o", str(page), "--library", str(library)]) == 1
    assert "use --force" in capsys.readouterr().err and page.read_text(encoding="utf-8") == "kept"
    assert not (tmp_path / "d_articles").exists()
    assert main(["dossier", "الأمم المتحدة", "-o", str(page), "--library", str(library), "--force"]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
