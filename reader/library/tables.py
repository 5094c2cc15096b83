"""The library's answers as JSON and CSV text (the command line's formats, and the entity table export).

    entity_table(library, "json")              # GUIDE.md: [{"id", "type", "name", "articles", "mentions", "variants"}]
    entity_table(library, "csv", "person")     # one row per entity, for spreadsheets (UTF-8 bytes, both)
    render_entities_csv(library.entities())    # the same rows, from objects
    render_hits_json(library.find(entity))     # [{"path", "title", "mentions": [{"start", "end", "text"}]}]

The whole entity table is printed from lines the library keeps ready
(``reader.library.lines``, written when an entity's statistics change): tens of
thousands of entities in a few tens of milliseconds, without an object per
entity. CSV cells go through the export's spreadsheet guard (a name
starting with ``=`` is not run as a formula); ``write_table`` writes a file
atomically, CSV with a byte-order mark as the article export does.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.entity_types import EntityType
from reader.io import write_atomic
from reader.library.lines import ENTITY_CSV_HEADER, csv_cells
from reader.library.queries import ArticleHits, EntitySummary, Library, Related


def entity_table(library: Library, form: str = "json", entity_type: EntityType | str | None = None) -> bytes:
    """The entity table (``entity_type``'s entities only, if given) as ``entities --format FORM`` prints it:
    UTF-8, most articles first."""
    lines = library.entity_lines(form, entity_type)
    if form == "json":
        return b"[\n" + b",\n".join(lines) + b"\n]\n" if lines else b"[]\n"
    if form == "csv":
        return b"\r\n".join([",".join(ENTITY_CSV_HEADER).encode(), *lines, b""])
    return b"".join(line + b"\n" for line in lines)


def render_entities_csv(entities: Iterable[EntitySummary]) -> str:
    """A header row, then one row per entity; line ends are CRLF as spreadsheets expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ENTITY_CSV_HEADER)
    for e in entities:
        writer.writerow(
            csv_cells(e.id, e.type.value, e.name, e.articles, e.mentions, e.first_date, e.last_date, e.variants)
        )
    return buffer.getvalue()


def render_hits_json(found: Iterable[ArticleHits]) -> str:
    return json_lines([json.dumps(hits.to_dict(), ensure_ascii=False) for hits in found])


def render_related_json(related: Iterable[Related]) -> str:
    return json_lines([json.dumps(r.to_dict(), ensure_ascii=False) for r in related])


def write_table(
    library: Library,
    path: str | os.PathLike[str],
    *,
    entity_type: EntityType | str | None = None,
    overwrite: bool = True,
) -> None:
    """Write the entity table to ``path``: ``.csv`` (with a byte-order mark) or ``.json``, the bytes
    ``entities --format csv|json`` prints.

    ValueError for another suffix; WriteError (one line) when it cannot be
    written, ``TargetExistsError`` when it exists and not ``overwrite``.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".json"):
        raise ValueError(f"cannot write the entity table to {Path(path).name!r}: use .csv or .json")
    table = entity_table(library, suffix[1:], entity_type)
    write_atomic(path, codecs.BOM_UTF8 + table if suffix == ".csv" else table, overwrite=overwrite)


def json_lines(items: Sequence[str]) -> str:
    """A JSON array of already-encoded ``items``, one a line: readable, greppable, quick to write
    (json's indentation takes its slow pure-Python encoder: tens of thousands of entities)."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(items) + "\n]\n"
