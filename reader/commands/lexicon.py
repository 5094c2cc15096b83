"""``arabic-reader lexicon``: the reader's "always tag / never tag" list, used in every article.

    arabic-reader lexicon add TEXT TYPE          always tag TEXT as TYPE
    arabic-reader lexicon ignore TEXT            never tag TEXT
    arabic-reader lexicon remove TEXT            forget the entry TEXT matches
    arabic-reader lexicon list [--format json|csv]
    arabic-reader lexicon import FILE.csv        columns text,type (type "none" = ignore)
    arabic-reader lexicon export FILE.csv

TEXT matches as grouping compares names: الموصل also matches بالموصل and
المَوْصِل, and one entry stands for all of them (adding موصل replaces الموصل).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from reader.commands import UserError
from reader.commands.userdata import as_user_errors, open_store

if TYPE_CHECKING:
    from reader.corrections.lexicon import LexiconEntry

ACTIONS = ("add", "ignore", "remove", "list", "import", "export")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n")[0].split(": ", 1)[1]
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="always tag TEXT as TYPE")
    add.add_argument("text", metavar="TEXT")
    add.add_argument("type", metavar="TYPE", help="person, place, organization or figure")
    ignore = actions.add_parser("ignore", help="never tag TEXT")
    ignore.add_argument("text", metavar="TEXT")
    remove = actions.add_parser("remove", help="forget the entry TEXT matches")
    remove.add_argument("text", metavar="TEXT")
    listing = actions.add_parser("list", help="print the lexicon")
    listing.add_argument("--format", choices=("text", "json", "csv"), default="text", help="(default: text)")
    importing = actions.add_parser("import", help="add the entries of a CSV file (columns text,type)")
    importing.add_argument("file", metavar="FILE.csv")
    exporting = actions.add_parser("export", help="write the lexicon as CSV (columns text,type)")
    exporting.add_argument("file", metavar="FILE.csv")


def run(args: argparse.Namespace) -> int:
    with as_user_errors():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from reader.corrections.kinds import check_name, parse_type
    from reader.corrections.lexicon import entry_key
    from reader.corrections.lexicon_csv import NEVER, read_lexicon_csv, render_lexicon_csv

    # Check what the user typed before touching the database.
    if args.action in ("add", "ignore", "remove"):
        entry_key(args.text)
    entity_type = parse_type(args.type) if args.action == "add" else None
    imported = read_lexicon_csv(args.file) if args.action == "import" else None

    store = open_store(required=True)
    assert store is not None
    with store:
        if args.action in ("add", "ignore"):
            previous = store.set_lexicon_entry(args.text, entity_type)
            what = f"always tagged as {entity_type}" if entity_type else "never tagged"
            replaced = f" (was: {_describe(previous)})" if previous and previous.text != check_name(args.text) else ""
            print(f"{check_name(args.text)}: {what}{replaced}")
        elif args.action == "remove":
            removed = store.remove_lexicon_entry(args.text)
            if removed is None:
                raise UserError(f"the lexicon has no entry for {check_name(args.text)!r}")
            print(f"removed {_describe(removed)}")
        elif args.action == "list":
            entries = store.lexicon_entries()
            if args.format == "json":
                data = [{"text": e.text, "type": NEVER if e.type is None else e.type.value} for e in entries]
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            elif args.format == "csv":
                sys.stdout.write(render_lexicon_csv(entries))
            else:
                for entry in entries:
                    print(f"{NEVER if entry.type is None else entry.type.value:<13} {entry.text}")
        elif args.action == "import":
            assert imported is not None
            count = store.import_lexicon(imported)
            print(f"imported {count:,} entries from {args.file}")
        elif args.action == "export":
            entries = store.lexicon_entries()
            _export(args.file, render_lexicon_csv(entries), len(entries))
    return 0


def _describe(entry: LexiconEntry) -> str:
    return f"{entry.text} → {'never' if entry.type is None else entry.type.value}"


def _export(path: str, data: str, count: int) -> None:
    from reader.io import WriteError, write_atomic

    try:
        write_atomic(path, data, encoding="utf-8-sig")
    except WriteError as error:
        raise UserError(str(error)) from None
    print(f"exported {count:,} entries to {path}")
