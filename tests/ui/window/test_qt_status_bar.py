"""Tests for reader/ui/window/qt_status_bar.py: the recognizer's name, in the UI language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.analysis.recognizer import OFFLINE_MODEL_LABELS
from reader.document import Analysis, Source
from reader.ui import i18n
from reader.ui.window.qt_status_bar import ReaderStatusBar, recognizer_label


def shown(bar: ReaderStatusBar, recognizer: str) -> str:
    bar.show_document(Source("نص"), Analysis(Source("نص"), [], [], recognizer))
    return bar.recognizer_label.text()


def test_the_model_is_named_as_the_analysis_names_it(qtbot) -> None:
    bar = ReaderStatusBar()
    qtbot.addWidget(bar)
    assert shown(bar, "offline model (CRF + BiLSTM)") == "Recognizer: offline model (CRF + BiLSTM)"
    assert shown(bar, "camel-tools BERT (fake)") == "Recognizer: camel-tools BERT (fake)"  # no translation: as it is


@pytest.mark.skipif(i18n.lrelease_command() is None, reason="Qt's lrelease is not installed")
def test_every_name_of_the_offline_model_is_translated(qtbot, qapp: QApplication, tmp_path: Path) -> None:
    bar = ReaderStatusBar()
    qtbot.addWidget(bar)
    assert all(recognizer_label(name) == name for name in OFFLINE_MODEL_LABELS.values())
    try:
        i18n.install_translator(qapp, "ar", cache_dir=tmp_path)
        arabic = {name: recognizer_label(name) for name in OFFLINE_MODEL_LABELS.values()}
        assert arabic["offline model (CRF + BiLSTM)"] == "النموذج المحلي (CRF + BiLSTM)"
        assert len(set(arabic.values())) == len(arabic)
        assert all(label.startswith("النموذج المحلي (CRF") for label in arabic.values())
        assert shown(bar, "offline model (CRF + BiLSTM)") == "أداة التعرّف: النموذج المحلي (CRF + BiLSTM)"
    finally:
        i18n.install_translator(qapp, "en")
