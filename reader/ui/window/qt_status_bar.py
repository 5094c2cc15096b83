"""The reader window's status bar: the recognizer in use, the encoding, the counts, progress.

Permanent widgets, from the reading side: counts ("232 mentions · 57
entities"), the text encoding, the recognizer, then a progress bar and a
Stop button shown only while a job runs longer than ``PROGRESS_DELAY_MS``
(short articles never flicker it). Opening a file shows a busy bar and
"Opening mosul.html…"; messages are one line.

Texts are filed under the "MainWindow" context, where they were before this
widget was split out of the window. The recognizer's name comes from the
analysis, in English; :func:`recognizer_label` shows it in the UI language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.analysis.recognizer import OFFLINE_MODEL_LABELS as LABELS
from reader.document import Analysis, Source

# Show the progress bar only for jobs that take longer than this.
PROGRESS_DELAY_MS = 400


def recognizer_label(name: str) -> str:
    """A recognizer's name (``Analysis.recognizer``) in the UI language; a name
    with no translation (camel-tools' BERT) as it is."""
    translated = {
        LABELS[True, False]: QCoreApplication.translate("MainWindow", "offline model (CRF + BiLSTM)"),
        LABELS[False, False]: QCoreApplication.translate("MainWindow", "offline model (CRF)"),
        LABELS[True, True]: QCoreApplication.translate(
            "MainWindow", "offline model (CRF + BiLSTM, with your corrections)"
        ),
        LABELS[False, True]: QCoreApplication.translate("MainWindow", "offline model (CRF, with your corrections)"),
    }
    return translated.get(name, name)


class ReaderStatusBar(QStatusBar):
    """What the window is showing and doing, in one line at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recognizer_label = QLabel(self)
        self.encoding_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setAutoRaise(True)
        for label in (self.counts_label, self.encoding_label, self.recognizer_label):
            label.setContentsMargins(6, 0, 6, 0)  # Fusion draws no separators: room between the fields
        for widget in (
            self.counts_label,
            self.encoding_label,
            self.recognizer_label,
            self.progress,
            self.cancel_button,
        ):
            self.addPermanentWidget(widget)
        self.progress.hide()
        self.cancel_button.hide()
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._reveal_progress)

    def set_stop_action(self, action: QAction) -> None:
        """The Stop button triggers ``action`` (and shows its text and shortcut)."""
        self.cancel_button.setDefaultAction(action)

    # --- what is shown

    def show_document(self, source: Source | None, analysis: Analysis | None, recognizer_tip: str = "") -> None:
        """Encoding, recognizer and counts of the article shown ("Analyzing…" before results)."""
        if source is None:
            for label in (self.encoding_label, self.counts_label, self.recognizer_label):
                label.setText("")
            return
        self.encoding_label.setText(source.encoding)
        self.encoding_label.setToolTip(
            QCoreApplication.translate("MainWindow", "Text encoding (File ▸ Reopen with Encoding to change)")
        )
        if analysis is None:
            self.recognizer_label.setText(QCoreApplication.translate("MainWindow", "Analyzing…"))
            self.counts_label.setText("")
            return
        if analysis.recognizer:
            recognizer = recognizer_label(analysis.recognizer)
        else:
            recognizer = QCoreApplication.translate("MainWindow", "offline model")
        self.recognizer_label.setText(
            QCoreApplication.translate("MainWindow", "Recognizer: {name}").format(name=recognizer)
        )
        self.recognizer_label.setToolTip(recognizer_tip)
        self.counts_label.setText(
            QCoreApplication.translate("MainWindow", "{mentions} mentions · {entities} entities").format(
                mentions=len(analysis.mentions), entities=len(analysis.entities)
            )
        )

    def show_opening(self, name: str) -> None:
        """ "Opening mosul.html…", with a busy bar if it takes a while."""
        self.showMessage(QCoreApplication.translate("MainWindow", "Opening {name}…").format(name=name))
        self.progress.setRange(0, 0)  # busy: reading has no fraction to show
        self._delay.start()

    # --- progress

    def start_progress(self) -> None:
        """A job started: show the bar (at 0 %) if it is still running after the delay."""
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self._delay.start()

    def set_fraction(self, fraction: float) -> None:
        if self.progress.maximum():
            self.progress.setValue(round(fraction * 100))

    def hide_progress(self) -> None:
        self._delay.stop()
        self.progress.hide()
        self.cancel_button.hide()

    def _reveal_progress(self) -> None:
        self.progress.show()
        self.cancel_button.show()
