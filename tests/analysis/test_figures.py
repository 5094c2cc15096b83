"""The figures recognizer: which stretches are figures, and their values."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.arabic import normalize_form
from reader.analysis.figures import FigureRecognizer, parse_figure
from reader.analysis.number_words import Kind, read_number_word
from reader.analysis.recognizer import Recognizer, TokenizedText
from reader.analysis.tokens import split_sentences, tokenize
from reader.entity_types import EntityType


def figures(text: str) -> list[tuple[str, int | float | None]]:
    """(mention text, value) for every figure in ``text``, checking the span contract."""
    tokens = tokenize(text)
    spans = FigureRecognizer().recognize(TokenizedText(text, tokens, split_sentences(text, tokens)))
    for span in spans:
        assert span.type is EntityType.FIGURE
        assert 0 <= span.start < span.end <= len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans)), "sorted, no overlap"
    return [(text[s.start : s.end], s.value) for s in spans]


# (sentence, [(exact mention text, value), ...]) — every figure in the sentence.
CASES = [
    # Digits in three scripts, separators, decimals.
    ("وصل 3500 شخص", [("3500", 3500)]),
    ("وصل ٣٥٠٠ شخص", [("٣٥٠٠", 3500)]),
    ("وصل ۳۵۰۰ شخص", [("۳۵۰۰", 3500)]),
    ("بلغ العدد 3,500 نازح", [("3,500", 3500)]),
    ("بلغ العدد 1,500,000 نازح", [("1,500,000", 1500000)]),
    ("النسبة 1,5 فقط", [("1,5", 1.5)]),
    ("ارتفع بمقدار ١٫٥ درجة", [("١٫٥", 1.5)]),
    ("وصل ١٬٥٠٠ لاجئ", [("١٬٥٠٠", 1500)]),
    ("بلغ التضخم 3.5 هذا العام", [("3.5", 3.5)]),
    ("الميزانية 12,345.6 دينار", [("12,345.6", 12345.6)]),
    ("نسبة 0,500 فقط", [("0,500", 0.5)]),
    ("النتيجة 3 , 5 نقاط", [("3", 3), ("5", 5)]),
    ("في 3.5.2020 وقع الحادث", [("3", 3), ("5", 5), ("2020", 2020)]),
    ("الساعة 10:30 صباحا", [("10", 10), ("30", 30)]),
    ("بين عامي 2010-2015", [("2010", 2010), ("2015", 2015)]),
    ("ولد عام 1958م في بغداد", [("1958", 1958)]),
    ("اشترى الأسهم بـ500 دينار و700 دولار", [("500", 500), ("700", 700)]),
    ("احتفلت بالذكرى الـ25 لتأسيسها", [("25", 25)]),
    ("قمة مجموعة G20 في الرياض", []),
    ("خرج المتظاهرون في 25 يناير", [("25", 25)]),
    ("ارتفعت بنسبة65 في المئة", [("65 في المئة", 65)]),
    # Digits with multipliers.
    ("نزح 1,5 مليون شخص", [("1,5 مليون", 1500000)]),
    ("خسائر تبلغ 2,3 مليار دولار", [("2,3 مليار", 2300000000)]),
    ("يعيش فيها 3 ملايين نسمة", [("3 ملايين", 3000000)]),
    ("وتبرع بـ300 ألف دولار", [("300 ألف", 300000)]),
    ("قرابة ٤ آلاف جندي", [("٤ آلاف", 4000)]),
    # Percentages.
    ("صوت 85% من الناخبين", [("85%", 85)]),
    ("صوت ٨٥٪ من الناخبين", [("٨٥٪", 85)]),
    ("صوت 85 % من الناخبين", [("85 %", 85)]),
    ("ارتفعت البطالة 12 في المئة", [("12 في المئة", 12)]),
    ("ارتفعت البطالة ١٢ في المائة", [("١٢ في المائة", 12)]),
    ("ارتفعت البطالة 12 بالمئة", [("12 بالمئة", 12)]),
    ("نما الاقتصاد ٣٫٥٪ فقط", [("٣٫٥٪", 3.5)]),
    ("انخفض بنسبة خمسة في المئة", [("خمسة في المئة", 5)]),
    # Number words, with clitics, case endings and spelling variants.
    ("قتل ثلاثة أشخاص", [("ثلاثة", 3)]),
    ("قتل ثلاثه أشخاص", [("ثلاثه", 3)]),
    ("قُتِلَ ثَلاثَةُ أشخاص", [("ثَلاثَةُ", 3)]),
    ("قتل ثلاثـــة أشخاص", [("ثلاثـــة", 3)]),
    ("وصل اثنان وبقي اثنين", [("اثنان", 2), ("اثنين", 2)]),
    ("وصل إثنان فقط", [("إثنان", 2)]),
    ("بلغ عمره ثلاثون عاما", [("ثلاثون", 30)]),
    ("في الثلاثين من عمره", [("الثلاثين", 30)]),
    ("وخمسة منهم أطفال", [("وخمسة", 5)]),
    ("اكتفى بخمسة جنود", [("بخمسة", 5)]),
    ("لثلاثة أيام متتالية", [("لثلاثة", 3)]),
    ("في عيد ميلاده والتسعين", [("والتسعين", 90)]),
    ("يقدر عددهم بالآلاف", [("بالآلاف", None)]),
    ("نجا واحد فقط", [("واحد", 1)]),
    ("دامت أربع سنوات", [("أربع", 4)]),
    ("دامت اربع سنوات", [("اربع", 4)]),
    ("بلغت مئتان وبقيت مئتين", [("مئتان", 200), ("مئتين", 200)]),
    ("تبرع بمائة دينار", [("بمائة", 100)]),
    ("بنى ألف منزل", [("ألف", 1000)]),
    ("بنى الف منزل", [("الف", 1000)]),
    ("أنفقت مليار دولار", [("مليار", 1000000000)]),
    ("جمعت ملياري دولار", [("ملياري", 2000000000)]),
    ("سبع دول", [("سبع", 7)]),
    ("شاركت ست دول", [("ست", 6)]),
    # Compounds.
    ("وصل خمسة آلاف لاجئ", [("خمسة آلاف", 5000)]),
    ("لديه ثلاثة وعشرين حفيدا", [("ثلاثة وعشرين", 23)]),
    ("لديه ثلاثة وعشرون حفيدا", [("ثلاثة وعشرون", 23)]),
    ("لديه ثلاثة و عشرون حفيدا", [("ثلاثة و عشرون", 23)]),
    ("اعتقل مئة وخمسون شخصا", [("مئة وخمسون", 150)]),
    ("عام ألفين وخمسمائة", [("ألفين وخمسمائة", 2500)]),
    ("نزح عشرة آلاف", [("عشرة آلاف", 10000)]),
    ("أرسلت مئتي ألف جرعة", [("مئتي ألف", 200000)]),
    ("أحد عشر لاعبا", [("أحد عشر", 11)]),
    ("إحدى عشرة دولة", [("إحدى عشرة", 11)]),
    ("اثنا عشر شهرا", [("اثنا عشر", 12)]),
    ("خمسة عشر ألفا", [("خمسة عشر ألفا", 15000)]),
    ("ثلاث مئة وخمسة", [("ثلاث مئة وخمسة", 305)]),
    ("ثلاثمائة ألف", [("ثلاثمائة ألف", 300000)]),
    ("مئة وخمسة آلاف", [("مئة وخمسة آلاف", 105000)]),
    ("مليون وخمسمائة ألف ومئتان وخمسة وعشرون", [("مليون وخمسمائة ألف ومئتان وخمسة وعشرون", 1500225)]),
    ("مليون و200 ألف نسمة", [("مليون و200 ألف", 1200000)]),
    ("نصف مليون لاجئ", [("نصف مليون", 500000)]),
    ("يسكنها خمسة ملايين ونصف مليون نسمة", [("خمسة ملايين ونصف مليون", 5500000)]),
    ("بلغت الخسائر 4 ملايير درهم", [("4 ملايير", 4000000000)]),
    ("مليونين ونصف المليون", [("مليونين ونصف المليون", 2500000)]),
    ("ألف مليون دولار", [("ألف مليون", 1000000000)]),
    # Not one quantity: lists and ranges stay separate.
    ("بين ثلاثة وأربعة أيام", [("ثلاثة", 3), ("وأربعة", 4)]),
    ("بين ألف وخمسة آلاف", [("ألف", 1000), ("وخمسة آلاف", 5000)]),
    ("عام 2017 و2018", [("2017", 2017), ("2018", 2018)]),
    ("خمسة\nآلاف", [("خمسة", 5), ("آلاف", None)]),
    # Approximate quantities: value None, hedges outside.
    ("شارك عشرات الآلاف", [("عشرات الآلاف", None)]),
    ("شارك مئات الآلاف", [("مئات الآلاف", None)]),
    ("حضر بضع مئات", [("بضع مئات", None)]),
    ("حضر بضعة آلاف", [("بضعة آلاف", None)]),
    ("قتل المئات وجرح العشرات", [("المئات", None), ("العشرات", None)]),
    ("خرج آلاف المتظاهرين", [("آلاف", None)]),
    ("شاهده مئات الملايين آلاف المرات", [("مئات الملايين", None), ("آلاف", None)]),
    ("نحو 500 شخص", [("500", 500)]),
    ("حوالي ثلاثين دولة", [("ثلاثين", 30)]),
    ("بعد بضعة أيام", []),
    # Ordinals.
    ("في الفصل الثالث", [("الثالث", 3)]),
    ("في الحلقة الثالثة", [("الثالثة", 3)]),
    ("والثالث منهم", [("والثالث", 3)]),
    ("في المرحلة الأولى", [("الأولى", 1)]),
    ("للمرة الأولى منذ سنوات", [("الأولى", 1)]),
    ("في الأول من أيار", [("الأول", 1)]),
    ("هجمات الحادي عشر من سبتمبر", [("الحادي عشر", 11)]),
    ("في الحادية عشرة ليلا", [("الحادية عشرة", 11)]),
    ("القرن الخامس والعشرون", [("الخامس والعشرون", 25)]),
    ("ثاني أكبر مدينة", [("ثاني", 2)]),
    ("فاز بولاية ثانية", [("ثانية", 2)]),
    ("في الذكرى العشرين", [("العشرين", 20)]),
    # No figure.
    ("في كانون الثاني الماضي", []),
    ("في تشرين الأول وكانون الأول", []),
    ("في ربيع الأول", []),
    ("في جمادى الأولى", []),
    ("زارنا أمس الأول", []),
    ("أول رئيس للبلاد", []),
    ("الأولى أن نصبر", []),
    ("ثاني أكسيد الكربون", []),
    ("بعد 30 ثانية", [("30", 30)]),
    ("يوم الاثنين ويوم الأحد", []),
    ("أحد الأشخاص وإحدى الدول", []),
    ("لست أدري", []),
    ("التقى الشيخ حمد آل ثاني", []),
    ("استبعد اللاعب عبد الواحد السيد", []),
    ("اعتصموا في ميدان رابعة", []),
    ("قال الرئيس إن الحكومة مستعدة للحوار", []),
    ("الثلاثاء والأربعاء والخميس", []),
    ("ثالثا: الاقتصاد", []),
    ("استثمار واستثناء وأثلاث", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_figures_in_sentence(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [c for c in CASES if c[1]])
def test_values_are_int_when_integral(sentence, expected):
    for (_, value), (_, want) in zip(figures(sentence), expected, strict=False):
        assert type(value) is type(want)


PARSE_CASES = [
    ("خمسة آلاف", 5000),
    ("1,5 مليون", 1500000),
    ("ألفين", 2000),
    ("التسعين", 90),
    ("أربعة", 4),
    ("٨٥٪", 85),
    ("بـ500", 500),
    ("2017م", 2017),
    ("عشرات الآلاف", None),
    ("كانون الثاني", None),
    ("ثلاثة أشخاص", None),  # a figure and a word: not one figure
    ("", None),
    ("   ", None),
    ("نحو 500", None),
]


@pytest.mark.parametrize(("text", "value"), PARSE_CASES)
def test_parse_figure(text, value):
    assert parse_figure(text) == value


def test_recognizer_interface():
    recognizer = FigureRecognizer()
    assert isinstance(recognizer, Recognizer)
    assert recognizer.name == "figures"
    assert recognizer.recognize(TokenizedText("", [], [])) == []


def test_offsets_follow_the_chunk_tokens():
    # The pipeline passes chunks: tokens of a part of the text, offsets into all of it.
    text = "مقدمة طويلة. وصل 3,500 شخص."
    tokens = tokenize(text)
    chunk = tokens[3:]
    spans = FigureRecognizer().recognize(TokenizedText(text, chunk, split_sentences(text, chunk)))
    assert [(text[s.start : s.end], s.value) for s in spans] == [("3,500", 3500)]


@pytest.mark.parametrize(
    ("word", "kind", "value"),
    [
        ("والتسعين", Kind.TENS, 90),
        ("لل" + "مئة", Kind.HUNDRED, 100),
        ("وبالملايين", Kind.SCALE, 10**6),
        ("فالثامنة", Kind.ORDINAL, 8),
        ("كألفين", Kind.SCALE, 1000),
    ],
)
def test_lexicon_reads_clitics(word, kind, value):
    reading = read_number_word(normalize_form(word))
    assert reading is not None
    assert (reading.word.kind, reading.word.value) == (kind, value)


# -- properties ---------------------------------------------------------------

_SCRIPTS = {"ascii": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}


def _written(n: int, script: str, separator: str) -> str:
    digits = f"{n:,}".replace(",", separator) if separator else str(n)
    return digits.translate(str.maketrans("0123456789", _SCRIPTS[script]))


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=10**12),
    script=st.sampled_from(sorted(_SCRIPTS)),
    separator=st.sampled_from(["", ",", "\u066c"]),
)
def test_digit_numbers_round_trip(n, script, separator):
    written = _written(n, script, separator)
    assert parse_figure(written) == n
    assert figures(f"بلغ العدد {written} شخصا.") == [(written, n)]


_PIECES = st.sampled_from(
    [
        "خمسة",
        "آلاف",
        "وعشرين",
        "مئة",
        "و",
        "الثاني",
        "كانون",
        "عشرات",
        "الآلاف",
        "بضع",
        "ألف",
        "مليون",
        "ونصف",
        "في",
        "المئة",
        "%",
        "٪",
        "1",
        ",",
        "500",
        "٫",
        "٥",
        ".",
        "بـ3",
        "ست",
        "الأولى",
        "المرحلة",
        "عشر",
        "أحد",
        "الحادي",
        "والعشرون",
        "نحو",
        "شخص",
        "\n",
        "2017م",
        "١٬٠٠٠",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", "  "])), max_size=14))
def test_spans_are_sorted_disjoint_and_inside_the_text(pieces):
    text = "".join(piece + gap for piece, gap in pieces)
    for mention, value in figures(text):  # figures() checks order, overlap and bounds
        assert mention.strip() == mention
        assert value is None or isinstance(value, (int, float))


_UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_HUNDREDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمائة", "خمسمئة", "ستمائة", "سبعمئة", "ثمانمائة", "تسعمئة"]
_TEEN_UNITS = {1: "أحد", 2: "اثنا"}
# (multiplier, singular, dual, plural for 3-10)
_SCALES = [
    (10**9, "مليار", "ملياران", "مليارات"),
    (10**6, "مليون", "مليونان", "ملايين"),
    (10**3, "ألف", "ألفان", "آلاف"),
]


def _below_thousand(n: int, construct: bool = False) -> list[str]:
    """Arabic words for 1 <= n < 1000, in the order news text writes them."""
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append("مئتا" if hundreds == 2 and construct and not rest else _HUNDREDS[hundreds])
    tens, unit = divmod(rest, 10)
    if tens == 1 and unit:
        parts.append(f"{_TEEN_UNITS.get(unit, _UNITS[unit])} عشر")
    elif tens and unit:
        parts.append(f"{_UNITS[unit]} و{_TENS[tens]}")
    elif rest:
        parts.append(_UNITS[unit] or _TENS[tens])
    return parts


def _in_words(n: int) -> str:
    """1 <= n < 10**12 written out: ثلاثة ملايين ومئتا ألف وخمسة وعشرون."""
    groups: list[str] = []
    for multiplier, singular, dual, plural in _SCALES:
        count, n = divmod(n, multiplier)
        if count == 1:
            groups.append(singular)
        elif count == 2:
            groups.append(dual)
        elif 3 <= count <= 10:
            groups.append(f"{' و'.join(_below_thousand(count))} {plural}")
        elif count:
            groups.append(f"{' و'.join(_below_thousand(count, construct=True))} {singular}")
    if n:
        groups.append(" و".join(_below_thousand(n)))
    return " و".join(groups)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (23, "ثلاثة وعشرون"),
        (2500, "ألفان وخمسمئة"),
        (200000, "مئتا ألف"),
        (3000225, "ثلاثة ملايين ومئتان وخمسة وعشرون"),
        (11000, "أحد عشر ألف"),
    ],
)
def test_number_writer_in_test_writes_arabic(n, words):
    assert _in_words(n) == words


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_numbers_in_words_round_trip(n):
    words = _in_words(n)
    assert parse_figure(words) == n, words
    assert figures(f"قالت الوزارة إن {words} شخصا وصلوا.") == [(words, n)]
