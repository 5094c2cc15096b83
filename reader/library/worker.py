"""One article file → what the library stores about it (runs in the indexer's worker processes).

``analyze_file`` reads and analyzes one file and returns plain, picklable
data: an ``AnalyzedArticle`` (text compressed, its folded shadow, mentions by
entity key, sentence co-occurrences) or a ``FailedFile`` with the one-line
reason. It never raises for a bad file, so one unreadable article never
stops a run; the heavy work (analysis, compression, folding) happens here,
in parallel, and the indexer's process only writes rows.

``adjust`` applies the user's corrections and lexicon to each Analysis
(issue 11); it must be a module-level function so worker processes can
receive it.
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

from reader.document import Analysis, Mention, check_analysis
from reader.entity_types import EntityType
from reader.errors import one_line
from reader.io import LoadError, load
from reader.io.loader import read_bytes
from reader.library.dates import article_date
from reader.library.schema import compress_text
from reader.library.search import indexed_text

#: Changes when what analysis stores changes (grouping, the stored fields):
#: articles analyzed by an older version are analyzed again.
ANALYSIS_VERSION = "1"
#: Longest title kept, in characters.
MAX_TITLE = 200

#: Applies the user's corrections and lexicon to an analysis (None: the bare model).
Adjust = Callable[[Analysis], Analysis]


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An analyzed article, ready to be written. Entity keys are stable ids (``place:موصل``)."""

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
    counts: tuple[int, int, int, int]  # mentions of people, places, organizations, figures
    text: bytes  # the shown text, UTF-8, zlib-compressed
    search_text: str  # what the full-text index holds (reader.library.search)
    entities: tuple[tuple[str, str, str, int], ...]  # (key, type, name, mentions)
    mentions: tuple[tuple[str, int, int, str], ...]  # (key, start, end, text), text order
    cooccurrences: tuple[tuple[str, str, int], ...]  # (key, other key, shared sentences), both ways


@dataclass(frozen=True, slots=True)
class FailedFile:
    """A file that could not be indexed, and why (one line)."""

    path: str
    reason: str


def file_hash(data: bytes) -> str:
    """The content hash that tells a changed file from an unchanged one."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def analyzer_name(adjust_version: str = "") -> str:
    """What the mentions of an article come from: the model and its files, this module, the user's data.

    An article analyzed under another name is analyzed again: a retrained
    model, new name lists or changed user data all change it.
    """
    from reader.analysis.ner.crf import OfflineRecognizer

    name = f"{OfflineRecognizer.name} {model_fingerprint()}; library {ANALYSIS_VERSION}"
    return f"{name}; user data {adjust_version}" if adjust_version else name


@cache
def model_fingerprint() -> str:
    """A short hash of the shipped model and name lists (about 5 MB: a few milliseconds)."""
    from reader.resources import resource_path

    digest = hashlib.blake2b(digest_size=6)
    for folder in ("models", "gazetteers"):
        for path in sorted(resource_path(folder).rglob("*")):
            if path.is_file() and path.suffix != ".md":
                digest.update(path.name.encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()


def analyze_file(path: str, adjust: Adjust | None = None, adjust_version: str = "") -> AnalyzedArticle | FailedFile:
    """Read, analyze and prepare the article at ``path``; a FailedFile instead of any exception."""
    try:
        return _analyze_file(path, adjust, adjust_version)
    except LoadError as error:
        return FailedFile(path, error.reason)
    except MemoryError:
        return FailedFile(path, "not enough memory to analyze it")
    except Exception as error:  # a bug must not stop the run: the file is listed with the reason
        return FailedFile(path, f"internal error: {one_line(error, named=True)}")


def _analyze_file(path: str, adjust: Adjust | None, adjust_version: str) -> AnalyzedArticle:
    from reader.analysis.pipeline import analyze
    from reader.analysis.tokens import sentence_spans

    data = read_bytes(path)
    mtime = os.stat(path).st_mtime
    source = load(path)
    analysis = analyze(source)
    if adjust is not None:
        analysis = adjust(analysis)
        check_analysis(analysis)
    text = source.text
    date = article_date(data[:65536].decode("utf-8", errors="replace") if source.format != "text" else "", text, mtime)
    title, title_stated = (source.title, True) if source.title else (_first_line(text), False)
    sentence_starts = [start for start, _ in sentence_spans(text)]
    counts = analysis.counts()
    return AnalyzedArticle(
        path=path,
        hash=file_hash(data),
        size=len(data),
        mtime=mtime,
        analyzer=analyzer_name(adjust_version),
        title=title,
        title_stated=title_stated,
        date=date.date.isoformat(),
        date_stated=date.stated,
        encoding=source.encoding,
        format=source.format,
        words=len(text.split()),
        counts=(
            counts[EntityType.PERSON],
            counts[EntityType.PLACE],
            counts[EntityType.ORGANIZATION],
            counts[EntityType.FIGURE],
        ),
        text=compress_text(text),
        search_text=indexed_text(text),
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

_worker_adjust: tuple[Adjust | None, str] = (None, "")


def init_worker(adjust: Adjust | None, adjust_version: str) -> None:
    """Pool initializer: remember the user-data step and load the model once."""
    global _worker_adjust
    _worker_adjust = (adjust, adjust_version)
    from reader.analysis.pipeline import default_recognizer

    default_recognizer()


def analyze_in_worker(path: str) -> AnalyzedArticle | FailedFile:
    return analyze_file(path, *_worker_adjust)
