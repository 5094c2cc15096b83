"""Tests for reader/ui/i18n.py and the Arabic translation file."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.ui import i18n
from reader.ui.i18n import (
    available_languages,
    compiled_translation,
    install_translator,
    resolve_language,
    ts_path,
)

REPO = Path(__file__).resolve().parents[2]
needs_lrelease = pytest.mark.skipif(i18n.lrelease_command() is None, reason="Qt's lrelease is not installed")


@pytest.fixture
def app(qapp: QApplication):
    """The test app, back in English and left to right afterwards."""
    yield qapp
    install_translator(qapp, "en")


def ar(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def test_available_languages_lists_english_first_then_arabic() -> None:
    assert available_languages() == [("en", "English"), ("ar", "العربية")]


@pytest.mark.parametrize(("system", "expected"), [("ar", "ar"), ("en", "en")])
def test_system_preference_follows_the_system_locale(monkeypatch, system: str, expected: str) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: system)
    assert resolve_language("system") == expected
    assert resolve_language("en") == "en"  # the menu's choice overrides the system
    assert resolve_language("ar") == "ar"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        resolve_language("fr")


@needs_lrelease
def test_arabic_switches_text_and_direction_and_back(app: QApplication, tmp_path: Path) -> None:
    assert install_translator(app, "ar", cache_dir=tmp_path) == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert ar("AboutDialog", "Arabic Reader") == "القارئ العربي"

    assert install_translator(app, "en", cache_dir=tmp_path) == "en"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert ar("AboutDialog", "Arabic Reader") == "Arabic Reader"


@needs_lrelease
def test_switching_twice_installs_one_translator_set(app: QApplication, tmp_path: Path) -> None:
    install_translator(app, "ar", cache_dir=tmp_path)
    first = len(app.findChildren(i18n.QTranslator, i18n._TRANSLATOR_NAME))
    install_translator(app, "ar", cache_dir=tmp_path)
    assert len(app.findChildren(i18n.QTranslator, i18n._TRANSLATOR_NAME)) == first >= 1


@needs_lrelease
@pytest.mark.skipif(
    not (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_ar.qm").is_file(),
    reason="Qt's own Arabic translation (qtbase_ar.qm) is not installed",
)
def test_standard_dialog_buttons_speak_arabic(app: QApplication, qtbot, tmp_path: Path) -> None:
    install_translator(app, "ar", cache_dir=tmp_path)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert re.search("[\u0600-\u06ff]", buttons.button(QDialogButtonBox.StandardButton.Close).text())


@needs_lrelease
def test_compiled_once_then_reused_until_the_source_changes(tmp_path: Path) -> None:
    ts = tmp_path / "arabic-reader_ar.ts"
    shutil.copy(ts_path("ar"), ts)
    cache = tmp_path / "cache"
    qm = compiled_translation(ts, cache)
    assert qm == cache / "arabic-reader_ar.qm" and qm.stat().st_size > 0
    compiled_at = qm.stat().st_mtime_ns

    assert compiled_translation(ts, cache) == qm
    assert qm.stat().st_mtime_ns == compiled_at  # fresh: not compiled again

    newer = qm.stat().st_mtime + 10
    os.utime(ts, (newer, newer))
    compiled_translation(ts, cache)
    assert qm.stat().st_mtime_ns != compiled_at  # the .ts changed: compiled again
    assert [p.name for p in cache.iterdir()] == ["arabic-reader_ar.qm"]  # no temporary file left


@needs_lrelease
def test_a_damaged_compiled_translation_is_rebuilt(app: QApplication, tmp_path: Path) -> None:
    """A truncated .qm in the cache (newer than the .ts, so it looks fresh) is compiled again: Arabic, not English."""
    qm = compiled_translation(ts_path("ar"), tmp_path)
    assert qm is not None
    qm.write_bytes(qm.read_bytes()[: qm.stat().st_size // 2])
    assert install_translator(app, "ar", cache_dir=tmp_path) == "ar"
    assert ar("AboutDialog", "Arabic Reader") == "القارئ العربي"
    assert install_translator(app, "ar", cache_dir=tmp_path) == "ar"  # and it stays repaired


def test_a_shipped_qm_beside_the_ts_is_used_as_is(tmp_path: Path) -> None:
    ts = tmp_path / "arabic-reader_ar.ts"
    ts.write_text("<TS/>", encoding="utf-8")
    shipped = ts.with_suffix(".qm")
    shipped.write_bytes(b"compiled by the bundle")
    os.utime(ts, (1, 1))
    assert compiled_translation(ts, tmp_path / "cache") == shipped


def test_without_lrelease_the_ui_stays_english_with_one_log_line(
    app: QApplication, monkeypatch, tmp_path: Path, caplog
) -> None:
    monkeypatch.setattr(i18n, "lrelease_command", lambda: None)
    with caplog.at_level(logging.WARNING, logger="reader.ui.i18n"):
        assert install_translator(app, "ar", cache_dir=tmp_path / "empty-cache") == "en"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert [r.getMessage() for r in caplog.records] == [
        "English interface: Qt's lrelease is not installed, cannot compile arabic-reader_ar.ts"
    ]


def test_a_broken_ts_fails_soft(app: QApplication, monkeypatch, tmp_path: Path, caplog) -> None:
    broken = tmp_path / "translations" / "arabic-reader_ar.ts"
    broken.parent.mkdir()
    broken.write_text("<TS><context><message>", encoding="utf-8")
    monkeypatch.setattr(i18n, "translations_dir", lambda: broken.parent)
    with caplog.at_level(logging.WARNING, logger="reader.ui.i18n"):
        assert install_translator(app, "ar", cache_dir=tmp_path / "cache") == "en"
    assert len(caplog.records) == 1


# --- the translation file itself


def ts_messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts_path("ar")).getroot()
    return [(ctx.findtext("name") or "", message) for ctx in root for message in ctx.iter("message")]


def test_translation_file_declares_arabic_from_english() -> None:
    root = ET.parse(ts_path("ar")).getroot()
    assert (root.tag, root.get("language"), root.get("sourcelanguage")) == ("TS", "ar", "en")


def test_every_string_has_the_context_it_is_looked_up_in() -> None:
    """lupdate files a bare ``tr("…")`` (``tr = self.tr``) under no context, but at run
    time ``self.tr`` looks in the class's context: such a string is never translated."""
    assert [m.findtext("source") for context, m in ts_messages() if not context] == []


def test_every_string_is_translated_into_arabic() -> None:
    untranslated = []
    for context, message in ts_messages():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
            re.search("[\u0600-\u06ff]", form) for form in forms
        ):
            untranslated.append((context, message.findtext("source")))
    assert untranslated == []


def test_translations_keep_placeholders_and_shortcut_markers() -> None:
    for context, message in ts_messages():
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for index, form in enumerate(forms):
            for placeholder in re.findall(r"\{\w*\}|%n|%\d", source):
                # Arabic says none, one and two in words (لا كيانات، كيان واحد، كيانان):
                # the zero, singular and dual plural forms may leave out the number
                if placeholder == "%n" and len(forms) > 1 and index <= 2:
                    continue
                assert placeholder in form, (context, source, form)
            if re.search(r"&\w", source):  # a mnemonic in the source needs one in the translation
                assert re.search(r"&\w", form), (context, source, form)


def test_arabic_plural_forms_follow_the_number(app: QApplication, tmp_path: Path) -> None:
    """Qt picks one of six Arabic forms: 0, 1, 2, 3–10, 11–99, 100–102 (mod 100)."""
    numerus = [(c, m.findtext("source")) for c, m in ts_messages() if m.get("numerus") == "yes"]
    if not numerus or i18n.lrelease_command() is None:
        pytest.skip("no plural message in the translation, or no lrelease")
    install_translator(app, "ar", cache_dir=tmp_path)
    context, source = numerus[0]
    forms = {n: QCoreApplication.translate(context, source, "", n) for n in (1, 2, 3, 11, 100)}
    assert "%n" not in "".join(forms.values())
    assert len(set(forms.values())) == 5  # five different wordings
    assert "3" in forms[3] and "11" in forms[11] and "100" in forms[100]


def lupdate_command() -> str | None:
    """Qt's lupdate: PySide6's own binary, else one on PATH."""
    import PySide6

    bundled = Path(PySide6.__file__).parent / ("lupdate.exe" if os.name == "nt" else "lupdate")
    return str(bundled) if bundled.is_file() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(lupdate_command() is None, reason="Qt's lupdate is not installed")
def test_every_ui_string_in_the_code_is_in_the_translation_file(tmp_path: Path) -> None:
    lupdate = lupdate_command()
    assert lupdate is not None
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "reader" / "ui").glob("**/*.py"))  # subpackages too
    assert any("/window/" in p for p in sources)
    command = [lupdate, "-silent", "-locations", "none", *sources, "-ts", str(fresh)]
    subprocess.run(command, check=True, timeout=120)
    fresh_root = ET.parse(fresh).getroot()
    in_code = {(ctx.findtext("name"), m.findtext("source")) for ctx in fresh_root for m in ctx.iter("message")}
    in_file = {(context, message.findtext("source")) for context, message in ts_messages()}
    assert sorted(in_code - in_file) == []  # run the lupdate command in reader/ui/i18n.py, then translate
    assert sorted(in_file - in_code) == []  # strings the code no longer has: the same command drops them
