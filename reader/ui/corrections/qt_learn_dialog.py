"""Improve the model with my corrections: retrain in the background, show both scores, switch if accepted.

The training runs in a child process (``reader.corrections.learn.LearnProcess``),
so the window stays free; this dialog polls it, shows its progress, and
Cancel ends it at once (nothing changes). When it is done the dialog shows
the current and the new model's scores on held-out text and two buttons:
use the new model, or keep the current one. ``switched`` fires after the
model in use changed (the window then analyzes the article again).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.corrections import UserStore
from reader.corrections.learn import LearnError, LearnProcess, LearnResult, accept
from reader.errors import one_line

POLL_MS = 200


class LearnDialog(QDialog):
    """One run of learning. ``result`` once done; ``switched()`` when the reader took the new model."""

    switched = Signal()

    def __init__(
        self,
        store: UserStore,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        process: LearnProcess | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Improve the Model"))
        self.message = QLabel(
            self.tr("Training the offline model on its data and your corrected articles…"),
            self,
        )
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.scores = QLabel(self)
        self.scores.setWordWrap(True)
        self.scores.hide()
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.use_button: QPushButton = self.buttons.addButton(
            self.tr("Use the New Model"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button: QPushButton = self.buttons.addButton(
            self.tr("Keep the Current Model"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.use_button.hide()
        self.keep_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button.clicked.connect(self.use_new_model)
        self.keep_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.scores)
        layout.addWidget(self.buttons)
        self.result_: LearnResult | None = None
        self.process = process or LearnProcess(store.path, data_dir)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.resize(460, 0)

    def start(self) -> None:
        """Start training (in a child process) and follow it."""
        self.process.start()
        self._timer.start()

    def poll(self) -> None:
        """Read what the training process reported since the last look."""
        while (report := self.process.poll()) is not None:
            self._on_report(report)
            if report[0] != "progress":
                self._timer.stop()
                return

    def _on_report(self, report: tuple[Any, ...]) -> None:
        kind = report[0]
        if kind == "progress":
            _, fraction, stage = report
            self.progress.setValue(int(fraction * 1000))
            self.message.setText(_stage_text(stage))
        elif kind == "done":
            self._show_result(report[1])
        else:  # failed, cancelled
            self.progress.hide()
            self.message.setText(one_line(report[1]))
            self.cancel_button.setText(self.tr("Close"))

    def _show_result(self, result: LearnResult) -> None:
        self.result_ = result
        self.progress.setValue(1000)
        minutes, seconds = divmod(round(result.seconds), 60)
        self.message.setText(
            self.tr(
                "Learned from %n of your corrected sentences in {minutes} min {seconds} s.", "", result.user_sentences
            )
            .replace("{minutes}", str(minutes))
            .replace("{seconds}", f"{seconds:02d}")
        )
        verdict = (
            self.tr("The new model scores better.")
            if result.better
            else self.tr("The new model does not score better.")
        )
        self.scores.setText(
            self.tr("Scores on {held_out} (people, places, organizations):").format(held_out=result.held_out)
            + "<br>"
            + self.tr("Current model: F1 {f1}").format(f1=f"{result.old.f1:.3f}")
            + "<br>"
            + self.tr("New model: F1 {f1}").format(f1=f"{result.new.f1:.3f}")
            + f"<br><b>{verdict}</b>"
        )
        self.scores.show()
        self.cancel_button.hide()
        self.use_button.show()
        self.keep_button.show()
        (self.use_button if result.better else self.keep_button).setDefault(True)

    def use_new_model(self) -> None:
        try:
            accept(self.store, self.result_)
        except LearnError as error:
            self.message.setText(one_line(error))
            return
        self.switched.emit()
        self.accept()

    def cancel(self) -> None:
        """Stop the training (nothing changes) and close."""
        self._timer.stop()
        self.process.cancel()
        self.reject()

    def reject(self) -> None:
        if self.process.running:
            self.process.cancel()
        self._timer.stop()
        super().reject()


def _stage_text(stage: str) -> str:
    texts = {
        "collecting your corrected sentences": QCoreApplication.translate(
            "LearnDialog", "Collecting your corrected sentences…"
        ),
        "training": QCoreApplication.translate("LearnDialog", "Training…"),
        "scoring the current model": QCoreApplication.translate("LearnDialog", "Scoring the current model…"),
        "scoring the new model": QCoreApplication.translate("LearnDialog", "Scoring the new model…"),
    }
    if stage.startswith("training on"):
        return QCoreApplication.translate("LearnDialog", "Training…")
    return texts.get(stage, stage)
