"""The user's data on the command line: open the store, analyze with or without it.

Not a subcommand: ``analyze``/``export`` (``reader.cli``), ``lexicon``,
``correct`` and ``learn`` share it. A damaged database costs one line on
stderr (it is set aside and a fresh one started); an unusable data folder
costs one line and the command carries on without user data, unless the
command is about user data (``required``), which then fails in one line.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.commands import UserError

if TYPE_CHECKING:
    from reader.analysis.recognizer import Recognizer
    from reader.corrections import UserStore
    from reader.document import Analysis, Source

PROG = "arabic-reader"


def warn(message: str) -> None:
    """One line on stderr."""
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)


@contextlib.contextmanager
def as_user_errors() -> Iterator[None]:
    """Turn a CorrectionError (a text, a type, a file the reader gave) into a UserError: one line, exit 1."""
    from reader.corrections import CorrectionError

    try:
        yield
    except CorrectionError as error:
        raise UserError(str(error)) from None


def open_store(*, required: bool) -> UserStore | None:
    """The user's store; when it cannot be opened: UserError if ``required``, else a warning and None.

    Without ``required`` a store that does not exist yet is not created (None):
    reading an article leaves no trace in the data folder.
    """
    from reader.corrections import UserStore
    from reader.storage import StorageError

    try:
        if not required and not UserStore.default_path(create=False).exists():
            return None
        return UserStore.open(warn=warn)
    except StorageError as error:
        if required:
            raise UserError(str(error)) from None
        warn(f"{error}; going on without your lexicon and corrections")
        return None


def analyze_source(source: Source, recognizer: Recognizer | None, *, user_data: bool) -> Analysis:
    """The analysis of ``source``: the user's lexicon, corrections and model applied unless ``user_data`` is False.

    ``recognizer`` None means the offline model (the user's own when they
    accepted one, else the shipped one; always the shipped one without user data).
    """
    from reader.analysis.pipeline import analyze, shipped_recognizer
    from reader.corrections import apply_user_data

    if not user_data:
        return analyze(source, recognizer or shipped_recognizer())
    analysis = analyze(source, recognizer)
    store = open_store(required=False)
    if store is None:
        return analysis
    with store:
        try:
            return apply_user_data(analysis, store)
        except sqlite3.Error as error:  # e.g. the disk failed under it: the analysis still stands
            warn(f"cannot read your corrections ({error}); showing the model's analysis")
            return analysis
