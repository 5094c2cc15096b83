"""The examples in reader/io's docstrings are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["detect", "encodings", "html_page", "markdown_page", "plausibility"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"reader.io.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
