"""An inconsistent Analysis gives a one-line ExportError, not a wrong page."""

from __future__ import annotations

import pytest

from reader.document import Analysis, Entity, Mention, Source
from reader.export import ExportError, render_csv, render_html
from reader.export.validate import check_analysis

from .builders import L

TEXT = "وصل إلى الموصل ثم أربيل"


def mention(start: int, end: int) -> Mention:
    return Mention(start, end, L, TEXT[start:end], "E0")


@pytest.mark.parametrize(
    ("mentions", "entities", "message"),
    [
        ((mention(8, 14), mention(12, 16)), (), "overlaps"),
        ((mention(18, 23), mention(8, 14)), (), "overlaps or precedes"),
        ((mention(8, 8),), (), "empty"),
        ((mention(20, 99),), (), "outside the text"),
        ((mention(8, 14),), (Entity("E0", L, "الموصل", ("الموصل",), (0, 3)),), "refers to mention 3"),
    ],
)
def test_broken_analyses_are_refused_in_one_line(mentions, entities, message):
    analysis = Analysis(Source(TEXT), mentions, entities)
    for check in (check_analysis, render_html, render_csv):
        with pytest.raises(ExportError, match=message) as raised:
            check(analysis)
        assert "\n" not in str(raised.value)


def test_a_consistent_analysis_passes(sample):
    check_analysis(sample)
