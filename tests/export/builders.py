"""Hand-built analyses for export tests: Analysis in without the real pipeline.

``annotate(text, [(needle, type, name), ...])`` marks every occurrence of each
needle not followed by a letter (earlier needles win where they overlap, so list "حيدر العبادي" before
"العبادي") and groups mentions into entities by (type, name), the way
``reader.document`` describes: entities in TYPE_ORDER then first appearance,
variants most frequent first, mention indices in text order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.document import Analysis, Entity, Mention, Source
from reader.entity_types import TYPE_ORDER, EntityType

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "mosul-offensive.txt"

P, L, O, F = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION, EntityType.FIGURE

# A reading of the sample article, written by hand for these tests. الموصل is
# marked inside بالموصل and بغداد inside ببغداد on purpose: the clitic stays
# outside the highlight, so the element boundary falls inside a word.
SAMPLE_ANNOTATIONS: Sequence[tuple[str, EntityType, str]] = (
    ("حيدر العبادي", P, "حيدر العبادي"),
    ("العبادي", P, "حيدر العبادي"),
    ("آشتون كارتر", P, "آشتون كارتر"),
    ("كارتر", P, "آشتون كارتر"),
    ("نوفل العاكوب", P, "نوفل العاكوب"),
    ("العاكوب", P, "نوفل العاكوب"),
    ("الموصل", L, "الموصل"),
    ("بغداد", L, "بغداد"),
    ("تلعفر", L, "تلعفر"),
    ("أربيل", L, "أربيل"),
    ("العراق", L, "العراق"),
    ("نينوى", L, "نينوى"),
    ("تنظيم داعش", O, "تنظيم داعش"),
    ("قوات مكافحة الإرهاب", O, "قوات مكافحة الإرهاب"),
    ("الشرطة الاتحادية", O, "الشرطة الاتحادية"),
    ("الحشد الشعبي", O, "الحشد الشعبي"),
    ("التحالف الدولي", O, "التحالف الدولي"),
    ("المفوضية السامية للأمم المتحدة لشؤون اللاجئين", O, "المفوضية السامية للأمم المتحدة لشؤون اللاجئين"),
    ("المفوضية", O, "المفوضية السامية للأمم المتحدة لشؤون اللاجئين"),
    ("منظمة الصحة العالمية", O, "منظمة الصحة العالمية"),
    ("ثلاثة وعشرون", F, "ثلاثة وعشرون"),
    ("3500", F, "3500"),
    ("خمسة آلاف", F, "خمسة آلاف"),
    ("1,5 مليون", F, "1,5 مليون"),
    ("عشرات الآلاف", F, "عشرات الآلاف"),
    ("٨٥٪", F, "٨٥٪"),
    ("120 مليون", F, "120 مليون"),
    ("بضع مئات", F, "بضع مئات"),
    ("ألفين", F, "ألفين"),
    ("2,3 مليار", F, "2,3 مليار"),
)


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` where no letter follows it.

    A proclitic may come before (بالموصل holds الموصل) but a suffix may not
    follow: العراقية is not a mention of العراق.
    """
    found, start = [], text.find(needle)
    while start != -1:
        end = start + len(needle)
        if end == len(text) or not text[end].isalpha():
            found.append(start)
        start = text.find(needle, start + 1)
    return found


def annotate(
    text: str,
    annotations: Iterable[tuple[str, EntityType, str]],
    *,
    path: str | None = None,
    title: str | None = None,
) -> Analysis:
    """An Analysis marking every occurrence of each needle (first listed wins)."""
    taken: list[tuple[int, int, EntityType, str]] = []
    for needle, entity_type, name in annotations:
        for start in occurrences(text, needle):
            end = start + len(needle)
            if all(end <= s or start >= e for s, e, _, _ in taken):
                taken.append((start, end, entity_type, name))
    return build(text, taken, path=path, title=title)


def build(
    text: str,
    spans: Iterable[tuple[int, int, EntityType, str]],
    *,
    path: str | None = None,
    title: str | None = None,
    recognizer: str = "hand-built test analysis",
) -> Analysis:
    """An Analysis from ``(start, end, type, entity name)`` spans (must not overlap)."""
    spans = sorted(spans)
    keys: list[tuple[EntityType, str]] = []
    for _, _, entity_type, name in spans:
        if (entity_type, name) not in keys:
            keys.append((entity_type, name))
    keys.sort(key=lambda key: TYPE_ORDER.index(key[0]))  # stable: first appearance within type
    ids = {key: f"E{n}" for n, key in enumerate(keys)}
    mentions = tuple(
        Mention(start, end, entity_type, text[start:end], ids[entity_type, name])
        for start, end, entity_type, name in spans
    )
    entities = []
    for key in keys:
        indices = tuple(i for i, m in enumerate(mentions) if m.entity == ids[key])
        forms = Counter(mentions[i].text for i in indices)
        variants = tuple(sorted(forms, key=lambda form: -forms[form]))
        entities.append(Entity(ids[key], key[0], key[1], variants, indices))
    source = Source(text=text, path=path, title=title)
    return Analysis(source, mentions, tuple(entities), recognizer=recognizer)


def sample_analysis() -> Analysis:
    """The sample article, annotated by hand (title: its first line)."""
    text = SAMPLE.read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    return annotate(text, SAMPLE_ANNOTATIONS, path=str(SAMPLE), title=title)
