"""The reader's own offline model: trained on their corrections, kept in the data folder.

"Learn from my corrections" (``reader.corrections.learn``) writes a
candidate model to ``<data folder>/models/candidate/``; accepting it moves it
to ``models/active/``, and from then on it replaces the shipped model
wherever the offline model is used. The shipped model in ``resources/`` is
never written; "reset to the shipped model" removes the active one.

    models/active/anercorp-crf.crfsuite           (+ .pass2.crfsuite, .lexicon.json)
    models/candidate/anercorp-crf.crfsuite        (until accepted or discarded)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.analysis.ner.model import MODEL_NAME, lexicon_path
from reader.storage import StorageError, data_dir

ACTIVE = "active"
CANDIDATE = "candidate"


def models_dir(create: bool = False) -> Path:
    """``<data folder>/models`` (StorageError if the data folder is unusable)."""
    folder = data_dir(create=create) / "models"
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def model_file(which: str) -> Path:
    """The first-pass model file of the ``active`` or ``candidate`` user model (it may not exist)."""
    return models_dir() / which / f"{MODEL_NAME}.crfsuite"


def active_user_model() -> Path | None:
    """The user's accepted model, if there is one and it is complete; else None (use the shipped one)."""
    try:
        path = model_file(ACTIVE)
    except StorageError:
        return None
    return path if path.is_file() and lexicon_path(path).is_file() else None


def accept_candidate() -> Path:
    """Make the candidate model the active one (the old active one is removed); the new model file.

    The folder is swapped by renames, so a crash leaves either model whole.
    """
    root = models_dir()
    candidate, active, old = root / CANDIDATE, root / ACTIVE, root / "previous"
    if not (candidate / f"{MODEL_NAME}.crfsuite").is_file():
        raise StorageError("there is no new model to switch to; run learn first")
    shutil.rmtree(old, ignore_errors=True)
    if active.exists():
        active.rename(old)
    candidate.rename(active)
    shutil.rmtree(old, ignore_errors=True)
    return active / f"{MODEL_NAME}.crfsuite"


def discard_candidate() -> None:
    shutil.rmtree(models_dir() / CANDIDATE, ignore_errors=True)


def reset_to_shipped() -> bool:
    """Remove the user's model (the shipped one is used again); whether there was one."""
    active = models_dir() / ACTIVE
    if not active.exists():
        return False
    shutil.rmtree(active)
    return True
