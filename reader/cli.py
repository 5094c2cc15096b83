"""The command line: GUI launch and headless subcommands (GUIDE.md's contract).

    arabic-reader [FILE]                               open the window
    arabic-reader open FILE --screenshot OUT.png       render the window to PNG
    arabic-reader analyze FILE [--format json|tsv]     print the analysis
    arabic-reader export FILE -o OUT.html|.json|.csv   write an export (--force replaces OUT)
    arabic-reader lexicon|correct|learn ...            your lexicon and corrections (reader.commands)

Exit codes: 0 success, 2 bad usage, 1 unreadable or unsupported input (one
line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from reader.commands import MODULES, UserError
from reader.errors import one_line

PROG = "arabic-reader"
SUBCOMMANDS = ("open", "analyze", "export", *MODULES)
MODELS = ("auto", "offline", "bert")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1400x900, not {value!r}") from None
    if not (100 <= width <= 10000 and 100 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"size {value} is out of range (100..10000 per side)")
    return width, height


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-user-data",
        action="store_true",
        help="the bare model output: without your lexicon, your corrections or your trained model",
    )
    parser.add_argument(
        "--model",
        choices=MODELS,
        default="auto",
        help="recognizer for names: camel-tools' BERT when installed (auto), "
        "the offline model, or BERT only (default: auto)",
    )


class _VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked (importlib.metadata costs
    25–50 ms, which every launch of the window paid when the parser was built)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=str(kwargs.get("help")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from reader.version import app_version

        print(f"{parser.prog} {app_version()}")  # on stdout, as argparse's own version action
        parser.exit()


def build_parser(subcommand: str | None) -> argparse.ArgumentParser:
    """The parser for one form of the command line."""
    if subcommand is None:
        parser = _Parser(
            prog=PROG,
            description="Read Arabic news with people, places, organizations and figures highlighted.",
            epilog=f"Subcommands: {', '.join(SUBCOMMANDS)} (see `arabic-reader SUBCOMMAND --help`).",
        )
        parser.add_argument("file", nargs="?", help="article to open (text, HTML or Markdown)")
        parser.add_argument("--lang", choices=("ar", "en"), help="interface language")
        parser.add_argument("--theme", choices=("light", "dark"), help="color theme")
        parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
        return parser
    parser = _Parser(prog=f"{PROG} {subcommand}")
    if subcommand in MODULES:
        _command(subcommand).add_arguments(parser)
        return parser
    parser.add_argument("file", help="article file (text, HTML or Markdown)")
    parser.add_argument("--encoding", help="decode the file with this codec instead of detecting it")
    if subcommand == "open":
        parser.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window and exit")
        parser.add_argument("--size", type=_size, metavar="WxH", help="window size for --screenshot (default 1400x900)")
        parser.add_argument("--lang", choices=("ar", "en"), help="interface language")
        parser.add_argument("--theme", choices=("light", "dark"), help="color theme")
    elif subcommand == "analyze":
        parser.add_argument("--format", choices=("json", "tsv"), default="json", help="output format (default json)")
        _add_model_option(parser)
    elif subcommand == "export":
        parser.add_argument("-o", "--output", required=True, metavar="OUT", help="output file: .html, .json or .csv")
        parser.add_argument(
            "--force", action="store_true", help="replace OUT if it exists (a read-only file is still never replaced)"
        )
        _add_model_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        _run_multiprocessing_child_if_asked()
    args_list = list(sys.argv[1:] if argv is None else argv)
    subcommand = args_list[0] if args_list and args_list[0] in SUBCOMMANDS else None
    parser = build_parser(subcommand)
    args = parser.parse_args(args_list[1:] if subcommand else args_list)
    try:
        if subcommand in MODULES:
            status: int = _command(subcommand).run(args)
            return status
        if subcommand == "analyze":
            return _analyze(args)
        if subcommand == "export":
            return _export(args)
        return _gui(args, subcommand)
    except UserError as error:
        print(f"{PROG}: {one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `arabic-reader analyze x | head`: the reader left, nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (so the interpreter's final flush is silent)
        return 1
    except Exception as error:  # a bug or a broken install: still one line, no traceback
        if os.environ.get("ARABIC_READER_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {one_line(error, named=True)} (set ARABIC_READER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


def _command(subcommand: str) -> ModuleType:
    """The module implementing ``subcommand`` (see ``reader.commands``)."""
    return importlib.import_module(f"reader.commands.{MODULES[subcommand]}")


def _run_multiprocessing_child_if_asked() -> None:
    """In the app bundle: be the child process that ``multiprocessing`` started, if this is one.

    A frozen app has no Python interpreter to spawn: the window's analysis
    process (``reader.jobs.process``) and multiprocessing's resource
    tracker are started as the bundle's own executable with
    ``--multiprocessing-fork ...`` or ``-B -S -I -c ...`` arguments. PyInstaller's
    ``freeze_support`` recognizes them, runs the child's code and exits; this
    must come before the arguments are parsed as the app's own.
    """
    import multiprocessing

    multiprocessing.freeze_support()


def _load(path: str, encoding: str | None = None):
    from reader.commands import load_source

    return load_source(path, encoding)


def _recognizer(model: str):
    """The recognizer for names that ``--model`` asks for."""
    if model == "offline":
        return None  # the pipeline's default
    from reader.analysis.bert import BertUnavailable, find_bert_model

    try:
        return find_bert_model()
    except BertUnavailable as error:
        if model == "bert":
            raise UserError(error.reason) from None
        return None


def _analysis(args, source=None):
    from reader.analysis.ner import ModelError
    from reader.commands.userdata import analyze_source

    if source is None:
        source = _load(args.file, args.encoding)
    try:
        return analyze_source(source, _recognizer(args.model), user_data=not args.no_user_data)
    except ModelError as error:  # a broken install: say what is missing and how to fix it
        raise UserError(str(error)) from None


def _analyze(args) -> int:
    from reader.export import ExportError, iter_json, render_tsv

    analysis = _analysis(args)
    if args.format == "json":
        try:
            # In pieces: the JSON of a 60 MB article would take a gigabyte as one string.
            for piece in iter_json(analysis):
                sys.stdout.write(piece)
        except ExportError as error:
            raise UserError(str(error)) from None
    else:
        sys.stdout.write(render_tsv(analysis))
    return 0


def _export(args) -> int:
    from reader.export import ExportError, ExportExistsError, check_export_path, export

    source = _load(args.file, args.encoding)
    try:
        # Every problem with the output is found before minutes of analysis.
        check_export_path(args.output, source=source.path, overwrite=args.force)
        export(_analysis(args, source), args.output, overwrite=args.force)
    except ExportExistsError as error:
        raise UserError(f"{error}; use --force to replace it") from None
    except ExportError as error:
        raise UserError(str(error)) from None
    return 0


def _gui(args, subcommand: str | None) -> int:
    if subcommand == "open" and args.screenshot is None and args.size is not None:
        raise UserError("--size only applies with --screenshot")
    if subcommand == "open":
        _load(args.file, args.encoding)  # fail fast, in one line, before Qt starts
    from reader.ui.app import run

    return run(
        args.file,
        encoding=getattr(args, "encoding", None),  # the codec the file was just checked with
        screenshot=getattr(args, "screenshot", None),
        size=getattr(args, "size", None),
        lang=args.lang,
        theme=args.theme,
    )
