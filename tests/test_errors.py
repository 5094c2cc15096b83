"""Tests for reader/errors.py: any error as one line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import one_line


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (OSError("لا يمكن فتح الملف\nلأنه مقفل"), "لا يمكن فتح الملف لأنه مقفل"),
        (RuntimeError("  spaces\tand\r\nbreaks  "), "spaces and breaks"),
        (ValueError(), "ValueError"),
        ("a message\nalready text", "a message already text"),
    ],
)
def test_one_line(error, line) -> None:
    assert one_line(error) == line


def test_named_puts_the_type_first() -> None:
    assert one_line(KeyError("x"), named=True) == "KeyError: 'x'"
    assert one_line(KeyError(), named=True) == "KeyError"


@given(st.text())
def test_never_more_than_one_line(message: str) -> None:
    line = one_line(RuntimeError(message))
    assert line and "\n" not in line and "\r" not in line and line == line.strip()
    assert len(line.splitlines()) == 1
