"""Analysis → JSON (the ``analyze --format json`` contract), CSV (one row per
entity) and TSV (one row per mention, for people reading a terminal).

The CSV is for spreadsheets: its cells are plain text, so a cell that a
spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``,
``@``) gets a leading apostrophe, the usual guard against formula injection
from article text. The file is written as UTF-8 with a byte-order mark
(``export`` does that) because without one spreadsheet programs read the
Arabic as mojibake.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace

from reader.document import SOURCES, Analysis, Entity, MentionSource
from reader.export.errors import ExportError, require_valid

#: CSV columns, in order. ``id`` is the entity's stable id (``place:موصل``);
#: ``source`` who decided it (``entity_source``).
CSV_HEADER = ("type", "name", "count", "variants", "first_offset", "id", "source")
#: Joins an entity's surface forms in one CSV cell; "|" never occurs in Arabic names.
VARIANT_SEPARATOR = " | "

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


#: Mentions or entities encoded per piece yielded by :func:`iter_json`.
_JSON_BATCH = 2000


def render_json(analysis: Analysis) -> str:
    """``Analysis.to_dict()`` as JSON: Arabic unescaped, indented by 2, newline at end.

    Example: ``"text": "بغداد – أعلن …"`` rather than ``"\\u0628\\u063a…"``.
    """
    return "".join(iter_json(analysis))


def iter_json(analysis: Analysis) -> Iterator[str]:
    """:func:`render_json`'s text in pieces, for writing a big analysis without
    holding all of it: a 60 MB article has 800,000 mentions, and their dicts
    plus the JSON text would take more than a gigabyte at once. The pieces
    join to exactly ``json.dumps(analysis.to_dict(), ensure_ascii=False,
    indent=2) + "\\n"``.
    """
    require_valid(analysis)
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)
    # The top level with empty lists, so every key to_dict() has is kept in
    # order; a raw newline never occurs inside a JSON string, so the lists'
    # places are found unambiguously.
    shell = _encode(encoder, replace(analysis, mentions=(), entities=()).to_dict())
    position = 0
    for key, items in (("mentions", analysis.mentions), ("entities", analysis.entities)):
        marker = f'\n  "{key}": []'
        at = shell.index(marker, position)
        yield shell[position : at + len(marker) - 1]
        position = at + len(marker)
        if items:
            yield "\n"
            for first in range(0, len(items), _JSON_BATCH):
                batch = items[first : first + _JSON_BATCH]
                pieces = ("    " + _encode(encoder, item.to_dict()).replace("\n", "\n    ") for item in batch)
                yield ("" if first == 0 else ",\n") + ",\n".join(pieces)
            yield "\n  "
        yield "]"
    yield shell[position:] + "\n"


def _encode(encoder: json.JSONEncoder, value: object) -> str:
    try:
        return encoder.encode(value)
    except ValueError as error:  # a NaN/infinite figure value has no JSON spelling
        raise ExportError(f"cannot export JSON: {error}") from error


def render_csv(analysis: Analysis) -> str:
    """A header row, then per entity: type, name, count, variants, first offset, id, source.

    ``first_offset`` is the code-point offset of the entity's first mention
    (empty if it has none). Rows follow ``Analysis.entities`` (type order,
    then first appearance). Line ends are CRLF, as RFC 4180 and spreadsheets
    expect. Example row: ``place,الموصل,4,الموصل | بالموصل,120,place:موصل,model``.
    """
    require_valid(analysis)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for entity in analysis.entities:
        writer.writerow(
            (
                entity.type.value,
                spreadsheet_cell(entity.name),
                entity.count,
                spreadsheet_cell(VARIANT_SEPARATOR.join(entity.variants)),
                _first_offset(analysis, entity),
                spreadsheet_cell(entity.id),
                entity_source(analysis, entity),
            )
        )
    return buffer.getvalue()


#: TSV columns, in order.
TSV_HEADER = ("start", "end", "type", "text", "entity", "name", "value", "source")


def render_tsv(analysis: Analysis) -> str:
    """One mention a line: start, end, type, text, entity id, entity name, value, source.

    White space inside a mention is folded to single spaces, so a tab or a
    line break in the text cannot break a row.
    """
    require_valid(analysis)
    rows = ["\t".join(TSV_HEADER)]
    for m in analysis.mentions:
        name = analysis.entity(m.entity).name if analysis.has_entity(m.entity) else ""
        value = "" if m.value is None else str(m.value)
        cells = (str(m.start), str(m.end), m.type.value, m.text, m.entity, name, value, m.source)
        rows.append("\t".join(" ".join(cell.split()) for cell in cells))
    return "\n".join(rows) + "\n"


def entity_source(analysis: Analysis, entity: Entity) -> MentionSource:
    """Who decided an entity: ``correction`` if the reader corrected any of its
    mentions, else ``lexicon`` if their lexicon tagged any, else ``model``."""
    sources = {analysis.mentions[i].source for i in entity.mentions}
    return max(sources, key=SOURCES.index, default="model")


def _first_offset(analysis: Analysis, entity: Entity) -> int | str:
    return min((analysis.mentions[i].start for i in entity.mentions), default="")


def spreadsheet_cell(value: str) -> str:
    """``value``, with an apostrophe in front if a spreadsheet would read a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
