"""Where the shipped resources (models, samples, icons, translations) live.

The repository keeps ``resources/`` beside the ``reader`` package; the app is
installed in place (``pip install -e``), so the folder is found relative to
this file. ``ARABIC_READER_RESOURCES`` overrides it for relocated bundles.
"""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    """The top-level ``resources/`` folder."""
    override = os.environ.get("ARABIC_READER_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resources/<parts...>``, e.g. ``resource_path("models", "ner.crfsuite")``."""
    return resources_dir().joinpath(*parts)
