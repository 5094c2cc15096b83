"""``arabic-reader entities [--library DB] [--type T] [--format text|json|csv] [-o FILE]``: the library's entities.

Most articles first. ``--format json`` prints GUIDE.md's
``[{"id", "type", "name", "articles", "mentions", "variants"}]``; ``csv`` a
table for spreadsheets (with first and last dates); ``-o FILE.csv|.json``
writes the table to a file instead (CSV with a byte-order mark); an existing
FILE is replaced only with ``--force``. The table is printed from the lines
the library keeps ready (``reader.library.tables.entity_table``).
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys

from reader.commands import UserError
from reader.commands.library_options import add_library_option, open_existing
from reader.entity_types import EntityType
from reader.io import TargetExistsError, WriteError
from reader.library.lines import TABLE_FORMATS
from reader.library.tables import entity_table, write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "List the entities of the library, those in most articles first."
    add_library_option(parser)
    parser.add_argument("--type", choices=[t.value for t in EntityType], help="only entities of this type")
    parser.add_argument("--format", choices=TABLE_FORMATS, default="text", help="output format (default text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the table to FILE.csv or FILE.json")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    with open_existing(args) as library:
        if not args.output:
            write_stdout(entity_table(library, args.format, args.type))
            return 0
        try:
            write_table(library, args.output, entity_type=args.type, overwrite=args.force)
        except TargetExistsError as error:
            raise UserError(f"{error}; use --force to replace it") from None
        except (WriteError, ValueError) as error:
            raise UserError(str(error)) from None
    return 0


def write_stdout(data: bytes) -> None:
    """UTF-8 ``data`` on standard output: as bytes where it is UTF-8 with no line-end translation
    (no decoding and encoding again), else as the text it is."""
    buffer = getattr(sys.stdout, "buffer", None)
    encoding = getattr(sys.stdout, "encoding", None) or ""
    if buffer is not None and os.linesep == "\n" and _is_utf8(encoding):
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
