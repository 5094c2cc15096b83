"""The score that picks between single-byte decodings: the right reading of
the bytes must beat every wrong one."""

from __future__ import annotations

import math

import pytest

from reader.io.plausibility import plausibility

SENTENCES = [
    "قال رئيس الوزراء إن الحكومة ستدعم المزارعين في الجنوب.",
    "وصلت بعثة الأمم المتحدة إلى الخرطوم صباح الأحد",
    "ارتفعت أسعار الخبز في عمان بنسبة 12 بالمئة خلال عام واحد؛ فلماذا؟",
    "كَتَبَ الطَّالِبُ الدَّرْسَ",  # fully diacritised
]

# Code pages that decode Arabic bytes into something else without error.
WRONG_READINGS = ["cp1252", "latin-1", "cp1251", "mac-arabic", "cp720", "cp864", "iso-8859-6", "cp1256"]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("written_as", ["cp1256", "iso-8859-6"])
def test_the_right_reading_scores_best(sentence: str, written_as: str) -> None:
    data = sentence.encode(written_as)
    right = plausibility(sentence)
    for codec in WRONG_READINGS:
        if codec == written_as:
            continue
        try:
            wrong = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if wrong != sentence:
            assert plausibility(wrong) < right, codec


def test_ascii_carries_no_evidence() -> None:
    assert plausibility("Mosul 2017, UN report.") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Москва является столицей России",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας",
        "Le café où nous étions, à Genève",
        "El niño comió en Málaga",
    ],
)
def test_other_scripts_are_plausible(text: str) -> None:
    assert plausibility(text) > math.log(0.005)


@pytest.mark.parametrize(
    ("written_as", "read_as"),
    [("cp1256", "cp1252"), ("cp1256", "cp1251"), ("iso-8859-6", "cp1256"), ("iso-8859-6", "latin-1")],
)
def test_mojibake_is_implausible(written_as: str, read_as: str) -> None:
    gibberish = "قال العراق إن الوفد وصل".encode(written_as).decode(read_as)  # e.g. ÞÇá ÇáÚÑÇÞ
    assert plausibility(gibberish) < math.log(1e-3)


def test_a_haraka_cannot_open_a_word() -> None:
    assert plausibility("ٍكتب") < plausibility("كتبٍ")


def test_c1_controls_are_the_least_plausible() -> None:
    # ISO-8859-6 maps bytes 0x80–0x9F, where Windows-1256 has پ, ژ, گ, to C1 controls.
    assert plausibility("\x81\x8e\x90") < math.log(1e-6)
