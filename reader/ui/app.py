"""Starting the app: QApplication, settings, language, theme, the window; and screenshots.

``run()`` is what the command line calls for ``arabic-reader [FILE]`` and
``arabic-reader open FILE --screenshot OUT.png [--size WxH]``. For a
screenshot the window is made offscreen, waits until the analysis is final
and every highlight is painted, grabs itself to a PNG and the app exits.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported when run() is called, not when the command line starts
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QApplication

    from reader.jobs import RecognizerFactory
    from reader.ui.window.main_window import MainWindow

#: Longest a screenshot waits for the analysis before giving up.
SCREENSHOT_TIMEOUT_S = 300
DEFAULT_SCREENSHOT_SIZE = (1400, 900)


def run(
    file: str | None = None,
    *,
    encoding: str | None = None,
    screenshot: str | None = None,
    size: tuple[int, int] | None = None,
    settings_path: str | None = None,
    lang: str | None = None,
    theme: str | None = None,
) -> int:
    """Open the reader window (on ``file`` if given) and return the exit code.

    ``encoding``: decode ``file`` with this codec instead of detecting it.
    ``screenshot``: save a PNG of the whole window with ``file`` analyzed and
    painted, then exit (0 on success, 1 with one line on stderr when ``file``
    cannot be read or the PNG cannot be written). ``size``: window size in
    pixels. ``settings_path``: an INI file instead of the user's settings (a
    screenshot without one uses a throwaway file, so it never changes them).
    ``lang`` ("ar", "en", "system") and ``theme`` ("light", "dark", "system")
    override the saved preferences for this run only.
    """
    if screenshot:
        # Before QApplication exists: no display needed, nothing flashes on screen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if file is None:
            print("error: --screenshot needs a FILE to open", file=sys.stderr)
            return 2
        from reader.io import LoadError, load

        try:  # fail before any window exists: one line, exit 1 (GUIDE.md)
            load(file, encoding)
        except LoadError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    if file:
        # Before Qt is imported: the analysis process reads the file and loads
        # the model while the window is built (its runner takes the job over).
        from reader.jobs import OFFLINE_STAGE, Job
        from reader.jobs.process import prestart

        prestart(Job(path=str(file), encoding=encoding, stage=OFFLINE_STAGE))
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_quiet_platform_notes)

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("arabic-reader")
    app.setOrganizationName("arabic-reader")
    app.setDesktopFileName("arabic-reader")

    with tempfile.TemporaryDirectory(prefix="arabic-reader-") as scratch:
        if screenshot and not settings_path:
            settings_path = str(Path(scratch) / "settings.ini")
        window = make_window(app, settings_path=settings_path, lang=lang, theme=theme, interactive=not screenshot)
        if size:
            window.resize(*size)
        elif screenshot:
            window.resize(*DEFAULT_SCREENSHOT_SIZE)
        try:
            if screenshot:
                assert file is not None  # checked above
                return _screenshot(app, window, file, encoding, screenshot)
            window.show()
            if file:
                window.open_file(file, encoding)
            return app.exec()
        finally:
            _close(window)


def _close(window: MainWindow) -> None:
    """Close ``window`` and write its settings now, for good.

    QSettings writes what changed when it is destroyed, and creates the
    folders of its file if they are gone: destroyed after a screenshot's
    scratch folder was removed, it made that folder again, leaving the
    opened file's path behind in /tmp.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    settings = window.preferences.settings
    settings.sync()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settings.sync()


def make_window(
    app: QApplication,
    *,
    settings_path: str | None = None,
    lang: str | None = None,
    theme: str | None = None,
    interactive: bool = True,
    recognizer_factory: RecognizerFactory | None = None,
) -> MainWindow:
    """Settings, language and theme installed on ``app``, and a new ``MainWindow`` (not shown)."""
    from reader.ui.i18n import install_translator
    from reader.ui.settings import Cache, Preferences, keep_private, open_settings
    from reader.ui.theme import ThemeFollower
    from reader.ui.window.main_window import MainWindow

    settings = open_settings(settings_path)
    keep_private(settings)
    preferences = Preferences(settings)
    install_translator(app, lang or preferences.language)
    follower = ThemeFollower(app, theme or preferences.theme)
    window = MainWindow(
        preferences,
        Cache(settings),
        recognizer_factory=recognizer_factory,
        theme_follower=follower,
        interactive=interactive,
    )
    window.area.set_dark(follower.set_theme(follower.theme))
    _settle_memory_later(window)
    return window


#: Longest wait after the window is made before ``_settle_memory_later`` runs anyway.
SETTLE_AFTER_MS = 3000


def _settle_memory_later(window: MainWindow) -> None:
    """Collect once and freeze what exists, after the first article is painted (or a few seconds).

    What exists by then (Qt's wrappers, the modules) lives as long as the
    app: out of the garbage collector's sight, a full collection while a long
    article's results arrive takes 15 ms instead of 60-80 ms (measured), and
    it runs with the GIL held, so the window would freeze for as long. The
    collection itself takes 30-100 ms: run when the window is made, it
    delayed the first article's text and highlights by as much.
    """
    from PySide6.QtCore import QTimer

    done = False

    def settle() -> None:
        nonlocal done
        if not done:
            done = True
            window.ready.disconnect(settle_soon)
            gc.collect()
            gc.freeze()

    def settle_soon() -> None:
        QTimer.singleShot(0, window, settle)  # after the paint that showed the article

    window.ready.connect(settle_soon)
    QTimer.singleShot(SETTLE_AFTER_MS, window, settle)


#: Qt messages that say nothing to a user: the offscreen platform's limits.
_PLATFORM_NOISE = ("propagateSizeHints",)


def _quiet_platform_notes(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if any(noise in message for noise in _PLATFORM_NOISE):
        return
    print(message, file=sys.stderr)


def _screenshot(app: QApplication, window: MainWindow, file: str, encoding: str | None, out: str) -> int:
    from PySide6.QtCore import QTimer

    window.show()
    result = {"code": 1}

    def cannot_open(_path: str, message: str) -> None:
        print(f"error: {message}", file=sys.stderr)
        window.close()
        app.quit()

    window.session.open_failed.connect(cannot_open)
    window.open_file(file, encoding)

    def grab() -> None:
        window.area.finish_painting()
        app.processEvents()
        image = window.grab()
        if image.save(out, "PNG"):
            result["code"] = 0
        else:
            print(f"error: cannot write the screenshot to {out}", file=sys.stderr)
        window.close()
        app.quit()

    def give_up() -> None:
        print(f"error: the analysis of {file} did not finish in {SCREENSHOT_TIMEOUT_S} s", file=sys.stderr)
        window.close()
        app.quit()

    window.ready.connect(lambda: QTimer.singleShot(50, grab))  # one more turn: layout and repaint settle
    QTimer.singleShot(SCREENSHOT_TIMEOUT_S * 1000, give_up)
    app.exec()
    if window.last_error and result["code"] == 0:
        print(f"warning: {window.last_error}", file=sys.stderr)
    return result["code"]
