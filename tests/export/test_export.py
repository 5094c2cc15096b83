"""export(): format by suffix, atomic writes, BOM for CSV, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

import reader.export.html
from reader.export import FORMATS, ExportError, ExportExistsError, check_export_path, export, render_html


@pytest.mark.parametrize("name", ["out.html", "OUT.HTM", "out.json", "out.csv"])
def test_suffix_chooses_the_format(sample, tmp_path, name):
    path = tmp_path / name
    export(sample, path)
    data = path.read_bytes()
    if name.lower().endswith((".html", ".htm")):
        assert data.decode("utf-8") == render_html(sample)
    elif name.endswith(".json"):
        assert json.loads(data.decode("utf-8")) == sample.to_dict()
    else:
        assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for spreadsheets
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert table[0] == ["type", "name", "count", "variants", "first_offset", "id", "source"]
        assert table[4][:2] == ["place", "الموصل"]
        assert len(table) == len(sample.entities) + 1


def test_html_and_json_have_no_bom(sample, tmp_path):
    for name in ("a.html", "a.json"):
        export(sample, tmp_path / name)
        assert not (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf")


def test_formats_lists_what_the_save_dialog_offers():
    assert set(FORMATS) == {".html", ".json", ".csv"}
    assert all(FORMATS.values())


@pytest.mark.parametrize("name", ["out.txt", "out.pdf", "out", "out.html.bak"])
def test_unknown_suffix_is_a_one_line_error_listing_the_supported_ones(sample, tmp_path, name):
    with pytest.raises(ExportError) as raised:
        export(sample, tmp_path / name)
    message = str(raised.value)
    assert "\n" not in message and name in message
    assert all(suffix in message for suffix in (".html", ".htm", ".json", ".csv"))
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_untouched_when_rendering_fails(sample, tmp_path, monkeypatch):
    path = tmp_path / "out.html"
    path.write_text("previous export", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed half way")

    monkeypatch.setattr(reader.export.html, "render_legend", broken)
    with pytest.raises(RuntimeError):
        export(sample, path)
    assert path.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]  # no temporary left behind


def test_existing_file_is_untouched_when_writing_fails(sample, tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("previous export", encoding="utf-8")

    def failing_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", failing_replace)
    with pytest.raises(ExportError, match="no space left") as raised:
        export(sample, path)
    assert "\n" not in str(raised.value)
    assert path.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_missing_folder_is_a_one_line_error(sample, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export(sample, tmp_path / "no-such-folder" / "out.html")


def test_never_writes_over_the_source_file(tmp_path):
    from .builders import annotate

    source_file = tmp_path / "article.html"
    source_file.write_text("<p>الموصل</p>", encoding="utf-8")
    analysis = annotate("الموصل", [], path=str(source_file))
    with pytest.raises(ExportError, match="source file"):
        export(analysis, source_file)
    with pytest.raises(ExportError, match="source file"):
        export(analysis, tmp_path / "." / "article.html")
    assert source_file.read_text(encoding="utf-8") == "<p>الموصل</p>"


def test_end_to_end_from_the_sample_file_through_the_real_pipeline(tmp_path):
    """load → analyze → export: the three files agree with the Analysis they came from."""
    pipeline = pytest.importorskip("reader.analysis.pipeline")
    from bs4 import BeautifulSoup

    from reader.io import load

    from .builders import SAMPLE

    analysis = pipeline.analyze(load(str(SAMPLE)))
    assert analysis.mentions, "the pipeline found nothing in the sample"
    for name in ("mosul.html", "mosul.json", "mosul.csv"):
        export(analysis, tmp_path / name)
    page = BeautifulSoup((tmp_path / "mosul.html").read_text(encoding="utf-8"), "html.parser")
    elements = page.select("article [data-type]")
    assert [(e["data-type"], e["data-entity"], e.get_text()) for e in elements] == [
        (m.type.value, m.entity, m.text) for m in analysis.mentions
    ]
    assert json.loads((tmp_path / "mosul.json").read_text(encoding="utf-8")) == analysis.to_dict()
    table = list(csv.DictReader(io.StringIO((tmp_path / "mosul.csv").read_text(encoding="utf-8-sig"))))
    assert [(row["name"], int(row["count"])) for row in table] == [(e.name, e.count) for e in analysis.entities]


def test_overwrite_false_keeps_an_existing_export(sample, tmp_path):
    path = tmp_path / "out.html"
    path.write_text("mine")
    with pytest.raises(ExportExistsError, match="it already exists"):
        export(sample, path, overwrite=False)
    assert path.read_text() == "mine"
    export(sample, path)  # the window asks first, then replaces
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_read_only_export_is_never_replaced(sample, tmp_path):
    path = tmp_path / "out.json"
    path.write_text("mine")
    path.chmod(0o444)
    with pytest.raises(ExportError, match="it is read-only"):
        export(sample, path)
    assert path.read_text() == "mine"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("folder", "it is a folder; give a file name ending in .html, .json or .csv"),
        ("report", "unsupported format (no suffix)"),
        ("no/such/out.html", "does not exist"),
    ],
)
def test_check_export_path_reports_the_problem_without_rendering(sample, tmp_path, monkeypatch, name, message):
    (tmp_path / "folder").mkdir()
    monkeypatch.setattr(reader.export.html, "require_valid", lambda analysis: pytest.fail("rendered"))
    with pytest.raises(ExportError, match=re.escape(message)):
        check_export_path(tmp_path / name)
