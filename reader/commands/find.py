"""``arabic-reader find NAME [--library DB] [--format text|json] [--text]``: the articles naming an entity.

NAME is any spelling of any variant of the entity, or its id (``place:موصل``).
``--format json`` prints GUIDE.md's ``[{"path", "title", "mentions":
[{"start", "end", "text"}]}]``, offsets into each article's shown text,
oldest article first. ``--text`` searches the articles' text for NAME
instead (folded as the Find bar folds; newest first, at most ``--limit``).
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.library_options import add_library_option, open_existing, resolve
from reader.library import keyword_in_context
from reader.library.tables import render_hits_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "List the articles of the library that mention an entity, with the mentions."
    parser.add_argument("name", metavar="NAME", help="the entity: a name in any spelling, or its id")
    add_library_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--text", action="store_true", help="search the articles' text for NAME instead")
    parser.add_argument("--limit", type=int, default=100, metavar="N", help="with --text: at most N articles (100)")


def run(args: argparse.Namespace) -> int:
    with open_existing(args) as library:
        if args.text:
            found = library.search(args.name, limit=max(1, args.limit))
        else:
            entities = resolve(library, args.name)
            found = library.find(entities) if entities else []
            if entities and args.format == "text":
                for e in entities:
                    print(f"{e.name} ({e.id}): {e.articles} articles, {e.mentions} mentions", file=sys.stderr)
        if args.format == "json":
            sys.stdout.write(render_hits_json(found))
            return 0
        for hits in found:
            print(f"{hits.article.path}  {hits.article.date}  {hits.article.title}")
            text = library.article_text(hits.article.id)
            for hit in hits.hits:
                before, match, after = keyword_in_context(text, hit.start, hit.end)
                print(f"  {hit.start:>7}  …{before}[{match}]{after}…")
    return 0
