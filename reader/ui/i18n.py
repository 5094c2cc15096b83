"""The user interface language: Arabic (right to left) or English.

Source strings are English, wrapped in ``tr()``/``QCoreApplication.translate``
in the widgets. The Arabic translation is the Qt Linguist file
``resources/translations/arabic-reader_ar.ts``, the only form kept in the
repository: Qt loads only compiled ``.qm`` files, and compiled files are build
output. So ``install_translator`` compiles the ``.ts`` with Qt's ``lrelease``
(shipped in PySide6-Essentials) into the user's cache folder the first time,
and again only when the ``.ts`` is newer. A ``.qm`` already lying next to the
``.ts`` and at least as new (an app bundle compiles them at build time) is
used as it is. If neither works the UI stays English and one line is logged:
a missing translation must never stop the reader from starting.

Qt's own ``qtbase_ar`` translation is installed too, so standard dialogs
(file chooser, message boxes) speak Arabic as well.

To refresh the strings after changing the UI (every module under
``reader/ui/``, subpackages included: ``reader/ui/**/*.py``)::

    pyside6-lupdate -locations none -no-obsolete -source-language en -target-language ar \
        $(find reader/ui -name '*.py' | sort) -ts resources/translations/arabic-reader_ar.ts

then translate the new entries (Qt Linguist: `pyside6-linguist`; or any XML editor).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from PySide6.QtCore import QLibraryInfo, QLocale, QStandardPaths, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.entity_types import EntityType, style
from reader.resources import resource_path

log = logging.getLogger(__name__)

#: Every language the UI can speak, with its name in that language (for the menu).
LANGUAGE_NAMES: Final[dict[str, str]] = {"en": "English", "ar": "العربية"}
SOURCE_LANGUAGE: Final = "en"
RIGHT_TO_LEFT: Final = frozenset({"ar"})

_TRANSLATOR_NAME: Final = "arabic-reader-translator"  # objectName of the translators we install
_LRELEASE_TIMEOUT_S: Final = 60


def translations_dir() -> Path:
    """``resources/translations``: the ``.ts`` files (and a bundle's ``.qm`` files)."""
    return resource_path("translations")


def ts_path(lang: str) -> Path:
    """The Qt Linguist source of ``lang``'s translation, e.g. ``arabic-reader_ar.ts``."""
    return translations_dir() / f"arabic-reader_{lang}.ts"


def available_languages() -> list[tuple[str, str]]:
    """``(code, native name)`` of each language the UI can be shown in, English first.

    >>> available_languages()
    [('en', 'English'), ('ar', 'العربية')]
    """
    return [
        (code, name)
        for code, name in LANGUAGE_NAMES.items()
        if code == SOURCE_LANGUAGE or ts_path(code).is_file() or ts_path(code).with_suffix(".qm").is_file()
    ]


def system_language() -> str:
    """The UI language the system locale asks for: ``"ar"`` for any Arabic locale, else ``"en"``."""
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def resolve_language(preference: str) -> str:
    """``"ar"`` or ``"en"`` for a preference of ``"system"``, ``"ar"`` or ``"en"``."""
    if preference == "system":
        return system_language()
    if preference not in LANGUAGE_NAMES:
        raise ValueError(f"unknown language {preference!r}: expected system, {', '.join(LANGUAGE_NAMES)}")
    return preference


def type_label(entity_type: EntityType) -> str:
    """The type's name in the UI language (the labels of ``entity_types.STYLES``).

    The UI is Arabic or English; only the Arabic one is laid out right to left.
    """
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return style(entity_type).label_ar
    return style(entity_type).label_en


def app_cache_dir() -> Path:
    """The app's cache folder (or one in the temp folder if there is none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location) if location else Path(tempfile.gettempdir()) / "arabic-reader"


def default_cache_dir() -> Path:
    """Where compiled translations go."""
    return app_cache_dir() / "translations"


def lrelease_command() -> list[str] | None:
    """How to run Qt's ``lrelease``: PySide6's own binary first, then one on PATH; None if absent."""
    try:
        import PySide6

        bundled = Path(PySide6.__file__).parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
        if bundled.is_file():
            return [str(bundled)]
    except ImportError:  # pragma: no cover - PySide6 is imported above
        pass
    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def compiled_translation(ts: Path, cache_dir: Path | None = None) -> Path | None:
    """A ``.qm`` for ``ts`` that is at least as new, compiling it if needed; None on failure.

    Compiles into a temporary file then renames it, so two instances starting
    together never load a half-written file.
    """
    shipped = ts.with_suffix(".qm")
    if shipped.is_file() and (not ts.is_file() or _mtime(shipped) >= _mtime(ts)):
        return shipped
    if not ts.is_file():
        return None
    target = (cache_dir or default_cache_dir()) / shipped.name
    if target.is_file() and _mtime(target) >= _mtime(ts):
        return target
    command = lrelease_command()
    if command is None:
        log.warning("English interface: Qt's lrelease is not installed, cannot compile %s", ts.name)
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(suffix=".qm", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            result = subprocess.run(
                [*command, "-silent", str(ts), "-qm", str(tmp)],
                capture_output=True,
                text=True,
                timeout=_LRELEASE_TIMEOUT_S,
            )
            if result.returncode != 0 or tmp.stat().st_size == 0:
                reason = (result.stderr or result.stdout).strip().splitlines()
                last_line = reason[-1] if reason else f"exit code {result.returncode}"
                log.warning("English interface: lrelease failed on %s: %s", ts.name, last_line)
                return None
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("English interface: cannot compile %s: %s", ts.name, error)
        return None
    return target


def install_translator(app: QApplication, lang: str, cache_dir: Path | None = None) -> str:
    """Show ``app``'s UI in ``lang`` ("system", "ar" or "en"); return the language in effect.

    Replaces translators this function installed before, so it can be called
    again from the language menu (widgets then get a ``LanguageChange`` event
    and should re-set their texts). Sets the layout direction: right to left
    for Arabic. Returns ``"en"`` when the translation could not be loaded.
    """
    wanted = resolve_language(lang)
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setObjectName("")  # not found again before deleteLater runs
        old.deleteLater()

    effective = SOURCE_LANGUAGE
    if wanted != SOURCE_LANGUAGE and _install_translation(app, wanted, cache_dir):
        effective = wanted
        # Qt's own strings (standard dialogs, context menus); optional.
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not _install(app, str(Path(qt_dir) / f"qtbase_{wanted}.qm")):
            log.info("Qt's own %s translation is not installed; standard dialogs stay English", wanted)

    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if effective in RIGHT_TO_LEFT else Qt.LayoutDirection.LeftToRight
    )
    return effective


def _install_translation(app: QApplication, lang: str, cache_dir: Path | None) -> bool:
    """Install the app's own ``lang`` translation; False (one log line) when it cannot be loaded."""
    ts = ts_path(lang)
    qm = compiled_translation(ts, cache_dir)
    if qm is None:
        return False
    if _install(app, str(qm)):
        return True
    if qm != ts.with_suffix(".qm"):
        # A compiled file in the cache that Qt cannot read (truncated by a full
        # disk or a crash): compile it again, as a damaged word-usage cache is
        # rebuilt, rather than stay English on every run.
        log.info("rebuilding the damaged translation %s", qm)
        qm.unlink(missing_ok=True)
        qm = compiled_translation(ts, cache_dir)
        if qm is not None and _install(app, str(qm)):
            return True
    log.warning("English interface: cannot load %s", qm)
    return False


def _install(app: QApplication, qm_file: str) -> bool:
    translator = QTranslator()
    if not Path(qm_file).is_file() or not translator.load(qm_file):
        return False
    translator.setParent(app)  # lives as long as the app; found again by name to be replaced
    translator.setObjectName(_TRANSLATOR_NAME)
    app.installTranslator(translator)
    return True


def _mtime(path: Path) -> float:
    return path.stat().st_mtime
