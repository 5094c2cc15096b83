"""The score that picks between single-byte decodings: the right reading of
the bytes must beat every wrong one."""

from __future__ import annotations

import math
import random

import pytest

from reader.io.plausibility import implausible_characters, is_plain_writing, plausibility

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


@pytest.mark.parametrize(
    "text",
    [
        *SENTENCES,
        "Le ministre a déclaré à Genève que la réunion était très utile.\n",
        "قال: «سنعود» — وأضاف\tإن 3500 ل.س و٢٠٢٤ € كافية 👍\r\n",
        "گفت که کتاب‌ها را در تهران چاپ می‌کنند",  # Persian, with zero-width non-joiners
    ],
)
def test_arabic_and_latin_writing_is_plain(text: str) -> None:
    assert is_plain_writing(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Āÿ！" * 50,  # 00 01 FF repeated, read as UTF-16 LE
        "✆'\u0600" * 50,  # 27 06 00 repeated, read as UTF-16 BE
        "قال العبادي\x01 في بغداد",  # a C0 control
        "قال العبادي\x0c في بغداد",  # a form feed is one too
        "北京市人民政府发布通知",  # not Arabic or Latin
    ],
)
def test_other_characters_are_not_plain_writing(text: str) -> None:
    assert not is_plain_writing(text)


def test_a_few_other_characters_are_allowed() -> None:
    text = "وصل الوفد إلى بكين 北京 يوم الأحد، وقال رئيسه إن الزيارة ناجحة."
    assert not is_plain_writing("北京")
    assert is_plain_writing(text)


@pytest.mark.parametrize(
    "text", [*SENTENCES, "Price ±5 × 3 © 2024 — §4", "L'État a décidé à Paris.", "كتاب «الأيام» ص. 45"]
)
def test_real_text_has_few_implausible_characters(text: str) -> None:
    assert implausible_characters(text) <= 4  # the symbols ± × © §, no letter


def test_random_bytes_through_a_code_page_are_mostly_implausible() -> None:
    noise = bytes(random.Random(9).randrange(128, 256) for _ in range(2000)).decode("cp1256")
    assert implausible_characters(noise) > 0.5 * len(noise)
