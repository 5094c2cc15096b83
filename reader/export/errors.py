"""The export error, and the check every renderer makes before it writes a line.

An export is written from an ``Analysis`` that another part of the app
built; if that analysis breaks the contract of ``reader.document``
(``check_analysis``: mentions out of order, overlapping, outside the text,
an entity pointing at a mention that does not exist) the renderers cannot
produce one element per mention. They say so in one line instead of
writing a wrong file.
"""

from __future__ import annotations

from reader.document import Analysis, InvalidAnalysis, check_analysis


class ExportError(Exception):
    """An export could not be written; ``str(error)`` is one line for the user."""


def require_valid(analysis: Analysis) -> None:
    """``check_analysis``, its one-line complaint raised as an ExportError."""
    try:
        check_analysis(analysis)
    except InvalidAnalysis as error:
        raise ExportError(f"cannot export: {error}") from error
