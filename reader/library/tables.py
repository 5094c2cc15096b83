"""The library's answers as JSON and CSV text (the command line's formats, and the entity table export).

    render_entities_json(library.entities())   # GUIDE.md: [{"id", "type", "name", "articles", "mentions", "variants"}]
    render_entities_csv(library.entities())    # one row per entity, for spreadsheets
    render_hits_json(library.find(entity))     # [{"path", "title", "mentions": [{"start", "end", "text"}]}]

CSV cells go through the export's spreadsheet guard (a name starting with
``=`` is not run as a formula); ``write_table`` writes a file atomically,
CSV with a byte-order mark as the article export does.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.export.data import VARIANT_SEPARATOR, spreadsheet_cell
from reader.io import write_atomic
from reader.library.queries import ArticleHits, EntitySummary, Related

#: Columns of the entity table, in order.
ENTITY_CSV_HEADER = ("id", "type", "name", "articles", "mentions", "first_date", "last_date", "variants")


def render_entities_json(entities: Iterable[EntitySummary]) -> str:
    return json_lines([json.dumps(e.to_dict(), ensure_ascii=False) for e in entities])


def render_entities_csv(entities: Iterable[EntitySummary]) -> str:
    """A header row, then one row per entity; line ends are CRLF as spreadsheets expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ENTITY_CSV_HEADER)
    for e in entities:
        writer.writerow(
            (
                spreadsheet_cell(e.id),
                e.type.value,
                spreadsheet_cell(e.name),
                e.articles,
                e.mentions,
                e.first_date,
                e.last_date,
                spreadsheet_cell(VARIANT_SEPARATOR.join(e.variants)),
            )
        )
    return buffer.getvalue()


def render_hits_json(found: Iterable[ArticleHits]) -> str:
    return json_lines([json.dumps(hits.to_dict(), ensure_ascii=False) for hits in found])


def render_related_json(related: Iterable[Related]) -> str:
    return json_lines([json.dumps(r.to_dict(), ensure_ascii=False) for r in related])


def write_table(entities: Sequence[EntitySummary], path: str | os.PathLike[str], *, overwrite: bool = True) -> None:
    """Write the entity table to ``path``: ``.csv`` or ``.json``.

    ValueError for another suffix; WriteError (one line) when it cannot be
    written, ``TargetExistsError`` when it exists and not ``overwrite``.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        write_atomic(path, render_entities_csv(entities), encoding="utf-8-sig", overwrite=overwrite)
    elif suffix == ".json":
        write_atomic(path, render_entities_json(entities), overwrite=overwrite)
    else:
        raise ValueError(f"cannot write the entity table to {Path(path).name!r}: use .csv or .json")


def json_lines(items: Sequence[str]) -> str:
    """A JSON array of already-encoded ``items``, one a line: readable, greppable, quick to write
    (json's indentation takes its slow pure-Python encoder: tens of thousands of entities)."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(items) + "\n]\n"
