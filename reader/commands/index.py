"""``arabic-reader index PATH... [--library DB] [--jobs N] [--no-user-data]``: add files and folders to the library.

Articles are analyzed as ``analyze`` does: with the user's lexicon,
corrections and accepted model, or, with ``--no-user-data``, the shipped
model's bare output. Unchanged articles whose user data changed since they
were indexed get it applied again without running the model.

Prints a progress bar on a terminal (plain progress lines otherwise), one
line per file that cannot be indexed, and GUIDE.md's summary line on
standard output: ``indexed N articles (A analyzed, U unchanged, F failed),
W words in S s``, where N = A + U are the articles under the PATHs now in the
library and W their words.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from reader.commands import UserError
from reader.commands.library_options import add_library_option, warn
from reader.library import FileIndexed, Indexer, IndexSummary
from reader.storage import StorageError

#: Without a terminal, a progress line at most this often.
PLAIN_PROGRESS_SECONDS = 2.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Add article files and folders (.txt .html .htm .md, recursively) to the library."
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder of articles")
    add_library_option(parser)
    parser.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N", help="analysis processes (default: the number of cores)"
    )
    parser.add_argument(
        "--no-user-data",
        action="store_true",
        help="the bare model output: without your lexicon, your corrections or your trained model",
    )


def run(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not os.path.lexists(path):
            raise UserError(f"cannot index {path!r}: no such file or folder")
    user_data = None
    if not args.no_user_data:
        from reader.corrections.store import read_user_data

        user_data = read_user_data(warn=warn)
    indexer = Indexer(args.paths, args.library, jobs=args.jobs, user_data=user_data, warn=warn)
    progress = _Progress(sys.stderr.isatty())
    try:
        summary = None
        for event in indexer.run():
            if isinstance(event, FileIndexed):
                progress.file(event)
            elif isinstance(event, IndexSummary):
                summary = event
    except StorageError as error:
        raise UserError(str(error)) from None
    finally:
        progress.close()
    assert summary is not None
    if summary.removed:
        print(f"removed {summary.removed} articles whose files are gone or unreadable", file=sys.stderr)
    if summary.updated:
        print(
            f"applied your corrections and lexicon again to {summary.updated} unchanged articles"
            " (counted as analyzed; the model did not run)",
            file=sys.stderr,
        )
    print(summary.line())
    return 0


class _Progress:
    """A tqdm bar on a terminal; elsewhere a plain line every few seconds. Failures always get a line."""

    def __init__(self, terminal: bool) -> None:
        self.bar: Any = None  # a tqdm bar, made on the first file (tqdm is imported only for a terminal)
        self.terminal = terminal
        self.last_line = time.monotonic()
        self.counts = {"analyzed": 0, "updated": 0, "unchanged": 0, "failed": 0}

    def file(self, event: FileIndexed) -> None:
        if event.status in self.counts:
            self.counts[event.status] += 1
        if event.status == "failed":
            self._write(f"skipped {event.path!r}: {event.reason}")
        if self.terminal:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=event.total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)
            bar = self.bar
            bar.n = event.done
            bar.set_postfix(self.counts, refresh=False)
            bar.update(0)
        elif time.monotonic() - self.last_line >= PLAIN_PROGRESS_SECONDS and event.status != "removed":
            self.last_line = time.monotonic()
            counts = ", ".join(f"{n} {status}" for status, n in self.counts.items())
            print(f"indexing: {event.done}/{event.total} files ({counts})", file=sys.stderr, flush=True)

    def _write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {value!r}") from None
    if not 1 <= jobs <= 256:
        raise argparse.ArgumentTypeError(f"--jobs {jobs} is out of range (1..256)")
    return jobs
