"""``arabic-reader learn``: improve the offline model with your corrections.

    arabic-reader learn [--data DIR] [--yes | --no]   retrain, show both scores, switch if you accept
    arabic-reader learn --accept                      switch to the model the last run made
    arabic-reader learn --reset                       go back to the model that ships with the app
    arabic-reader learn --status                      which model is in use

Retraining takes minutes (``docs/corrections.md``): a progress bar shows on
a terminal, Ctrl+C cancels and changes nothing. On a terminal you are asked
whether to switch; otherwise ``--yes`` switches and ``--no`` (the default)
keeps the current model and the new one for ``--accept``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands import UserError
from reader.commands.userdata import open_store

if TYPE_CHECKING:
    from reader.corrections.learn import LearnResult


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n")[0].split(": ", 1)[1]
    parser.add_argument(
        "--data", type=Path, metavar="DIR", help="folder with the ANERcorp files (default: beside the app)"
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--yes", action="store_true", help="switch to the new model without asking")
    what.add_argument("--no", action="store_true", help="keep the current model (the new one stays for --accept)")
    what.add_argument("--accept", action="store_true", help="switch to the model the last run made")
    what.add_argument("--reset", action="store_true", help="go back to the shipped model")
    what.add_argument("--status", action="store_true", help="say which model is in use")


def run(args: argparse.Namespace) -> int:
    from reader.corrections.learn import LearnError

    try:
        return _run(args)
    except LearnError as error:
        raise UserError(str(error)) from None


def _run(args: argparse.Namespace) -> int:
    from reader.analysis.usermodel import CANDIDATE, active_user_model, model_file
    from reader.corrections import learn

    if args.status:
        active = active_user_model()
        print(f"in use: your model, {active}" if active else "in use: the shipped model")
        if model_file(CANDIDATE).is_file():
            print(f"a new model awaits: {model_file(CANDIDATE)} (learn --accept switches to it)")
        return 0
    if args.reset:
        print("back to the shipped model" if learn.reset() else "the shipped model was already in use")
        return 0
    store = open_store(required=True)
    assert store is not None
    with store:
        if args.accept:
            print(f"switched to your model: {learn.accept(store)}")
            return 0
        result = _learn(store.path, args.data)
        print(_summary(result))
        if _wants_switch(args, result):
            learn.accept(store, result)
            print("switched to the new model (learn --reset goes back to the shipped one)")
        else:
            print("kept the current model; `arabic-reader learn --accept` switches to the new one")
    return 0


def _learn(store_path: Path, data: Path | None) -> LearnResult:
    """Run learning in a child process, with a progress bar on a terminal; Ctrl+C cancels."""
    from reader.corrections.learn import LearnError, LearnProcess

    process = LearnProcess(store_path, data)
    process.start()
    bar = sys.stderr.isatty()
    shown = ""
    try:
        while True:
            report = process.poll(timeout=0.5)
            if report is None:
                continue
            if report[0] != "progress":
                break
            _, fraction, message = report
            if bar:
                filled = int(fraction * 30)
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} {message:<60}")
                sys.stderr.flush()
            elif message != shown:
                print(f"{message} ...", file=sys.stderr)
                shown = message
    except KeyboardInterrupt:
        process.cancel()
        if bar:
            sys.stderr.write("\n")
        raise UserError("learning cancelled; nothing changed") from None
    finally:
        if bar:
            sys.stderr.write("\r" + " " * 100 + "\r")
    if report[0] != "done":
        raise LearnError(report[1])
    result: LearnResult = report[1]
    return result


def _summary(result: LearnResult) -> str:
    minutes, seconds = divmod(round(result.seconds), 60)
    return "\n".join(
        [
            f"learned from {result.user_sentences:,} corrected sentences in {result.documents:,} articles "
            f"(each counted {_weight()}×) and {result.training_sentences:,} ANERcorp sentences "
            f"in {minutes} min {seconds:02d} s",
            f"scores on {result.held_out} (people, places, organizations):",
            f"  current model  F1 {result.old.f1:.4f}  (precision {result.old.precision:.4f}, "
            f"recall {result.old.recall:.4f})",
            f"  new model      F1 {result.new.f1:.4f}  (precision {result.new.precision:.4f}, "
            f"recall {result.new.recall:.4f})",
        ]
    )


def _weight() -> int:
    from reader.corrections.learn import USER_WEIGHT

    return USER_WEIGHT


def _wants_switch(args: argparse.Namespace, result: LearnResult) -> bool:
    if args.yes or args.no:
        return bool(args.yes)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    verdict = "better" if result.better else "not better"
    try:
        answer = input(f"the new model scores {verdict}; switch to it? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
