"""``arabic-reader dossier NAME -o OUT.html [--library DB]``: one entity's dossier across the library.

Writes OUT.html (every article and sentence naming the entity) and, in the
folder ``OUT_articles`` beside it, each of those articles' highlighted
export, which the dossier's mentions link to.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands import UserError
from reader.commands.library_options import add_library_option, open_existing, resolve
from reader.export import ExportError
from reader.io import TargetExistsError, WriteError
from reader.library.dossier import write_dossier


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Write an HTML dossier of an entity: every article and sentence of the library naming it."
    parser.add_argument("name", metavar="NAME", help="the entity: a name in any spelling, or its id")
    add_library_option(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT.html", help="the dossier page to write")
    parser.add_argument(
        "--force", action="store_true", help="replace OUT.html (and its articles' exports) if it exists"
    )


def run(args: argparse.Namespace) -> int:
    if Path(args.output).suffix.lower() not in (".html", ".htm"):
        raise UserError(f"cannot write a dossier to {args.output!r}: use a .html file")
    with open_existing(args) as library:
        entities = resolve(library, args.name)
        if not entities:
            return 1
        try:
            write_dossier(library, entities, args.output, overwrite=args.force)
        except TargetExistsError as error:
            raise UserError(f"{error}; use --force to replace it") from None
        except (WriteError, ExportError) as error:
            raise UserError(str(error)) from None
    return 0
