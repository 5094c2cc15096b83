"""What the library's subcommands share: the ``--library`` option, opening it, naming an entity."""

from __future__ import annotations

import argparse
import sys

from reader.commands import UserError
from reader.library import EntitySummary, Library
from reader.storage import StorageError


def add_library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library", metavar="DB", help="the library database (default: library.sqlite3 in the data folder)"
    )


def open_existing(args: argparse.Namespace) -> Library:
    """The library ``--library`` names, its statistics up to date; UserError when there is none."""
    try:
        library = Library.open(args.library, warn=warn)
        library.refresh_if_stale()
    except StorageError as error:
        raise UserError(str(error)) from None
    return library


def resolve(library: Library, name: str) -> list[EntitySummary]:
    """The entities ``name`` names; when none, a line on stderr suggesting close names."""
    entities = library.resolve(name)
    if not entities:
        close = ", ".join(f"{e.name} ({e.id})" for e in library.suggest(name))
        print(
            f"no entity named {name!r} in the library" + (f"; did you mean: {close}" if close else ""), file=sys.stderr
        )
    return entities


def warn(message: str) -> None:
    print(f"arabic-reader: {message}", file=sys.stderr)
