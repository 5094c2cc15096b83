"""The Open and Export file choosers (Qt's dialogs, translated filters).

``ask_article_path`` and ``ask_export_path`` return a path, or "" when the
reader cancels. Texts are filed under the "MainWindow" context.

Export never replaces a file the reader was not asked about: Qt's dialog asks
about the name typed, and when the suffix of the chosen format is added after
it (``report`` → ``report.html``), ``ask_export_path`` asks again about the
name it made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.document import Source

OPEN_FILTER_SUFFIXES = "*.txt *.text *.html *.htm *.xhtml *.md *.markdown"


def export_formats() -> dict[str, str]:
    """Suffix → translated description, in the order the dialog offers them (``reader.export.FORMATS``)."""
    return {
        ".html": QCoreApplication.translate("MainWindow", "HTML page with highlights"),
        ".json": QCoreApplication.translate("MainWindow", "JSON analysis data"),
        ".csv": QCoreApplication.translate("MainWindow", "CSV entity table"),
    }


def ask_article_path(parent: QWidget, current: Source | None) -> str:
    """An article to open, starting in the folder of the one shown."""
    start = str(Path(current.path).parent) if current is not None and current.path else ""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("MainWindow", "Open Article"),
        start,
        QCoreApplication.translate("MainWindow", "Articles ({suffixes});;All files (*)").format(
            suffixes=OPEN_FILTER_SUFFIXES
        ),
    )
    return path


def ask_export_path(parent: QWidget, source: Source) -> str:
    """Where to export the analysis of ``source``; the suffix of the chosen filter is added if missing.

    Starts beside the article, named after it: ``mosul.txt`` → ``mosul.html``.
    """
    formats = export_formats()
    filters = [f"{description} (*{suffix})" for suffix, description in formats.items()]
    stem = Path(source.path).stem if source.path else "analysis"
    start = str(Path(source.path).with_name(stem + ".html")) if source.path else stem + ".html"
    while True:
        path, chosen = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("MainWindow", "Export Analysis"), start, ";;".join(filters)
        )
        if not path or Path(path).suffix:
            return path  # the dialog asked about this very name, if it exists
        path += next((s for s, f in zip(formats, filters, strict=True) if f == chosen), ".html")
        if not Path(path).exists() or confirm_replace(parent, path):
            return path
        start = path  # not replaced: choose again


def confirm_replace(parent: QWidget, path: str) -> bool:
    """Ask whether to replace the existing file at ``path`` (No is the default)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Export Analysis"),
        QCoreApplication.translate("MainWindow", "{name} already exists.\nDo you want to replace it?").format(
            name=Path(path).name
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
