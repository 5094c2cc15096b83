"""The About dialog and the app's identity (name, version, icon).

The dialog names the recognizer in use and the model behind it with its
license: the model card ``resources/models/MODEL_CARD.md`` when it is shipped
(shown as Markdown), otherwise the attribution below. It also says whether
camel-tools' BERT recognizer can be used here.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.errors import one_line
from reader.resources import resource_path

MODEL_LICENSE_URL: Final = "https://creativecommons.org/licenses/by-sa/4.0/"
CAMEL_TOOLS_URL: Final = "https://github.com/CAMeL-Lab/camel_tools"


def app_name() -> str:
    """The app's name in the UI language ("Arabic Reader" / "القارئ العربي")."""
    return QCoreApplication.translate("AboutDialog", "Arabic Reader")


def app_icon() -> QIcon:
    """The app icon (``resources/icons/arabic-reader.svg``), also the window icon.

    Falls back to the desktop theme's icon of the same name, then to an empty icon.
    """
    path = resource_path("icons", "arabic-reader.svg")
    if path.is_file():
        return QIcon(str(path))
    return QIcon.fromTheme("arabic-reader")


def model_card_markdown() -> str:
    """What to say about the model: the shipped model card, else a built-in attribution (Markdown)."""
    card = resource_path("models", "MODEL_CARD.md")
    try:
        return card.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return QCoreApplication.translate(
            "AboutDialog",
            "The offline recognizer is a statistical model trained on ANERcorp "
            "(Benajiba, Rosso and Benedí Ruiz, CICLing 2007), in the version "
            "distributed with CAMeL Tools (Obeid et al., LREC 2020).\n\n"
            "ANERcorp is licensed under CC BY-SA 4.0, and so is the model trained on it.",
        )


def bert_status(model_dir: str | None = None) -> str:
    """One line on camel-tools' BERT recognizer (``model_dir``: the user's folder, if any)."""
    from reader.analysis.bert import bert_available

    try:
        _available, message = bert_available(model_dir or None)
    except Exception as error:  # a broken optional install must not break the About box
        message = one_line(error)
    return QCoreApplication.translate("AboutDialog", "BERT recognizer: {status}").format(status=message)


class AboutDialog(QDialog):
    """Name, version, recognizer, model and license, BERT status, links."""

    def __init__(
        self,
        recognizer_name: str | None = None,
        parent: QWidget | None = None,
        bert_model_dir: str | None = None,
    ) -> None:
        super().__init__(parent)
        title_text = QCoreApplication.translate("AboutDialog", "About {name}")
        self.setWindowTitle(title_text.format(name=app_name()))
        self.setWindowIcon(app_icon())
        self.resize(560, 520)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(72, 72))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        from reader.version import app_version  # importlib.metadata: 25 ms a launch need not pay

        version = QCoreApplication.translate("AboutDialog", "Version {version}").format(version=app_version())
        summary = QCoreApplication.translate(
            "AboutDialog", "Reads Arabic news and highlights people, places, organizations and figures."
        )
        title = QLabel(f"<h2 style='margin:0'>{app_name()}</h2><p>{version}</p><p>{summary}</p>")
        title.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addWidget(title, 1)

        in_use = QCoreApplication.translate("AboutDialog", "Recognizer in use: {name}")
        none_yet = QCoreApplication.translate("AboutDialog", "No article analyzed yet.")
        self.recognizer_label = QLabel(in_use.format(name=recognizer_name) if recognizer_name else none_yet)
        self.recognizer_label.setWordWrap(True)
        self.bert_label = QLabel(bert_status(bert_model_dir))
        self.bert_label.setWordWrap(True)

        self.model_card = QTextBrowser()
        self.model_card.setOpenExternalLinks(True)
        self.model_card.setMarkdown(model_card_markdown())

        license_text = QCoreApplication.translate("AboutDialog", "Model license: CC BY-SA 4.0")
        links = QLabel(
            f"<a href='{MODEL_LICENSE_URL}'>{license_text}</a> · <a href='{CAMEL_TOOLS_URL}'>CAMeL Tools</a>"
        )
        links.setOpenExternalLinks(True)
        links.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        about_qt = buttons.addButton(
            QCoreApplication.translate("AboutDialog", "About Qt"), QDialogButtonBox.ButtonRole.HelpRole
        )
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.recognizer_label)
        layout.addWidget(self.model_card, 1)
        layout.addWidget(self.bert_label)
        layout.addWidget(links)
        layout.addWidget(buttons)


def show_about(
    parent: QWidget | None = None, recognizer_name: str | None = None, bert_model_dir: str | None = None
) -> None:
    """Show the About dialog modally over ``parent``."""
    AboutDialog(recognizer_name, parent, bert_model_dir).exec()
