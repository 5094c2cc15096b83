"""The reader's corrections and lexicon, applied to the model's analysis (no Qt).

Whoever shows or exports an analysis (the window, ``analyze``/``export``,
the library) calls one function::

    from reader.corrections import UserStore, apply_user_data

    store = UserStore.open()                        # StorageError (one line) if unusable
    analysis = apply_user_data(model_analysis, store)

Modules: ``kinds`` (the six corrections), ``lexicon`` (always/never entries
and how they match), ``engine`` (applying both, with the invariants kept),
``store`` (the SQLite database in the data folder), ``snapshot`` (its
content as plain data, for the library), ``learn`` (retraining
the offline model on the corrected articles).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.corrections.engine import CorrectedState, Corrector, apply
    from reader.corrections.kinds import Correction, CorrectionError, Mark, Merge, Rename, Retype, Split, Unmark
    from reader.corrections.lexicon import Lexicon, LexiconEntry
    from reader.corrections.snapshot import UserData
    from reader.corrections.store import UserStore
    from reader.document import Analysis

__all__ = [
    "CorrectedState",
    "Correction",
    "CorrectionError",
    "Corrector",
    "Lexicon",
    "LexiconEntry",
    "Mark",
    "Merge",
    "Rename",
    "Retype",
    "Split",
    "Unmark",
    "UserData",
    "UserStore",
    "apply",
    "apply_user_data",
]

# Imported on first use (PEP 562): the matching code pulls in camel-tools,
# which takes seconds to import, and the window must not wait for it at start.
_HOME = {
    "CorrectedState": "engine",
    "Corrector": "engine",
    "apply": "engine",
    "Correction": "kinds",
    "CorrectionError": "kinds",
    "Mark": "kinds",
    "Merge": "kinds",
    "Rename": "kinds",
    "Retype": "kinds",
    "Split": "kinds",
    "Unmark": "kinds",
    "Lexicon": "lexicon",
    "LexiconEntry": "lexicon",
    "UserStore": "store",
    "UserData": "snapshot",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.corrections' has no attribute {name!r}")
    return getattr(import_module(f"reader.corrections.{module}"), name)


def apply_user_data(analysis: Analysis, store: UserStore | UserData | None) -> Analysis:
    """``analysis`` — the model's, as ``reader.analysis.pipeline.analyze`` returns it —
    with the user's lexicon and the corrections of its document applied.

    The document is found by the hash of its shown text (``document_key``),
    so the corrections follow an article wherever its file is. Each mention
    of the result has a ``source`` (``"model"``, ``"lexicon"``,
    ``"correction"``); the invariants of ``check_analysis`` hold. With
    ``store`` None (no usable database) the analysis is returned unchanged.
    ``store`` may also be a ``UserData``: the store's data read at one moment
    (``UserStore.snapshot``), as the library's worker processes apply it.
    Cheap when the user has no data: the lexicon is compiled once per change.
    """
    if store is None:
        return analysis
    return store.apply(analysis)
