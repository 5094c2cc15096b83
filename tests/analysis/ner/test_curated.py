"""Recent-news names from our hand-written lists, applied where the CRF found nothing."""

import pytest

from reader.analysis.ner.curated import CuratedNames
from reader.analysis.ner.wordforms import normalize_word

CURATED = CuratedNames()


def find(text: str, tags: list[str] | None = None) -> list[tuple[str, str]]:
    words = text.split()
    normalized = [normalize_word(w) for w in words]
    found = CURATED.find(normalized, tags or ["O"] * len(words))
    return [(kind, " ".join(words[a:b])) for kind, a, b in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هاجم مقاتلو داعش القرية", [("ORG", "داعش")]),
        ("وصلت فصائل والحشد الشعبي إلى المدينة", [("ORG", "والحشد الشعبي")]),
        ("تقدمت القوات نحو تلعفر وبالموصل", [("LOC", "تلعفر"), ("LOC", "وبالموصل")]),
        ("قصفت القاعدة الجوية", []),  # القاعدة: "the base" here
        ("أبدى الجمهور حماس كبيرا", []),  # حماس: "enthusiasm"
        ("قال إن الوضع هادئ", []),
    ],
)
def test_list_names_are_found_with_clitics(text, expected):
    assert find(text) == expected


def test_tokens_the_model_tagged_are_left_alone():
    assert find("مقاتلو داعش", ["O", "B-ORG"]) == []
    assert find("الحشد الشعبي", ["B-PERS", "O"]) == []
