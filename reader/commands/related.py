"""``arabic-reader related NAME [--library DB] [--format text|json]``: who and what appears with an entity.

Co-occurrence is **the same sentence**: an entity is related when some
sentence of some article names both (figures are left out). JSON:
``[{"id", "type", "name", "sentences", "articles"}]``, most shared sentences
first, ``sentences`` and ``articles`` counting what the two share.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.library_options import add_library_option, open_existing, resolve
from reader.library.tables import render_related_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "List the entities that share sentences with an entity, with counts."
    parser.add_argument("name", metavar="NAME", help="the entity: a name in any spelling, or its id")
    add_library_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")


def run(args: argparse.Namespace) -> int:
    with open_existing(args) as library:
        entities = resolve(library, args.name)
        related = library.related(entities) if entities else []
    if args.format == "json":
        sys.stdout.write(render_related_json(related))
        return 0
    for r in related:
        print(f"{r.sentences:>6} sentences {r.articles:>5} articles  {r.entity.type.value:<12}  {r.entity.name}")
    return 0
