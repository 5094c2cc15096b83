"""One analysis job: what it is asked, what it reports, and the one way it runs.

A ``Job`` analyzes a ``Source`` it is given, or reads a file first (``path``,
``encoding`` forcing a codec) and then analyzes what it read. ``run_job`` is
the protocol, the same in the analysis process and on a thread:

- a job no longer wanted reports ``JobStopped`` and does no more work (it
  is asked between chunks of the pipeline, so it ends within one chunk);
- reading reports ``Loaded`` (the text can be shown at once) or
  ``LoadFailed`` (one line);
- then ``AnalysisUpdate``s: partial results at most every
  ``PARTIAL_INTERVAL_S``, the final one always;
- an exception while still wanted reports ``JobFailed`` (one line).

Every job ends with exactly one of: a final update, ``LoadFailed``,
``JobFailed``, ``JobStopped`` (``ends_job``). Each report carries the job's
generation number, given by the runner (``runner.py``), so whoever receives
it can tell an old job's report from the current one's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.analysis.recognizer import Recognizer
from reader.document import Analysis, Mention, Source
from reader.errors import one_line

#: The stage label of a job with the offline model (the window's first stage).
OFFLINE_STAGE = "offline"

#: Partial results are reported at most this often; the final one always is.
PARTIAL_INTERVAL_S = 0.15
#: ... and, on a long article, at most once per this many seconds per mention
#: found so far: whoever receives them does some work per mention (a count,
#: a set of highlights), so the time spent on them stays a small share of the
#: analysis however long the article (0.75 s apart at 150,000 mentions).
PARTIAL_INTERVAL_PER_MENTION_S = 5e-6

#: A highlight as the reading view paints it: code-point start, end and its
#: style: the type's value ("place"), followed by the mention's source when
#: the reader decided it ("place:correction", "place:lexicon"; drawn with
#: another underline). Strings, not EntityType members: an Enum hashes in
#: Python code, a str in C with a cached hash, and the painter works with
#: sets of thousands of these.
HighlightSpan = tuple[int, int, str]
#: Highlights added and removed by one result of a job against the one before.
SpanChanges = tuple[frozenset[HighlightSpan], frozenset[HighlightSpan]]


def highlight_spans(mentions: Iterable[Mention]) -> frozenset[HighlightSpan]:
    """The highlights of ``mentions``: what the reading view's painter takes.

    Made where results arrive, off the UI thread, once per result.

    >>> from reader.entity_types import EntityType
    >>> highlight_spans([Mention(4, 10, EntityType.PLACE, "الموصل", "place:موصل")])
    frozenset({(4, 10, 'place')})
    >>> highlight_spans([Mention(4, 10, EntityType.PLACE, "الموصل", "place:موصل", source="lexicon")])
    frozenset({(4, 10, 'place:lexicon')})
    """
    return frozenset(
        (m.start, m.end, m.type._value_ if m.source == "model" else f"{m.type._value_}:{m.source}") for m in mentions
    )


@dataclass(frozen=True, slots=True)
class Job:
    """Analyze ``source``; or, without one, read ``path`` (decoded with ``encoding``
    when given) and analyze that. ``stage`` is the caller's label, handed back
    in every ``AnalysisUpdate`` ("offline", "bert")."""

    source: Source | None = None
    path: str = ""
    encoding: str | None = None
    stage: str = ""

    def __post_init__(self) -> None:
        if (self.source is None) == (not self.path):
            raise ValueError("a job analyzes either a Source or the file at a path")


@dataclass(frozen=True, slots=True)
class Loaded:
    """The file of an open job was read; its analysis follows."""

    generation: int
    source: Source


@dataclass(frozen=True, slots=True)
class LoadFailed:
    """The file of an open job could not be read (one line); the job ends."""

    generation: int
    message: str


@dataclass(frozen=True, slots=True)
class AnalysisUpdate:
    """One step of a job: ``analysis`` covers the text analyzed so far; ``final`` ends the job.

    ``new_from``: the first ``new_from`` mentions are the previous update's,
    unchanged (a partial result only adds mentions: ``analysis.partial``);
    0 when everything may have changed (the first and the final update).
    ``spans`` are the highlights of all the mentions, and ``changes`` what
    differs from the previous update's (highlights added, removed; None for
    a job's first update). The runner makes both, off the caller's thread:
    a view that showed the previous update paints only the changes.
    """

    generation: int
    fraction: float
    analysis: Analysis
    final: bool
    stage: str = ""
    spans: frozenset[HighlightSpan] = frozenset()
    new_from: int = 0
    changes: SpanChanges | None = None


@dataclass(frozen=True, slots=True)
class JobFailed:
    """The analysis raised (one line); the job ends."""

    generation: int
    message: str


@dataclass(frozen=True, slots=True)
class JobStopped:
    """The job was no longer wanted (cancelled, or another job asked for) and ended."""

    generation: int


Report = Loaded | LoadFailed | AnalysisUpdate | JobFailed | JobStopped


def ends_job(report: Report) -> bool:
    """Whether ``report`` is the last one its job sends."""
    if isinstance(report, AnalysisUpdate):
        return report.final
    return not isinstance(report, Loaded)


def load_article(path: str, encoding: str | None) -> tuple[Source | None, str]:
    """``(Source, "")`` for the article at ``path``, or ``(None, one-line message)``."""
    # Looked up at call time: tests slow the loader down to watch a long read.
    from reader.io import LoadError, load

    try:
        return load(path, encoding), ""
    except LoadError as error:
        return None, str(error)
    except Exception as error:
        return None, f"cannot open '{path}': {one_line(error)}"


def run_job(
    job: Job,
    generation: int,
    recognizer: Callable[[], Recognizer | None],
    wanted: Callable[[], bool],
    report: Callable[[Report], None],
) -> None:
    """Run ``job`` to its end, sending every report to ``report`` (see the module docstring).

    ``recognizer()`` gives the recognizer for names (None: the pipeline's
    default), asked once the text is read; ``wanted()`` is asked before and
    after reading and between chunks.
    """
    try:
        if not wanted():
            report(JobStopped(generation))
            return
        source = job.source
        if source is None:
            source, error = load_article(job.path, job.encoding)
            if not wanted():  # cancelled, or another file asked for, while reading
                report(JobStopped(generation))
                return
            if source is None:
                report(LoadFailed(generation, error))
                return
            report(Loaded(generation, source))
        # Imported here, after the text is shown: the pipeline pulls in
        # camel-tools and the model (seconds, the first time).
        from reader.analysis.pipeline import iter_analysis

        last, reported = 0.0, 0  # when the last partial result was reported, and its mentions
        for step in iter_analysis(source, recognizer()):
            if not wanted():
                report(JobStopped(generation))
                return  # leaving the generator stops the pipeline
            now = time.monotonic()
            interval = max(PARTIAL_INTERVAL_S, reported * PARTIAL_INTERVAL_PER_MENTION_S)
            if step.final or now - last >= interval:
                last = now
                new_from = 0 if step.final else reported
                report(
                    AnalysisUpdate(generation, step.fraction, step.analysis, step.final, job.stage, new_from=new_from)
                )
                reported = len(step.analysis.mentions)
    except Exception as error:
        report(JobFailed(generation, one_line(error)) if wanted() else JobStopped(generation))
