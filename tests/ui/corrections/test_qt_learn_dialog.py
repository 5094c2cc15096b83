"""The "Improve the model" dialog: progress, cancel, both scores, accept or keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corrections import UserStore
from reader.corrections.learn import LearnResult, Score
from reader.ui.corrections import qt_learn_dialog
from reader.ui.corrections.qt_learn_dialog import LearnDialog


class ScriptedProcess:
    """A stand-in for ``LearnProcess`` that reports what the test scripted."""

    def __init__(self, reports) -> None:
        self.reports = list(reports)
        self.started = self.cancelled = False

    def start(self) -> None:
        self.started = True

    def poll(self, timeout: float = 0.0):
        return self.reports.pop(0) if self.reports and not self.cancelled else None

    def cancel(self) -> None:
        self.cancelled = True

    @property
    def running(self) -> bool:
        return self.started and not self.cancelled and bool(self.reports)


def result(old: float, new: float) -> LearnResult:
    return LearnResult(
        Path("/tmp/candidate.crfsuite"),
        3973,
        12,
        4,
        "ANERcorp test split",
        Score(0.8, 0.7, old, ""),
        Score(0.8, 0.7, new, ""),
        312.0,
        1,
    )


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "c.sqlite3") as opened:
        yield opened


def test_progress_then_scores_then_the_new_model(qtbot, store, monkeypatch) -> None:
    accepted = []
    monkeypatch.setattr(qt_learn_dialog, "accept", lambda s, r: accepted.append(r))
    process = ScriptedProcess([("progress", 0.0, "collecting your corrected sentences"), ("progress", 0.5, "training")])
    dialog = LearnDialog(store, process=process)
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.poll()
    assert dialog.progress.value() == 500 and dialog.message.text() == "Training…"
    process.reports.append(("done", result(0.76, 0.78)))
    dialog.poll()
    assert "0.760" in dialog.scores.text() and "0.780" in dialog.scores.text()
    assert "scores better" in dialog.scores.text()
    assert dialog.use_button.isVisible() or not dialog.isVisible()
    with qtbot.waitSignal(dialog.switched):
        dialog.use_button.click()
    assert accepted and accepted[0].new.f1 == 0.78


def test_keeping_the_current_model_switches_nothing(qtbot, store, monkeypatch) -> None:
    monkeypatch.setattr(qt_learn_dialog, "accept", lambda s, r: pytest.fail("switched"))
    dialog = LearnDialog(store, process=ScriptedProcess([("done", result(0.76, 0.75))]))
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.poll()
    assert "does not score better" in dialog.scores.text()
    dialog.keep_button.click()


def test_cancel_ends_the_training(qtbot, store) -> None:
    process = ScriptedProcess([("progress", 0.1, "training")] * 5)
    dialog = LearnDialog(store, process=process)
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.cancel_button.click()
    assert process.cancelled


def test_a_failure_is_one_line(qtbot, store) -> None:
    dialog = LearnDialog(store, process=ScriptedProcess([("failed", "the model's training data is missing")]))
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.poll()
    assert dialog.message.text() == "the model's training data is missing"
    assert dialog.cancel_button.text() == "Close"
