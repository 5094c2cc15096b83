"""Where the shipped resources (models, name lists, samples, icons, translations) live.

One resolver for every way the app runs:

- an installed wheel (pip, pipx) and the PyInstaller bundle carry the
  repository's top-level ``resources/`` as ``reader/_resources`` (``setup.py``
  maps it; ``packaging/arabic-reader.spec`` copies it there), found beside
  this module;
- a checkout (``make install``, an editable install, or ``python -m reader``
  from the repository) has no ``reader/_resources``: the folder is the
  top-level ``resources/`` beside the ``reader`` package.

``ARABIC_READER_RESOURCES`` overrides both (tests, relocated data).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The variable that points the app at another resources folder.
OVERRIDE_VARIABLE = "ARABIC_READER_RESOURCES"


def resources_dir() -> Path:
    """The resources folder: ``$ARABIC_READER_RESOURCES``, the packaged copy, or the checkout's."""
    override = os.environ.get(OVERRIDE_VARIABLE)
    if override:
        return Path(override)
    return locate_resources(Path(__file__).resolve().parent)


def locate_resources(package: Path) -> Path:
    """The resources of the ``reader`` package in folder ``package``: its ``_resources``, else the checkout's."""
    packaged = package / "_resources"
    return packaged if packaged.is_dir() else package.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resources/<parts...>``, e.g. ``resource_path("models", "ner.crfsuite")``."""
    return resources_dir().joinpath(*parts)


def missing_resource_hint() -> str:
    """How to get a missing resource back: the second half of a one-line error."""
    override = os.environ.get(OVERRIDE_VARIABLE)
    if override:
        return f"{OVERRIDE_VARIABLE} points at {override}: correct it or unset it"
    return f"reinstall arabic-reader, or set {OVERRIDE_VARIABLE} to a resources folder that has it"
