"""One article file → what the library stores about it (runs in the indexer's worker processes).

``analyze_file`` reads and analyzes one file and returns plain, picklable
data: an ``AnalyzedArticle`` (text compressed, its folded shadow, and its
``EntityRows``: mentions by entity key, sentence co-occurrences) or a
``FailedFile`` with the one-line reason. It never raises for a bad file, so
one unreadable article never stops a run; the heavy work (analysis,
compression, folding) happens here, in parallel, and the indexer's process
only writes rows.

The user's lexicon and corrections (``reader.corrections.UserData``, read
once per run) are applied to the model's analysis, as ``analyze`` applies
them; ``EntityRows`` records which state of them (digests) and, when they
changed anything, the model's own mentions, so that ``readjust`` can apply
a newer state later without running the model (``StoredArticle`` in,
``Readjusted`` out). Without user data (``None``) the rows are the shipped
model's, as ``analyze --no-user-data`` gives them.
"""

from __future__ import annotations

import hashlib
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.document import Analysis, Mention, Source, check_analysis, document_key
from reader.entity_types import EntityType
from reader.errors import one_line
from reader.io import LoadError, load
from reader.io.loader import read_bytes
from reader.library.dates import article_date
from reader.library.schema import compress_text
from reader.library.search import indexed_text
from reader.library.stored import Row, analysis_from_rows, pack_model, rows_of

if TYPE_CHECKING:
    from reader.analysis.recognizer import Recognizer
    from reader.corrections import UserData

#: Changes when what analysis stores changes (grouping, the stored fields):
#: articles analyzed by an older version are analyzed again.
ANALYSIS_VERSION = "1"
#: Longest title kept, in characters.
MAX_TITLE = 200


@dataclass(frozen=True, slots=True)
class EntityRows:
    """What was found in one article, ready to be written. Entity keys are stable ids (``place:موصل``).

    ``lexicon`` and ``corrections`` are the digests of the user data applied
    (``UserData.lexicon_digest``, ``corrections_digest``); ``model`` holds the
    model's own mentions (``stored.pack_model``) when that data changed them.
    """

    doc_key: str  # the SHA-256 of the shown text: how corrections name the article
    lexicon: str
    corrections: str
    model: bytes | None
    counts: tuple[int, int, int, int]  # mentions of people, places, organizations, figures
    entities: tuple[tuple[str, str, str, int], ...]  # (key, type, name, mentions)
    mentions: tuple[tuple[str, int, int, str], ...]  # (key, start, end, text), text order
    cooccurrences: tuple[tuple[str, str, int], ...]  # (key, other key, shared sentences), both ways


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An analyzed article file, ready to be written."""

    path: str
    hash: str
    size: int
    mtime: float
    analyzer: str
    title: str
    title_stated: bool
    date: str  # YYYY-MM-DD
    date_stated: bool
    encoding: str
    format: str
    words: int
    text: bytes  # the shown text, UTF-8, zlib-compressed
    search_text: str  # what the full-text index holds (reader.library.search)
    rows: EntityRows


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article of the library, as ``readjust`` needs it: its text and the model's mentions."""

    article: int
    path: str
    words: int
    text: str
    recognizer: str
    model: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Readjusted:
    """The rows of a stored article with the user's data applied again (the model did not run)."""

    article: int
    path: str
    words: int
    rows: EntityRows


@dataclass(frozen=True, slots=True)
class FailedFile:
    """A file that could not be indexed, and why (one line)."""

    path: str
    reason: str


Result = TypeVar("Result", AnalyzedArticle, Readjusted)


def file_hash(data: bytes) -> str:
    """The content hash that tells a changed file from an unchanged one."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def analyzer_name(recognizer: Recognizer | None = None, *, user_data: bool = True) -> str:
    """What the mentions of an article come from: the model and its files, and this module's version.

    ``recognizer`` is the one loaded; without it, the one ``recognizer_for``
    would load (the user's accepted model with ``user_data``, else the
    shipped one). An article analyzed under another name is analyzed again:
    a retrained model or new name lists change it.
    """
    if recognizer is None:
        from reader.analysis.ner.crf import default_model_path
        from reader.analysis.ner.model import model_label
        from reader.analysis.usermodel import active_user_model

        user_model = active_user_model() if user_data else None
        folder = user_model.parent if user_model is not None else None
        name = model_label(user_model or default_model_path(), user=user_model is not None)
    else:
        model_path = getattr(getattr(recognizer, "tagger", None), "model_path", None)
        folder = Path(model_path).parent if model_path is not None else None
        name = recognizer.name
    return f"{name} {model_fingerprint(str(folder) if folder else None)}; library {ANALYSIS_VERSION}"


@cache
def model_fingerprint(folder: str | None = None) -> str:
    """A short hash of a model's folder (default: the shipped models) and the name lists
    (about 5 MB: a few milliseconds)."""
    from reader.resources import resource_path

    digest = hashlib.blake2b(digest_size=6)
    for root in (Path(folder) if folder else resource_path("models"), resource_path("gazetteers")):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                digest.update(path.name.encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()


def recognizer_for(user_data: UserData | None) -> Recognizer:
    """The model that analyzes: the user's accepted one with their data, else the shipped one."""
    from reader.analysis.pipeline import default_recognizer, shipped_recognizer

    return default_recognizer() if user_data is not None else shipped_recognizer()


def analyze_file(path: str, user_data: UserData | None = None) -> AnalyzedArticle | FailedFile:
    """Read, analyze and prepare the article at ``path``; a FailedFile instead of any exception."""
    return _failing_softly(path, _analyze_file, path, user_data)


def readjust(stored: StoredArticle, user_data: UserData | None) -> Readjusted | FailedFile:
    """``stored``'s rows with ``user_data`` applied to the model's mentions (the model is not run)."""
    return _failing_softly(stored.path, _readjust, stored, user_data)


def _failing_softly(path: str, work: Callable[..., Result], *args: object) -> Result | FailedFile:
    try:
        return work(*args)
    except LoadError as error:
        return FailedFile(path, error.reason)
    except MemoryError:
        return FailedFile(path, "not enough memory to analyze it")
    except Exception as error:  # a bug must not stop the run: the file is listed with the reason
        return FailedFile(path, f"internal error: {one_line(error, named=True)}")


def _analyze_file(path: str, user_data: UserData | None) -> AnalyzedArticle:
    from reader.analysis.pipeline import analyze

    data = read_bytes(path)
    mtime = os.stat(path).st_mtime
    source = load(path)
    recognizer = recognizer_for(user_data)
    analysis = analyze(source, recognizer)
    text = source.text
    date = article_date(data[:65536].decode("utf-8", errors="replace") if source.format != "text" else "", text, mtime)
    title, title_stated = (source.title, True) if source.title else (_first_line(text), False)
    return AnalyzedArticle(
        path=path,
        hash=file_hash(data),
        size=len(data),
        mtime=mtime,
        analyzer=analyzer_name(recognizer),
        title=title,
        title_stated=title_stated,
        date=date.date.isoformat(),
        date_stated=date.stated,
        encoding=source.encoding,
        format=source.format,
        words=len(text.split()),
        text=compress_text(text),
        search_text=indexed_text(text),
        rows=entity_rows(analysis, user_data),
    )


def _readjust(stored: StoredArticle, user_data: UserData | None) -> Readjusted:
    model = analysis_from_rows(Source(stored.text), stored.model, stored.recognizer)
    check_analysis(model)  # the stored rows fit the stored text
    return Readjusted(stored.article, stored.path, stored.words, entity_rows(model, user_data))


def entity_rows(model: Analysis, user_data: UserData | None) -> EntityRows:
    """The rows of the model's ``model`` analysis with ``user_data`` applied (None: as it is)."""
    from reader.analysis.tokens import sentence_spans
    from reader.corrections.snapshot import EMPTY_LEXICON_DIGEST

    text = model.source.text
    key = document_key(text)
    analysis, lexicon, corrections = model, EMPTY_LEXICON_DIGEST, ""
    if user_data is not None:
        analysis = user_data.apply(model)
        if analysis is not model:
            check_analysis(analysis)
        lexicon, corrections = user_data.lexicon_digest, user_data.corrections_digest(key)
    changed = analysis is not model and rows_of(analysis) != rows_of(model)
    counts = analysis.counts()
    sentence_starts = [start for start, _ in sentence_spans(text)]
    return EntityRows(
        doc_key=key,
        lexicon=lexicon,
        corrections=corrections,
        model=pack_model(model) if changed else None,
        counts=(
            counts[EntityType.PERSON],
            counts[EntityType.PLACE],
            counts[EntityType.ORGANIZATION],
            counts[EntityType.FIGURE],
        ),
        entities=tuple((e.id, e.type.value, e.name, e.count) for e in analysis.entities),
        mentions=tuple((m.entity, m.start, m.end, m.text) for m in analysis.mentions),
        cooccurrences=sentence_cooccurrences(analysis.mentions, sentence_starts),
    )


def sentence_cooccurrences(
    mentions: Sequence[Mention], sentence_starts: Sequence[int]
) -> tuple[tuple[str, str, int], ...]:
    """For each pair of named entities (not figures) sharing a sentence: how many sentences they share.

    Both directions are listed: (a, b, n) and (b, a, n). ``sentence_starts``
    are the sentences' first offsets, ascending.
    """
    in_sentence: dict[int, set[str]] = {}
    for mention in mentions:
        if mention.type is EntityType.FIGURE:
            continue
        sentence = bisect_right(sentence_starts, mention.start) - 1
        in_sentence.setdefault(sentence, set()).add(mention.entity)
    pairs: Counter[tuple[str, str]] = Counter()
    for entities in in_sentence.values():
        for a, b in combinations(sorted(entities), 2):
            pairs[a, b] += 1
    return tuple(row for (a, b), n in sorted(pairs.items()) for row in ((a, b, n), (b, a, n)))


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1] + "…"
    return ""


# --- in a worker process ------------------------------------------------------

_worker_user_data: UserData | None = None


def init_worker(user_data: UserData | None) -> None:
    """Pool initializer: remember the user's data and load the model once."""
    global _worker_user_data
    _worker_user_data = user_data
    recognizer_for(user_data)
    if user_data is not None:
        user_data.lexicon()


def analyze_in_worker(path: str) -> AnalyzedArticle | FailedFile:
    return analyze_file(path, _worker_user_data)


def readjust_in_worker(stored: StoredArticle) -> Readjusted | FailedFile:
    return readjust(stored, _worker_user_data)
