"""Tests for reader/ui/window/about.py: the About dialog names the app, version, recognizer, model and license."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from reader.ui.window.about import AboutDialog, app_icon, bert_status, model_card_markdown
from reader.version import app_version


def dialog_text(dialog: AboutDialog) -> str:
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    return f"{dialog.windowTitle()} {labels} {dialog.model_card.toPlainText()}"


def test_about_names_the_app_version_recognizer_and_license(qtbot) -> None:
    dialog = AboutDialog("CRF model (ANERcorp)")
    qtbot.addWidget(dialog)
    text = dialog_text(dialog)
    assert "Arabic Reader" in text
    assert app_version() in text
    assert "Recognizer in use: CRF model (ANERcorp)" in text
    assert "CC BY-SA 4.0" in text
    assert "ANERcorp" in text


def test_about_without_an_analysis_says_so(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.recognizer_label.text() == "No article analyzed yet."


def test_version_is_the_installed_distribution_version() -> None:
    from importlib import metadata

    assert app_version() == metadata.version("arabic-reader")


def test_model_card_is_shown_when_shipped(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "MODEL_CARD.md").write_text("# Model card\n\nTrained on a corpus.\n", encoding="utf-8")
    monkeypatch.setenv("ARABIC_READER_RESOURCES", str(tmp_path))
    assert model_card_markdown().startswith("# Model card")


def test_without_a_model_card_the_attribution_names_the_sources(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARABIC_READER_RESOURCES", str(tmp_path))  # an empty resources folder
    text = model_card_markdown()
    for needle in ("ANERcorp", "Benajiba, Rosso and Benedí Ruiz", "CICLing 2007", "Obeid", "LREC 2020", "CC BY-SA 4.0"):
        assert needle in text


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ((True, "bert-base-arabic-camelbert-msa-ner is installed in /data"), "is installed in /data"),
        ((False, "camel-tools' BERT NER model is not installed"), "is not installed"),
    ],
)
def test_bert_status_reports_the_check(monkeypatch, result, expected: str) -> None:
    fake = types.ModuleType("reader.analysis.bert")
    seen: list[object] = []
    fake.bert_available = lambda model_dir=None: (seen.append(model_dir), result)[1]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.analysis.bert", fake)
    line = bert_status("/models/bert")
    assert line.startswith("BERT recognizer: ") and line.endswith(expected)
    assert seen == ["/models/bert"]


def test_a_failing_bert_check_does_not_break_the_dialog(monkeypatch, qtbot) -> None:
    fake = types.ModuleType("reader.analysis.bert")

    def broken(model_dir=None):
        raise RuntimeError("torch exploded")

    fake.bert_available = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.analysis.bert", fake)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.bert_label.text() == "BERT recognizer: torch exploded"


def test_app_icon_loads_from_the_svg(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()


def test_dialog_links_to_the_license_and_camel_tools(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    hrefs = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.openExternalLinks())
    assert "href='https://creativecommons.org/licenses/by-sa/4.0/'" in hrefs
    assert "href='https://github.com/CAMeL-Lab/camel_tools'" in hrefs
