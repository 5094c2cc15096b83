"""Each entity's line of the entity table, in each format, as the library keeps them.

``entity_lines`` writes them (the JSON object as the contract prints it, the
CSV row, the text line); ``write_lines`` keeps them in ``entity_line``, in
the table's order, for ``reader.library.store.refresh`` and the schema's
migration; ``reader.library.tables`` prints them.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Sequence

from reader.export.data import VARIANT_SEPARATOR, spreadsheet_cell

#: Columns of the entity table, in order.
ENTITY_CSV_HEADER = ("id", "type", "name", "articles", "mentions", "first_date", "last_date", "variants")
#: The formats of the entity table: JSON, CSV, and the text a terminal shows.
TABLE_FORMATS = ("json", "csv", "text")


def entity_lines(
    key: str, kind: str, name: str, articles: int, mentions: int, first: str, last: str, variants: Sequence[str]
) -> tuple[str, str, str]:
    """An entity's line in each of ``TABLE_FORMATS`` (what the library keeps in ``entity_line``).

    The JSON object is written as SQLite's ``json_object`` writes it (no
    spaces), the CSV row as ``csv.writer`` does, without its line end.
    """
    as_json = json.dumps(
        {"id": key, "type": kind, "name": name, "articles": articles, "mentions": mentions, "variants": list(variants)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_cells(key, kind, name, articles, mentions, first, last, variants))
    return as_json, buffer.getvalue()[:-2], f"{articles:>6} {mentions:>7}  {kind:<12}  {name}"


def csv_cells(
    key: str, kind: str, name: str, articles: int, mentions: int, first: str, last: str, variants: Sequence[str]
) -> tuple[object, ...]:
    """An entity's row of the CSV table, each text cell guarded against formulas."""
    return (
        spreadsheet_cell(key),
        kind,
        spreadsheet_cell(name),
        articles,
        mentions,
        first,
        last,
        spreadsheet_cell(VARIANT_SEPARATOR.join(variants)),
    )


def write_lines(connection: sqlite3.Connection, entities: Iterable[int]) -> None:
    """The ``entity_line`` rows of ``entities`` from their ``entity_stats`` (those without any are skipped)."""
    rows = connection.execute(
        "SELECT s.articles, s.mentions, s.name, s.entity, s.type, e.key, s.first_date, s.last_date, s.variants"
        " FROM entity_stats s JOIN entity e ON e.id = s.entity WHERE s.entity IN (SELECT value FROM json_each(?))",
        (json.dumps(list(entities)),),
    ).fetchall()
    connection.executemany(
        "INSERT INTO entity_line (articles, mentions, name, entity, type, json, csv, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                articles,
                mentions,
                name,
                entity,
                kind,
                *entity_lines(key, kind, name, articles, mentions, first, last, json.loads(variants)),
            )
            for articles, mentions, name, entity, kind, key, first, last, variants in rows
        ],
    )


def rewrite_all_lines(connection: sqlite3.Connection) -> None:
    """Every ``entity_line`` row made again from ``entity_stats`` (a new schema, or a damaged table)."""
    connection.execute("DELETE FROM entity_line")
    write_lines(connection, [row[0] for row in connection.execute("SELECT entity FROM entity_stats")])


def lines_complete(connection: sqlite3.Connection) -> bool:
    """Whether ``entity_line`` holds a line for each entity with statistics (two counts: about 2 ms
    on a 10,000-article library)."""
    lines, stats = connection.execute(
        "SELECT (SELECT COUNT(*) FROM entity_line), (SELECT COUNT(*) FROM entity_stats)"
    ).fetchone()
    return bool(lines == stats)
