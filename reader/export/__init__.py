"""Exports: an Analysis in, HTML / JSON / CSV text out, written atomically.

Entry points (the command line's ``export`` and the window's Export action
both call these)::

    from reader.export import export, render_html
    export(analysis, "mosul.html")        # format chosen by suffix
    page = render_html(analysis)          # the text, without writing
    check_export_path("mosul.html", source="mosul.txt", overwrite=False)  # before the work

Nothing here knows where the mentions came from. Renderers live in
``html.py`` (page) and ``data.py`` (JSON, CSV); markup in ``templates.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.document import Analysis
from reader.export.data import iter_json, render_csv, render_json, render_tsv
from reader.export.errors import ExportError
from reader.export.html import render_html
from reader.io import TargetExistsError, WriteError, check_writable, write_atomic

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportExistsError",
    "check_export_path",
    "export",
    "iter_json",
    "refuse_source",
    "render_csv",
    "render_html",
    "render_json",
    "render_tsv",
]

#: Suffix → description, for the save dialog's filter (".htm" is accepted too).
FORMATS: dict[str, str] = {
    ".html": "HTML page with highlights",
    ".json": "JSON analysis data",
    ".csv": "CSV entity table",
}

# suffix → (renderer, encoding). CSV carries a BOM so spreadsheets detect UTF-8.
# JSON is written in pieces: with the whole text it is the biggest export.
_WRITERS: dict[str, tuple[Callable[[Analysis], str | Iterable[str]], str]] = {
    ".html": (render_html, "utf-8"),
    ".htm": (render_html, "utf-8"),
    ".json": (iter_json, "utf-8"),
    ".csv": (render_csv, "utf-8-sig"),
}


class ExportExistsError(ExportError):
    """The output file exists and replacing it was not allowed (``overwrite=False``)."""


def check_export_path(path: str | Path, *, source: str | Path | None = None, overwrite: bool = True) -> None:
    """Raise ExportError (one line) if an export cannot be written to ``path``:
    a folder, the ``source`` file itself, an unsupported suffix, a missing or
    unwritable folder, a read-only file, or (unless ``overwrite``) an existing
    file (:class:`ExportExistsError`). Cheap: run it before the analysis.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ExportError(f"cannot export to '{path}': it is a folder; give a file name ending in .html, .json or .csv")
    refuse_source(path, source)
    if suffix not in _WRITERS:
        supported = ", ".join(_WRITERS)
        raise ExportError(
            f"cannot export to {path.name!r}: unsupported format {suffix or '(no suffix)'}; use one of {supported}"
        )
    try:
        check_writable(path, overwrite=overwrite)
    except TargetExistsError as error:
        raise ExportExistsError(str(error)) from None
    except WriteError as error:
        raise ExportError(str(error)) from None


def export(analysis: Analysis, path: str | Path, *, overwrite: bool = True) -> None:
    """Write ``analysis`` to ``path`` in the format its suffix names.

    The file is rendered completely first, then written atomically (temporary
    file, then rename): an existing file at ``path`` is replaced only by a
    complete new one, never when it is read-only, and not at all unless
    ``overwrite``. Raises ExportError (one line) for the problems
    :func:`check_export_path` lists, for an inconsistent analysis, or when
    the file cannot be written.
    """
    path = Path(path)
    check_export_path(path, source=analysis.source.path, overwrite=overwrite)
    render, encoding = _WRITERS[path.suffix.lower()]
    data = render(analysis)
    try:
        write_atomic(path, data, encoding=encoding, overwrite=overwrite)
    except TargetExistsError as error:  # created while the export was rendered
        raise ExportExistsError(str(error)) from error
    except WriteError as error:  # one line already: "cannot write 'x.html': permission denied"
        raise ExportError(str(error)) from error


def refuse_source(path: str | Path, source_path: str | Path | None) -> None:
    """Raise ExportError when ``path`` is the article ``source_path`` itself: a source is never written.

    ``check_export_path`` asks it (so ``export`` does, and the command line
    before analyzing, so the refusal comes at once).
    """
    if not source_path:
        return
    source, target = Path(source_path), Path(path)
    try:
        same = os.path.samefile(source, target)
    except OSError:  # one of them does not exist (yet): compare the names
        same = source.resolve() == target.resolve()
    if same:
        raise ExportError(f"refusing to export over the source file {target.name!r}")
