"""The start page: what the window shows while no article is open.

At launch without a file, and after a file failed to open with nothing
shown before it, the reader sees a way in instead of a blank page: a button
to open an article, the recent files (one click opens one), a note that an
article can be dropped here, and the line saying why the last file could
not be opened. The page never opens anything itself: it says what the
reader chose, by signal (``open_requested()``, ``file_chosen(path)``);
dropping is the window's (it accepts drops anywhere).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.actions import set_icon

# The page's column: wide enough for a path, narrow enough to read at a glance.
COLUMN_WIDTH = 520
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    """Signals: ``open_requested()`` (the Open button), ``file_chosen(path)`` (a recent file)."""

    open_requested = Signal()
    file_chosen = Signal(str)

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # the page's color, as the article's
        self.setAutoFillBackground(True)
        self.logo = QLabel(self)
        self.logo.setPixmap(icon.pixmap(QSize(72, 72)))
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.open_button = QPushButton(self)
        set_icon(self.open_button, "fa6s.folder-open", "document-open")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self.recent_label = QLabel(self)
        self.recent_list = QListWidget(self)
        self.recent_list.setFrameShape(QFrame.Shape.NoFrame)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the name and the end of its folder
        self.recent_list.itemClicked.connect(self._chosen)  # one click, as a start page's links
        self.recent_list.itemActivated.connect(self._activated)  # Enter
        self.drop_label = QLabel(self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        for label in (self.title, self.intro, self.error_label, self.drop_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.title, self.intro, self.error_label):
            column.addWidget(widget)
        column.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(12)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent_list)
        column.addSpacing(12)
        column.addWidget(self.drop_label)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(COLUMN_WIDTH)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(holder, 100)  # as wide as it may be, centered
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self._recent: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        from reader.ui.window.about import app_name

        self.title.setText(app_name())
        self.intro.setText(self.tr("Open an Arabic article to see its people, places, organizations and figures."))
        self.open_button.setText(self.tr("Open an Article…"))
        self.open_button.setToolTip(self.tr("Text, HTML or Markdown (Ctrl+O)"))
        self.recent_label.setText(self.tr("Recent articles"))
        self.drop_label.setText(self.tr("Or drop an article here."))
        self.set_recent(self._recent)

    def set_recent(self, paths: list[str]) -> None:
        """The recent files, most recent first (the list is hidden when there are none)."""
        self._recent = list(paths)
        self.recent_list.clear()
        for path in self._recent:
            item = QListWidgetItem(f"{Path(path).name}  —  {Path(path).parent}")
            item.setData(PATH_ROLE, path)
            item.setToolTip(path)
            self.recent_list.addItem(item)
        self.recent_label.setVisible(bool(self._recent))
        self.recent_list.setVisible(bool(self._recent))
        rows = self.recent_list.sizeHintForRow(0) * len(self._recent) if self._recent else 0
        self.recent_list.setFixedHeight(rows + 2 * self.recent_list.frameWidth() + 2)  # no scrolling, no gap

    def show_error(self, message: str) -> None:
        """Say why the last file could not be opened ("" hides the line)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def recent_paths(self) -> list[str]:
        return list(self._recent)

    def _activated(self, item: QListWidgetItem) -> None:
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:  # a double click was a click already
            self._chosen(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if isinstance(path, str):
            self.file_chosen.emit(path)
