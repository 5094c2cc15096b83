"""``arabic-reader correct FILE``: fix one thing the model got wrong in an article, for good.

    --mark START END TYPE     the text [START, END) is a TYPE
    --unmark START END        nothing in [START, END) is an entity
    --retype ENTITY TYPE      the entity (an id from ``analyze``) and all its mentions are a TYPE
    --rename ENTITY NAME      call the entity NAME
    --merge ENTITY INTO       the entity is the entity INTO
    --split START END         the mention [START, END) is not the entity it was grouped with

Offsets are code points of the text ``analyze`` prints. The correction is
kept for the article's text wherever the file is (``analyze`` and
``export`` apply it from now on); one line says what was done.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader.commands import UserError, load_source
from reader.commands.userdata import as_user_errors, open_store

if TYPE_CHECKING:
    from reader.corrections import Correction, Corrector


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n")[0].split(": ", 1)[1]
    parser.add_argument("file", help="article file (text, HTML or Markdown)")
    parser.add_argument("--encoding", help="decode the file with this codec instead of detecting it")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--mark", nargs=3, metavar=("START", "END", "TYPE"), help="the text [START, END) is a TYPE")
    what.add_argument("--unmark", nargs=2, type=int, metavar=("START", "END"), help="no entity in [START, END)")
    what.add_argument("--retype", nargs=2, metavar=("ENTITY", "TYPE"), help="the entity and its mentions are a TYPE")
    what.add_argument("--rename", nargs=2, metavar=("ENTITY", "NAME"), help="call the entity NAME")
    what.add_argument("--merge", nargs=2, metavar=("ENTITY", "INTO"), help="the entity is the entity INTO")
    what.add_argument(
        "--split", nargs=2, type=int, metavar=("START", "END"), help="the mention is an entity of its own"
    )


def run(args: argparse.Namespace) -> int:
    with as_user_errors():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from reader.analysis.pipeline import analyze
    from reader.corrections import Corrector
    from reader.document import document_key

    correction = _parse(args)  # bad numbers and types fail before the slow part
    source = load_source(args.file, args.encoding)
    store = open_store(required=True)
    assert store is not None
    with store:
        corrector = Corrector(analyze(source), store.lexicon())
        for earlier in store.corrections(document_key(source.text)):
            corrector.apply(earlier)
        correction = _checked(correction, corrector)
        if not corrector.apply(correction):
            raise UserError(f"{_describe(correction, source.text)} changes nothing")
        store.add_correction(source, correction)
    print(_describe(correction, source.text))
    return 0


def _parse(args: argparse.Namespace) -> Correction:
    from reader.corrections import Mark, Merge, Rename, Retype, Split, Unmark
    from reader.corrections.kinds import check_name, parse_type

    if args.mark:
        start, end = _offset(args.mark[0]), _offset(args.mark[1])
        return Mark(start, end, parse_type(args.mark[2]))
    if args.unmark:
        return Unmark(*args.unmark)
    if args.split:
        return Split(*args.split)
    if args.retype:
        return Retype(args.retype[0], parse_type(args.retype[1]))
    if args.rename:
        return Rename(args.rename[0], check_name(args.rename[1]))
    return Merge(*args.merge)


def _offset(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise UserError(f"expected an offset (a whole number), not {value!r}") from None


def _checked(correction: Correction, corrector: Corrector) -> Correction:
    """``correction``, trimmed to the text it names; UserError (one line) if it names nothing there."""
    from reader.corrections import Mark, Merge, Split, Unmark

    analysis = corrector.analysis()
    text = analysis.source.text
    if isinstance(correction, Mark | Unmark | Split):
        start, end = correction.start, correction.end
        if not 0 <= start < end <= len(text):
            raise UserError(f"[{start}, {end}) is not a stretch of the text (offsets 0 to {len(text)}, start < end)")
        if isinstance(correction, Mark):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                raise UserError(f"[{correction.start}, {correction.end}) is only white space")
            return Mark(start, end, correction.type)
        found = [m for m in analysis.mentions if m.start < end and start < m.end]
        if isinstance(correction, Unmark) and not found:
            raise UserError(f"nothing is highlighted in [{start}, {end})")
        if isinstance(correction, Split) and not any((m.start, m.end) == (start, end) for m in found):
            raise UserError(f"no mention is exactly [{start}, {end}); use the offsets analyze prints")
        return correction
    for entity in (correction.entity, *([correction.into] if isinstance(correction, Merge) else [])):
        if not analysis.has_entity(entity):
            raise UserError(f"the article has no entity {entity!r}; analyze prints the ids it has")
    return correction


def _describe(correction: Correction, text: str) -> str:
    from reader.corrections import Mark, Merge, Rename, Retype, Split, Unmark

    if isinstance(correction, Mark | Unmark | Split):
        where = f"[{correction.start}, {correction.end}) {text[correction.start : correction.end]!r}"
        if isinstance(correction, Mark):
            return f"marked {where} as {correction.type}"
        return f"unmarked {where}" if isinstance(correction, Unmark) else f"split {where} off its entity"
    if isinstance(correction, Retype):
        return f"retyped {correction.entity} as {correction.type}"
    if isinstance(correction, Rename):
        return f"renamed {correction.entity} to {correction.name!r}"
    assert isinstance(correction, Merge)
    return f"merged {correction.entity} into {correction.into}"
