"""The lexicon as CSV: two columns, ``text,type``; type ``none`` means "never tag it".

    text,type
    رويترز,organization
    ثاني,none

``render_lexicon_csv`` writes the header and one row per entry (UTF-8 with a
byte-order mark, as the CSV export, so spreadsheets read the Arabic; a cell
a spreadsheet would run as a formula gets a leading apostrophe, which
``read_lexicon_csv`` removes again). ``read_lexicon_csv`` checks the whole
file before anything is imported: a binary file, a file that is not UTF-8, a
bad row or a huge file is one line saying where, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from reader.corrections.kinds import CorrectionError, parse_type
from reader.corrections.lexicon import LexiconEntry, entry_key
from reader.export.data import FORMULA_STARTS, spreadsheet_cell

HEADER = ("text", "type")
NEVER = "none"
#: Larger files are refused: 100,000 entries of 40 characters is 4 MB.
MAX_BYTES = 20_000_000
MAX_ROWS = 200_000


def render_lexicon_csv(entries: Iterable[LexiconEntry]) -> str:
    """The header and a row per entry, CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for entry in entries:
        writer.writerow((_guarded(entry.text), NEVER if entry.type is None else entry.type.value))
    return buffer.getvalue()


def read_lexicon_csv(path: str | os.PathLike[str]) -> list[LexiconEntry]:
    """The entries of the CSV file at ``path`` (CorrectionError, one line, for anything wrong)."""
    from reader.io import LoadError
    from reader.io.loader import read_bytes

    name = Path(path).name
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0  # read_bytes says why, in its words
    if size > MAX_BYTES:
        raise CorrectionError(
            f"{name} is {size / 1e6:,.0f} MB; a lexicon file may be at most {MAX_BYTES // 1_000_000} MB"
        )
    try:  # the loaders' reader: no pipe, device or stalled share can hang it
        data = read_bytes(path)
    except LoadError as error:
        raise CorrectionError(str(error)) from None
    return parse_lexicon_csv(data, name)


def parse_lexicon_csv(data: bytes, name: str = "the file") -> list[LexiconEntry]:
    """The entries of CSV ``data`` (see ``read_lexicon_csv``)."""
    if b"\0" in data:
        raise CorrectionError(f"{name} is not a CSV file (it contains binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorrectionError(f"{name} is not UTF-8 text (line {line}); save it as CSV UTF-8") from None
    entries: list[LexiconEntry] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if not entries and line == 1 and [c.strip().lower() for c in row[:2]] == list(HEADER):
                continue
            if len(entries) >= MAX_ROWS:
                raise CorrectionError(f"{name} has more than {MAX_ROWS:,} entries")
            entries.append(_entry(row, f"{name}, line {line}"))
    except csv.Error as error:
        raise CorrectionError(f"{name}, line {reader.line_num}: not valid CSV ({error})") from None
    return entries


def _entry(row: list[str], where: str) -> LexiconEntry:
    if len(row) < 2 or any(cell.strip() for cell in row[2:]):
        raise CorrectionError(f"{where}: expected two columns, text and type, got {len(row)}")
    text, kind = row[0], row[1].strip().lower()
    if _is_guarded(text):
        text = text[1:]  # the apostrophe render_lexicon_csv put in front of a would-be formula
    try:
        entry = LexiconEntry(text.strip(), None if kind == NEVER else parse_type(kind))
        entry_key(entry.text)
    except CorrectionError as error:
        message = str(error)
        if message.startswith("unknown type"):
            message += f" or {NEVER}"
        raise CorrectionError(f"{where}: {message}") from None
    return entry


def _is_guarded(text: str) -> bool:
    """Whether ``text`` starts with apostrophes before a formula character (``'=1``, ``''=1``)."""
    return text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)


def _guarded(text: str) -> str:
    """``text`` safe in a spreadsheet, and read back unchanged: an entry that itself
    starts like a guarded cell gets one more apostrophe."""
    return "'" + text if _is_guarded(text) else spreadsheet_cell(text)
