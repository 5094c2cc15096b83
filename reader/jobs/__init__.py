"""Analysis jobs off the caller's thread: read a file, analyze it, report progress (no Qt).

``job.py`` is what a job is and the one way it runs (``run_job``); ``process.py``
runs jobs in a child process with the model loaded once; ``runner.py``'s
``JobRunner`` takes jobs one at a time, numbers them, cancels, and drops the
reports of jobs no longer current. The window adapts the runner to Qt signals
(``reader.ui.jobs.worker``); a batch indexer or a command can use it as it is.
"""

from reader.jobs.job import (
    OFFLINE_STAGE,
    PARTIAL_INTERVAL_S,
    AnalysisUpdate,
    HighlightSpan,
    Job,
    JobFailed,
    JobStopped,
    Loaded,
    LoadFailed,
    Report,
    SpanChanges,
    ends_job,
    highlight_spans,
)
from reader.jobs.runner import JobRunner, RecognizerFactory

__all__ = [
    "OFFLINE_STAGE",
    "PARTIAL_INTERVAL_S",
    "AnalysisUpdate",
    "HighlightSpan",
    "Job",
    "JobFailed",
    "JobRunner",
    "JobStopped",
    "LoadFailed",
    "Loaded",
    "RecognizerFactory",
    "Report",
    "SpanChanges",
    "ends_job",
    "highlight_spans",
]
