"""An inconsistent Analysis gives a one-line ExportError, not a wrong page."""

from __future__ import annotations

import pytest

from reader.document import Analysis, Entity, Mention, Source
from reader.export import ExportError, render_csv, render_html, render_json, render_tsv
from reader.export.errors import require_valid

from .builders import L

TEXT = "وصل إلى الموصل ثم أربيل"


def test_a_broken_analysis_is_refused_by_every_renderer_in_one_line():
    overlapping = (Mention(8, 14, L, TEXT[8:14], "E0"), Mention(12, 16, L, TEXT[12:16], "E0"))
    analysis = Analysis(Source(TEXT), overlapping)
    for render in (require_valid, render_html, render_csv, render_json, render_tsv):
        with pytest.raises(ExportError, match=r"cannot export: mention 1 .* overlaps") as raised:
            render(analysis)
        assert "\n" not in str(raised.value)


def test_a_consistent_analysis_passes(sample):
    require_valid(sample)


def test_an_entity_pointing_past_the_mentions_is_refused():
    analysis = Analysis(
        Source(TEXT), (Mention(8, 14, L, "الموصل", "E0"),), (Entity("E0", L, "الموصل", ("الموصل",), (0, 3)),)
    )
    with pytest.raises(ExportError, match="refers to mention 3"):
        render_html(analysis)
