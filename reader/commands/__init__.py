"""Subcommands of the command line that live in modules of their own.

``reader.cli`` parses the first word of the command line; a subcommand
named in ``MODULES`` is handed to its module, which provides::

    def add_arguments(parser: argparse.ArgumentParser) -> None: ...
    def run(args: argparse.Namespace) -> int: ...   # the exit status

``run`` raises ``UserError`` for a problem the user can fix (one line on
stderr, exit status 1); ``reader.cli`` prints it. Modules are imported only
when their subcommand runs, so ``arabic-reader analyze`` never pays for the
library's imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.document import Source

#: Subcommand → module (under reader.commands) that implements it, in the order ``--help`` lists them.
MODULES: dict[str, str] = {
    "lexicon": "lexicon",
    "correct": "correct",
    "learn": "learn",
    "index": "index",
    "entities": "entities",
    "find": "find",
    "related": "related",
    "dossier": "dossier",
}


class UserError(Exception):
    """A one-line problem the user can fix: printed on stderr, exit status 1."""


def load_source(path: str, encoding: str | None = None) -> Source:
    """The article at ``path`` (UserError, one line, if it cannot be read)."""
    from reader.io import LoadError, load

    try:
        return load(path, encoding=encoding)
    except LoadError as error:
        raise UserError(str(error)) from None
