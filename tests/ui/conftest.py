"""Shared fixtures for the Qt tests: offscreen platform, an INI settings store under tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import: no display in CI

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """A fresh INI settings store in the test's own folder (never the user's)."""
    from reader.ui.settings import open_settings

    return open_settings(str(tmp_path / "settings.ini"))
