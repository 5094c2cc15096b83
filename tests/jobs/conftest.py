"""A small recognizer and a waiting helper for the job tests (no Qt)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from reader.document import Span
from reader.entity_types import EntityType

#: The names the test recognizer knows: the jobs are tested, not the model.
NAMES = {"العبادي": EntityType.PERSON, "الموصل": EntityType.PLACE, "بغداد": EntityType.PLACE}


class WordRecognizer:
    """Tags the words of ``NAMES``; ``delay_s`` per chunk makes a long text slow on purpose;
    ``fail`` raises from ``recognize``."""

    name = "test words"

    def __init__(self, delay_s: float = 0.0, chunk_tokens: int = 20, fail: str = "") -> None:
        self.delay_s = delay_s
        self.chunk_tokens = chunk_tokens
        self.fail = fail

    def recognize(self, doc) -> list[Span]:
        if self.fail:
            raise RuntimeError(self.fail)
        if self.delay_s:
            time.sleep(self.delay_s)
        return [Span(t.start, t.end, NAMES[t.text]) for t in doc.tokens if t.text in NAMES]


@pytest.fixture
def words() -> type[WordRecognizer]:
    return WordRecognizer


def wait_until(predicate: Callable[[], object], timeout_s: float = 60.0) -> None:
    """Poll ``predicate`` until it is true (reports arrive on other threads)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout_s} s")
        time.sleep(0.01)


@pytest.fixture
def until() -> Callable[..., None]:
    return wait_until
