"""``arabic-reader entities [--library DB] [--type T] [--format text|json|csv] [-o FILE]``: the library's entities.

Most articles first. ``--format json`` prints GUIDE.md's
``[{"id", "type", "name", "articles", "mentions", "variants"}]``; ``csv`` a
table for spreadsheets (with first and last dates); ``-o FILE.csv|.json``
writes the table to a file instead (CSV with a byte-order mark); an existing
FILE is replaced only with ``--force``.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands import UserError
from reader.commands.library_options import add_library_option, open_existing
from reader.entity_types import EntityType
from reader.io import TargetExistsError, WriteError
from reader.library.tables import json_lines, render_entities_csv, write_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "List the entities of the library, those in most articles first."
    add_library_option(parser)
    parser.add_argument("--type", choices=[t.value for t in EntityType], help="only entities of this type")
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format (default text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the table to FILE.csv or FILE.json")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    with open_existing(args) as library:
        if args.format == "json" and not args.output:
            sys.stdout.write(json_lines(library.entities_as_json(args.type)))
            return 0
        entities = library.entities(args.type)
    if args.output:
        try:
            write_table(entities, args.output, overwrite=args.force)
        except TargetExistsError as error:
            raise UserError(f"{error}; use --force to replace it") from None
        except (WriteError, ValueError) as error:
            raise UserError(str(error)) from None
        return 0
    if args.format == "csv":
        sys.stdout.write(render_entities_csv(entities))
    else:
        for e in entities:
            print(f"{e.articles:>6} {e.mentions:>7}  {e.type.value:<12}  {e.name}")
    return 0
