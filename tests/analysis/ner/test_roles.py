"""Role rules: media cited as sources and clubs in a match are organizations."""

import pytest

from reader.analysis.ner.gazetteers import Gazetteer
from reader.analysis.ner.roles import RoleRules
from reader.analysis.ner.wordforms import normalize_word

RULES = RoleRules(Gazetteer.from_entries([("GENT", "الفرنسية"), ("CTRY", "فرنسا"), ("LOC", "باريس")]))


def apply(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, str]]:
    words = text.split()
    out = RULES.apply([normalize_word(w) for w in words], found)
    return [(kind, " ".join(words[a:b])) for kind, a, b in out]


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        # a place or person named right after a media head noun is the medium
        ("ذكرت وكالة الأناضول أن", [("LOC", 2, 3)], [("ORG", "الأناضول")]),
        ("قال مراسل الجزيرة في غزة", [("LOC", 2, 3), ("LOC", 4, 5)], [("ORG", "الجزيرة"), ("LOC", "غزة")]),
        ("ونقلت لصحيفة الشرق الأوسط", [("LOC", 2, 4)], [("ORG", "الشرق الأوسط")]),
        # a news agency of a country, untagged by the model, becomes one organization
        ("وأفادت وكالة الأنباء الفرنسية بأن", [], [("ORG", "وكالة الأنباء الفرنسية")]),
        ("وأفادت وكالة الأنباء الفرنسية بأن", [("ORG", 1, 4)], [("ORG", "وكالة الأنباء الفرنسية")]),
        ("وقالت وكالة الأنباء إن", [], []),  # no country: not a name
        # a place playing a match is a club
        ("فاز برشلونة على روما في", [("LOC", 1, 2), ("LOC", 3, 4)], [("ORG", "برشلونة"), ("ORG", "روما")]),
        (
            "وتعادل ليفربول الإنجليزي مع مرسيليا",
            [("LOC", 1, 2), ("LOC", 4, 5)],
            [("ORG", "ليفربول"), ("ORG", "مرسيليا")],
        ),
        # ... but not a place elsewhere in the sentence
        ("فاز الفريق في مدريد على", [("LOC", 3, 4)], [("LOC", "مدريد")]),
        ("سافر الوزير من باريس إلى روما", [("LOC", 3, 4), ("LOC", 5, 6)], [("LOC", "باريس"), ("LOC", "روما")]),
        # a person after a match verb stays a person
        ("فاز رافائيل نادال على", [("PERS", 1, 3)], [("PERS", "رافائيل نادال")]),
    ],
)
def test_role_rules(text, found, expected):
    assert apply(text, found) == expected
