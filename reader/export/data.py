"""Analysis → JSON (the ``analyze --format json`` contract) and CSV (one row per entity).

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

from reader.document import Analysis, Entity
from reader.export.validate import ExportError, check_analysis

#: CSV columns, in order.
CSV_HEADER = ("type", "name", "count", "variants", "first_offset")
#: Joins an entity's surface forms in one CSV cell; "|" never occurs in Arabic names.
VARIANT_SEPARATOR = " | "

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_json(analysis: Analysis) -> str:
    """``Analysis.to_dict()`` as JSON: Arabic unescaped, indented by 2, newline at end.

    Example: ``"text": "بغداد – أعلن …"`` rather than ``"\\u0628\\u063a…"``.
    """
    try:
        return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as error:  # a NaN/infinite figure value has no JSON spelling
        raise ExportError(f"cannot export JSON: {error}") from error


def render_csv(analysis: Analysis) -> str:
    """A header row, then per entity: type, name, count, variants, first offset.

    ``first_offset`` is the code-point offset of the entity's first mention
    (empty if it has none). Rows follow ``Analysis.entities`` (type order,
    then first appearance). Line ends are CRLF, as RFC 4180 and spreadsheets
    expect. Example row: ``place,الموصل,4,الموصل | بالموصل,120``.
    """
    check_analysis(analysis)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for entity in analysis.entities:
        writer.writerow(
            (
                entity.type.value,
                _cell(entity.name),
                entity.count,
                _cell(VARIANT_SEPARATOR.join(entity.variants)),
                _first_offset(analysis, entity),
            )
        )
    return buffer.getvalue()


def _first_offset(analysis: Analysis, entity: Entity) -> int | str:
    return min((analysis.mentions[i].start for i in entity.mentions), default="")


def _cell(value: str) -> str:
    """``value``, with an apostrophe in front if a spreadsheet would read a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
