"""A text pasted twice: each copy gets exactly the mentions of the text alone (shipped model)."""

import pytest

from reader.analysis.pipeline import analyze
from reader.document import Source
from reader.entity_types import EntityType
from reader.resources import resource_path

SAMPLES = ["mosul-offensive.txt", "tetouan-floods.md"]


def names(text: str) -> list[tuple[int, int, EntityType]]:
    analysis = analyze(Source(text))
    return [(m.start, m.end, m.type) for m in analysis.mentions if m.type is not EntityType.FIGURE]


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("copies", [2, 3])
def test_each_copy_of_a_repeated_text_gets_the_mentions_of_the_text_alone(sample, copies):
    text = resource_path("samples", sample).read_text(encoding="utf-8").strip()
    alone = names(text)
    assert alone  # the sample has names
    repeated = names("\n\n".join([text] * copies))
    for k in range(copies):
        offset = k * (len(text) + 2)
        copy = [(s - offset, e - offset, t) for s, e, t in repeated if offset <= s and e <= offset + len(text)]
        assert copy == alone, f"copy {k + 1} of {copies}"


def test_the_mosul_sample_keeps_its_governor_apart_from_his_province():
    # Issue 10: pasted twice, "نينوى نوفل العاكوب" became one person.
    text = resource_path("samples", "mosul-offensive.txt").read_text(encoding="utf-8")
    doubled = text + "\n" + text
    found = {doubled[m.start : m.end] for m in analyze(Source(doubled)).mentions}
    assert "نينوى نوفل العاكوب" not in found
