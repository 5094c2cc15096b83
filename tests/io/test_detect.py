"""Encoding detection on bytes: every codec, the Windows-1256 / ISO-8859-6
decision, BOMs, damaged UTF-8, binary data."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.io.detect import SAMPLE_BYTES, Decoded, DecodeError, binary_kind, decode_bytes
from reader.io.plausibility import is_plain_writing

# Written for these tests; every character exists in both Windows-1256 and
# ISO-8859-6 (ASCII digits, the Arabic comma, semicolon and question mark).
ARTICLE = (
    "وصل وفد من منظمة الصحة العالمية إلى بنغازي يوم الاثنين، في زيارة تستمر ثلاثة أيام "
    "لتقييم أوضاع المستشفيات بعد الفيضانات.\n"
    "وقالت رئيسة الوفد ليلى حداد إن 14 مستشفى تعمل بنصف طاقتها، وإن نحو ألفي مريض "
    "نُقلوا إلى طرابلس والبيضاء.\n"
    "وأضافت: هل يمكن أن نعيد بناء كل شيء في عام واحد؟ الجواب لا؛ نحتاج إلى 250 مليون "
    "دولار على الأقل.\n"
)

# Short and long texts for the Windows-1256 / ISO-8859-6 decision.
DECISION_TEXTS = [
    "في بغداد",
    "قال الوزير إن الاجتماع انتهى.",
    "وصلت القوات إلى الموصل صباح اليوم",
    "أعلنت الأمم المتحدة عن خطة جديدة للاجئين في الأردن ولبنان.",
    "ارتفع سعر النفط 3 دولارات، وقال محللون إن الطلب سيزيد في الربع الثاني من العام.",
    ARTICLE,
    ARTICLE * 40,
]


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("cp1256", "cp1256"),
        ("iso-8859-6", "iso-8859-6"),
        ("utf-16-le", "utf-16-le"),  # BOM-less, recognised by its 0x06/0x00 column
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_each_encoding_round_trips(codec: str, expected: str) -> None:
    decoded = decode_bytes(ARTICLE.encode(codec))
    assert decoded.text == ARTICLE
    assert decoded.encoding == expected


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_is_used_and_removed(bom: bytes, codec: str, expected: str) -> None:
    decoded = decode_bytes(bom + ARTICLE.encode(codec))
    assert decoded.text == ARTICLE
    assert decoded.encoding == expected


@pytest.mark.parametrize("text", DECISION_TEXTS, ids=lambda t: f"{len(t)}chars")
@pytest.mark.parametrize("codec", ["cp1256", "iso-8859-6"])
def test_windows_1256_and_iso_8859_6_are_told_apart(text: str, codec: str) -> None:
    data = text.encode(codec)
    assert data.decode("cp1256") != data.decode("iso-8859-6", errors="replace")  # not a trivial case
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == codec


@pytest.mark.parametrize("codec", ["cp1256", "iso-8859-6"])
def test_decision_on_a_file_bigger_than_the_sample(codec: str) -> None:
    text = ARTICLE * (3 * SAMPLE_BYTES // len(ARTICLE.encode(codec)))
    decoded = decode_bytes(text.encode(codec))
    assert decoded == decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_only_shared_letters_tie_and_windows_1256_wins() -> None:
    # ء..ض and ASCII are the same bytes in both code pages.
    text = "ثابت جسر صدر خبز 2024"
    assert text.encode("cp1256") == text.encode("iso-8859-6")
    decoded = decode_bytes(text.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (text, "cp1256")


@pytest.mark.parametrize("text", ["هذه هذه هذه", "إن. وبغداد ", "هذه هي"])
def test_readings_plausible_in_both_code_pages_stay_windows_1256(text: str) -> None:
    # هذه is E5 D0 E5 in Windows-1256, which ISO-8859-6 reads as مذم.
    decoded = decode_bytes(text.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (text, "cp1256")


def test_a_byte_undefined_in_the_choice_outside_the_sample_falls_back() -> None:
    data = bytearray((ARTICLE * (3 * SAMPLE_BYTES // len(ARTICLE))).encode("iso-8859-6"))
    outside = len(data) // 4  # between the sampled head and middle
    assert data[outside : outside + 1].decode("iso-8859-6")
    data[outside] = 0xDD  # ف in Windows-1256, undefined in ISO-8859-6
    decoded = decode_bytes(bytes(data))
    assert decoded.encoding != "iso-8859-6"
    assert len(decoded.text) == len(data)


def test_a_declared_charset_is_followed_when_the_bytes_agree() -> None:
    decoded = decode_bytes(ARTICLE.encode("iso-8859-6"), declared="ISO-8859-6")
    assert (decoded.text, decoded.encoding) == (ARTICLE, "iso-8859-6")


def test_a_wrong_declared_charset_does_not_make_mojibake() -> None:
    # Old Arabic sites often say latin-1 and send Windows-1256.
    decoded = decode_bytes(ARTICLE.encode("cp1256"), declared="iso-8859-1")
    assert (decoded.text, decoded.encoding) == (ARTICLE, "cp1256")


def test_a_declared_unicode_charset_that_does_not_decode_is_ignored() -> None:
    decoded = decode_bytes(ARTICLE.encode("cp1256"), declared="utf-8")
    assert decoded.encoding == "cp1256"


def test_latin_text_in_a_western_code_page_is_not_turned_into_arabic() -> None:
    text = (
        "Le gouvernement français a annoncé mercredi une réforme de l'éducation. Les élèves "
        "étudieront davantage les mathématiques et les sciences, a déclaré le ministre à Paris.\n"
    ) * 3
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text


def test_pure_ascii_is_utf_8() -> None:
    assert decode_bytes(b"Mosul, 2017\n").encoding == "utf-8"


def test_utf_8_is_tried_first_even_when_another_charset_is_declared() -> None:
    decoded = decode_bytes(ARTICLE.encode("utf-8"), declared="windows-1256")
    assert (decoded.text, decoded.encoding) == (ARTICLE, "utf-8")


def test_slightly_damaged_utf_8_stays_utf_8() -> None:
    data = ARTICLE.encode("utf-8")
    boundary = len(ARTICLE[:50].encode("utf-8"))
    damaged = data[:boundary] + b"\xff" + data[boundary:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 1
    assert decoded.text.replace("\ufffd", "") == ARTICLE


def test_utf_8_cut_in_the_middle_of_a_character_stays_utf_8() -> None:
    data = ARTICLE.encode("utf-8").rstrip(b".\n")[:-1]  # half of the final ل
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.endswith("الأق\ufffd")


def test_damaged_utf_8_with_a_bom_stays_utf_8() -> None:
    data = codecs.BOM_UTF8 + ARTICLE.encode("utf-8")
    decoded = decode_bytes(data[:50] + b"\xfe" + data[50:])
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.replace("\ufffd", "") == ARTICLE


@pytest.mark.parametrize(
    ("name", "expected"),
    [("cp1256", "cp1256"), ("windows-1256", "cp1256"), ("ISO8859_6", "iso-8859-6"), ("utf-8", "utf-8")],
)
def test_forced_encoding_is_used_as_given(name: str, expected: str) -> None:
    data = ARTICLE.encode(expected)
    decoded = decode_bytes(data, encoding=name)
    assert (decoded.text, decoded.encoding) == (ARTICLE, expected)


def test_forced_encoding_wins_over_detection() -> None:
    # The user asked for it: Windows-1256 bytes read as ISO-8859-6 is wrong
    # but possible here, and it is what they get.
    text = "ابتثجحخدذرزسشص ط"
    decoded = decode_bytes(text.encode("cp1256"), encoding="iso-8859-6")
    assert decoded.encoding == "iso-8859-6"
    assert decoded.text != text


def test_forced_encoding_that_does_not_decode_is_an_error() -> None:
    with pytest.raises(DecodeError, match=r"not valid UTF-8 text \(byte 0x"):
        decode_bytes(ARTICLE.encode("cp1256"), encoding="utf-8")


def test_forced_iso_8859_6_on_windows_1256_bytes_is_an_error() -> None:
    with pytest.raises(DecodeError, match="not valid ISO-8859-6 text"):
        decode_bytes("في القاهرة".encode("cp1256"), encoding="iso-8859-6")


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "rot13"])
def test_forced_unknown_or_non_text_encoding_is_an_error(name: str) -> None:
    with pytest.raises(DecodeError, match="not a text encoding"):
        decode_bytes(b"abc", encoding=name)


def test_forced_utf_8_drops_a_utf_8_bom() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + ARTICLE.encode(), encoding="utf-8")
    assert (decoded.text, decoded.encoding) == (ARTICLE, "utf-8-sig")


def test_forced_utf_16_reads_its_bom() -> None:
    decoded = decode_bytes(ARTICLE.encode("utf-16"), encoding="utf-16")
    assert decoded.text == ARTICLE


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "a binary file (a PNG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "a binary file (a ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02", "a binary file (a PDF document)"),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "a binary file (a program)"),
        (b"plain words then a NUL\x00 byte", "a binary file"),
        (bytes(range(256)) * 4, "a binary file"),
    ],
)
def test_binary_data_is_refused(data: bytes, kind: str) -> None:
    assert binary_kind(data) is not None
    with pytest.raises(DecodeError, match="^it is " + kind.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(data)


def test_a_few_control_characters_do_not_make_a_file_binary() -> None:
    text = ARTICLE + "\x1b[1m\x07\x08\x0c"
    assert binary_kind(text.encode()) is None
    assert decode_bytes(text.encode()).text == text


def test_zeros_are_not_utf_16() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(1000))


def test_forced_single_byte_encoding_still_refuses_binary() -> None:
    with pytest.raises(DecodeError, match="PNG"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50), encoding="cp1256")


def test_odd_length_bomless_utf_16_is_an_error_not_a_crash() -> None:
    with pytest.raises(DecodeError, match="UTF-16 LE"):
        decode_bytes(ARTICLE.encode("utf-16-le") + b"\x06")


def test_a_western_page_is_named_after_charset_normalizers_guess() -> None:
    # These accents are the same bytes in Windows-1252 and Windows-1256.
    text = "Le ministre a déclaré à Genève que la réunion était très utile pour la région.\n" * 3
    assert text.encode("cp1252").decode("cp1256") == text
    assert decode_bytes(text.encode("cp1252")).encoding != "cp1256"


def test_the_declared_charset_names_identical_readings() -> None:
    text = "Le ministre a déclaré à Genève que la réunion était très utile pour la région.\n" * 3
    assert decode_bytes(text.encode("cp1252"), declared="windows-1256").encoding == "cp1256"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
@pytest.mark.parametrize(
    "text",
    [
        # à, û, ê differ between Windows-1252 and Windows-1250 (ŕ, ű, ę); É is an Arabic letter in Windows-1256.
        "L'État a décidé à Paris. Il est sûr que la fête était prête à être célébrée. Où êtes-vous allés?\n",
        "À Tétouan, les pêcheurs ont reçu une aide après la tempête; le château et la forêt sont fermés.\n",
        "El niño dijo que mañana irá a la señora. Über die Straße gehen Mädchen und Jungen.\n",
    ],
)
def test_latin_1_and_windows_1252_text_reads_as_written(text: str, codec: str) -> None:
    decoded = decode_bytes((text * 2).encode(codec))
    assert decoded.text == text * 2
    assert decoded.encoding == "cp1252"


def _noise(size: int, seed: int, low: int = 0) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(low, 256) for _ in range(size))


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\xff" * 500,  # a column of 00/01/FF high bytes: "Āÿ！…" as UTF-16 LE
        b"\x27\x06\x00" * 500,  # 06 and 00 like Arabic, but "✆'\u0600…" as UTF-16 BE
        codecs.BOM_UTF16_BE + bytes(400),  # a BOM, then NULs
        codecs.BOM_UTF32_LE + bytes(400),
        codecs.BOM_UTF8 + b"\x01\x02\x03\x04" * 50,
        _noise(64, 2),  # too short for the share of control bytes to tell
        _noise(3000, 9, low=0x80),  # no control byte at all: Windows-1256 gibberish
        b"\x89PNG\r\n\x1a\n" + _noise(2000, 4),
        b"PK\x03\x04" + _noise(2000, 5),
    ],
    ids=lambda data: data[:6].hex(),
)
def test_binary_that_decodes_as_something_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match=r"^it is a binary file( \(.*\))?, not text$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "كَتَبَ الطَّالِبُ الدَّرْسَ فِي المَدْرَسَةِ.\n",
        "قال: «سنعود» — وأضاف\tإن 3500 ل.س تكفي 👍\r\n",
        "گفت که کتاب‌ها را در تهران چاپ می‌کنند.",
        "Le ministre a déclaré à Genève que la réunion était très utile.\n",
    ],
)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_real_utf_16_text_with_and_without_a_bom_still_loads(text: str, codec: str) -> None:
    for bom in (b"", codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE):
        decoded = decode_bytes(bom + text.encode(codec))
        assert (decoded.text, decoded.encoding) == (text, codec)


# Arabic and Latin writing: what a UTF-16 file without a BOM holds.
PLAIN = st.text(
    alphabet=st.sampled_from(
        [
            *"ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى",
            *"\u064e\u064f\u0650\u0651\u0652",
            *"٠١٢٣٤٥٦٧٨٩،؛؟",
            *"abcdefghijklmnopqrstuvwxyzABC0123456789",
            *" \n\t.,:;!?()\"'-%",
        ]
    ),
    min_size=2,
    max_size=200,
).filter(lambda text: any(c.isascii() for c in text) and any(not c.isascii() for c in text))


@settings(max_examples=80, deadline=None)
@given(text=PLAIN, codec=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_plain_writing_in_utf_16_without_a_bom_round_trips(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == Decoded(text, codec)


@settings(max_examples=150, deadline=None)
@given(unit=st.binary(min_size=2, max_size=8), repeats=st.integers(1, 400), tail=st.binary(max_size=40))
def test_bytes_read_as_utf_16_without_a_bom_are_plain_writing(unit: bytes, repeats: int, tail: bytes) -> None:
    # A repeated unit (a table, an image row) is what gives binary data a
    # column of few high-byte values, the UTF-16 sign.
    data = unit * repeats + tail
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        assert str(error).count("\n") == 0
        return
    if decoded.encoding in ("utf-16-le", "utf-16-be"):
        assert is_plain_writing(decoded.text)
