"""Shared fixtures for export tests: hand-built analyses and a parsed page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from reader.document import Analysis
from reader.export import render_html

from .builders import sample_analysis


@pytest.fixture(scope="session")
def sample() -> Analysis:
    return sample_analysis()


def parse(analysis: Analysis) -> BeautifulSoup:
    """The HTML export of ``analysis``, parsed by Python's own HTML parser.

    BeautifulSoup turns whitespace-only strings into one space unless they sit
    in a "preserve whitespace" tag; browsers keep them, so keep them here too.
    """
    return BeautifulSoup(render_html(analysis), "html.parser", preserve_whitespace_tags={"html"})


@pytest.fixture(scope="session")
def sample_page(sample: Analysis) -> BeautifulSoup:
    return parse(sample)
