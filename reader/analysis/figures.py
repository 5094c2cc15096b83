"""The figures recognizer: numbers and quantities in Arabic news text.

A figure mention covers the whole quantity and its ``value`` is the number:

    >>> parse_figure("1,5 مليون")
    1500000
    >>> parse_figure("ألفين وخمسمائة")
    2500
    >>> parse_figure("٨٥٪")
    85
    >>> parse_figure("عشرات الآلاف") is None   # a figure, but no exact value
    True

What is a figure (the conventions docs/ describes):

* Digits in any script (0-9, ٠-٩, ۰-۹). A comma followed by exactly three
  digits groups thousands (3,500); otherwise it is the Arabic decimal comma
  (1,5 = 1.5). ``٬`` always groups thousands, ``٫`` and ``.`` are always
  decimal points. A run that fits none of these (3.5.2020, 1,2,3) is read as
  separate numbers. Letters glued to digits stay outside the mention:
  بـ500 → "500", 2017م → "2017", بنسبة65 (a lost space) → "65".
* Number words with clitics and case endings, combined as Arabic writes them:
  خمسة آلاف، ثلاثة وعشرون، مئة وخمسون، ألفين وخمسمائة، مئتي ألف، أحد عشر،
  نصف مليون، مليون ونصف. Digits take a multiplier too: 1,5 مليون، 3 ملايين.
  A word mention covers the whole token, clitics included (وخمسة، بالآلاف).
* Percentages: 85%، ٨٥٪، 85 في المئة، 85 بالمئة. The unit belongs to the
  mention, the value is the number (85).
* Approximate quantities have value None: عشرات، مئات، آلاف، المئات،
  عشرات الآلاف (one mention)، بضع مئات، بضعة آلاف. Hedges such as نحو،
  حوالي، أكثر من stay outside; so do units and currencies (دولار، شخص).
* Ordinals are figures with their rank as value: الثالث → 3, الحادي عشر →
  11, الخامس والعشرون → 25, ثاني أكبر → 2. Not: the month names كانون
  الثاني، تشرين الأول، ربيع الأول، جمادى الأولى; bare أول/أولى; الأول/الأولى
  unless they follow a definite noun (المرحلة الأولى، للمرة الأولى) or
  start a date (الأول من أيار); a bare ordinal right after a number
  (30 ثانية is seconds); ثاني أكسيد.
* Not numbers: الاثنين and الأحد (days of the week), أحد/إحدى alone
  ("someone", "one of"), ست unless a word follows (ست دول) and its clitic
  forms other than وست (لست is "I am not"), the names عبد الواحد and آل ثاني.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reader.analysis.arabic import normalize_form
from reader.analysis.number_words import Kind, WordReading, read_number_word
from reader.analysis.recognizer import TokenizedText
from reader.analysis.tokens import Token, split_sentences, tokenize
from reader.document import Number, Span
from reader.entity_types import EntityType

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# A token holding digits: Arabic letters before them (clitics: و500، بـ500،
# الـ25; or a word whose space was lost: بنسبة65) and after them (2017م، 3كم).
# Latin letters (G20, 5G) make a name.
_ARABIC_LETTERS = "\u0621-\u063a\u0640-\u064a\u064b-\u065f"
_DIGIT_TOKEN = re.compile(f"([{_ARABIC_LETTERS}]*)[{_DIGIT}]+[{_ARABIC_LETTERS}]*")
# A number in the text: digit runs joined by separators with nothing between.
_DIGIT_NUMBER = re.compile(f"[{_DIGIT}]+(?:[,.\u066b\u066c][{_DIGIT}]+)*")
_SEPARATOR = re.compile("([,.\u066b\u066c])")
_DIGIT_RUN = re.compile(f"[{_DIGIT}]+")

_PERCENT_SIGNS = frozenset("%٪")
_FI = frozenset({"في", "فى"})
# Month names written with an ordinal: كانون الثاني، تشرين الأول، ربيع الأول، جمادى الأولى.
_MONTHS_WITH_ORDINAL = frozenset(normalize_form(m) for m in ("كانون", "تشرين", "ربيع", "جمادى"))
_MONTHS = _MONTHS_WITH_ORDINAL | frozenset(
    normalize_form(m)
    for m in [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "إبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "محرم",
        "صفر",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
    ]
)
_CLITIC_LETTERS = frozenset("وفبلك")
_SECOND = normalize_form("ثاني")
_OXIDE = normalize_form("أكسيد")
_SIX = normalize_form("ست")
_ONE = normalize_form("واحد")
_ABD = normalize_form("عبد")  # عبد الواحد is a name
_AL = normalize_form("آل")  # آل ثاني is a family


@dataclass(frozen=True, slots=True)
class _DigitReading:
    """A token holding digits; ``lead`` letters (clitics) come before them."""

    lead: int
    conj: bool  # the clitics are exactly و: "and 500"


_Reading = WordReading | _DigitReading

# Token text → reading (None: not part of any number). Words repeat a lot in
# news text, so after the first sight of a word this is all the work it costs.
_CACHE: dict[str, _Reading | None] = {}
_CACHE_LIMIT = 300_000


def _read_token(text: str) -> _Reading | None:
    match = _DIGIT_TOKEN.fullmatch(text)
    if match:
        lead = match.group(1)
        return _DigitReading(len(lead), lead == "و")
    first = text[0]
    # Number words start with an Arabic letter (or its presentation form).
    if not ("\u0621" <= first <= "\u064a" or "\ufb50" <= first <= "\ufefc"):
        return None
    return read_number_word(normalize_form(text))


def _readings(tokens: Sequence[Token]) -> list[_Reading | None]:
    cache = _CACHE
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    readings: list[_Reading | None] = []
    append = readings.append
    for token in tokens:
        text = token.text
        try:
            append(cache[text])
        except KeyError:
            reading = cache[text] = _read_token(text)
            append(reading)
    return readings


def _digits_value(digits: str) -> Decimal | None:
    """The value of digit runs joined by separators, None if it is not one number.

    ``"3,500"`` → 3500, ``"1,5"`` → 1.5, ``"١٬٥٠٠"`` → 1500, ``"١٫٥"`` → 1.5,
    ``"12,345.6"`` → 12345.6; ``"3.5.2020"`` and ``"1,2,3"`` → None.
    """
    parts = _SEPARATOR.split(digits.translate(_TO_ASCII))
    runs, separators = parts[0::2], parts[1::2]
    integer = runs[0]
    i = 0
    # Thousands groups come first: always after ٬, after a comma when exactly
    # three digits follow (and the number does not start 0,).
    while i < len(separators) and (
        separators[i] == "\u066c" or (separators[i] == "," and len(runs[i + 1]) == 3 and not runs[0].startswith("0"))
    ):
        if len(runs[0]) > 3 or len(runs[i + 1]) != 3:
            return None
        integer += runs[i + 1]
        i += 1
    if i == len(separators):
        return Decimal(integer)
    if i == len(separators) - 1 and separators[i] != "\u066c":
        return Decimal(f"{integer}.{runs[i + 1]}")
    return None


# Beyond this a "number" is a serial, a hash or noise, not a quantity; its value
# would not survive a float or a JSON reader either.
_LARGEST_VALUE = Decimal(10**15)


def _number(value: Decimal) -> Number | None:
    """int when integral, else float; None when too large to be a quantity."""
    if abs(value) >= _LARGEST_VALUE:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(slots=True)
class _Parse:
    """Where a quantity being read has got to: after token ``next - 1``, ending at ``end``."""

    next: int
    end: int
    value: Decimal
    scale: int = 1  # the multiplier of the last group: 1000 after ألف


#: What a finder returns: the spans it found and the token to go on from.
_Found = tuple[list[Span], int]


class _FigureScanner:
    """Reads the figures of one token sequence, left to right, never overlapping."""

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.readings = _readings(tokens)

    # -- token helpers ---------------------------------------------------------

    def joined(self, a: int, b: int) -> bool:
        """Tokens a and b exist and only spaces on one line separate them."""
        if b >= len(self.tokens):
            return False
        gap = self.text[self.tokens[a].end : self.tokens[b].start]
        return not gap or (gap.isspace() and "\n" not in gap)

    def word(self, i: int) -> WordReading | None:
        reading = self.readings[i] if 0 <= i < len(self.readings) else None
        return reading if isinstance(reading, WordReading) else None

    def bare_next(self, i: int, *kinds: Kind) -> WordReading | None:
        """Token i as a clitic-free number word of one of ``kinds`` that
        continues the quantity ending at token i - 1 (خمسة *عشر*، ثلاثة *آلاف*)."""
        if not self.joined(i - 1, i):
            return None
        reading = self.word(i)
        if reading is None or not reading.bare or reading.word.kind not in kinds:
            return None
        return reading

    def and_next(self, i: int, article: bool) -> int | None:
        """The index of the token after "و" that continues a quantity ending at
        token i - 1: وعشرون، و عشرون، و500. The article must agree with the
        quantity's (الخامس والعشرون)."""
        if not self.joined(i - 1, i):
            return None
        reading = self.readings[i]
        if reading is None:
            if self.tokens[i].text != "و" or not self.joined(i, i + 1):
                return None
            i += 1
            reading = self.readings[i]
            if isinstance(reading, _DigitReading):
                return i if reading.lead == 0 else None
            if isinstance(reading, WordReading) and not (reading.conj or reading.prep):
                return i if reading.article == article else None
            return None
        if isinstance(reading, _DigitReading):
            return i if reading.conj else None
        if reading.conj == "و" and not reading.prep and reading.article == article:
            return i
        if reading.word.stem == _ONE and reading.bare and self.bare_next(i + 1, Kind.TEN) is not None:
            return i  # واحد spells both "one" and و + أحد: مئتان وأحد عشر
        return None

    def form(self, i: int) -> str:
        return normalize_form(self.tokens[i].text) if 0 <= i < len(self.tokens) else ""

    def month(self, i: int) -> str:
        """The month name token i is, clitics aside (وكانون → كانون), else ""."""
        form = self.form(i)
        for k in range(3):
            if form[k:] in _MONTHS:
                return form[k:]
            if k < len(form) and form[k] not in _CLITIC_LETTERS:
                break
        return ""

    def definite(self, i: int) -> bool:
        """Token i is a word with the article: المرحلة، للمرة، وبالدورة."""
        form = self.form(i)
        for k in range(3):
            rest = form[k:]
            if len(rest) > 3 and (rest.startswith("ال") or (rest.startswith("لل") and k < 2)):
                return True
            if k < len(form) and form[k] not in _CLITIC_LETTERS:
                return False
        return False

    # -- the scan --------------------------------------------------------------

    def spans(self) -> list[Span]:
        spans: list[Span] = []
        readings = self.readings
        i = 0
        n = len(readings)
        while i < n:
            reading = readings[i]
            if reading is None:
                i += 1
                continue
            if isinstance(reading, _DigitReading):
                found = self.digits_figure(i, reading)
            elif reading.word.kind is Kind.ORDINAL:
                found = self.ordinal(i, reading)
            elif reading.word.kind in (Kind.FEW, Kind.APPROX) or (
                reading.word.kind is Kind.SCALE and reading.word.count == 0
            ):
                found = self.approximate(i, reading)
            else:
                found = self.cardinal(i, reading)
            if found is None:
                i += 1
                continue
            spans.extend(found[0])
            i = found[1]
        return spans

    @staticmethod
    def emit(start: int, parse: _Parse, value: Decimal | None) -> _Found:
        number = None if value is None else _number(value)
        return [Span(start, parse.end, EntityType.FIGURE, number)], parse.next

    def digits_figure(self, i: int, reading: _DigitReading) -> _Found | None:
        start = self.tokens[i].start + reading.lead
        parsed = self.digits(i, reading)
        if parsed is None:
            # Not one number (3.5.2020, 1,2,3): each digit run on its own.
            match = _DIGIT_NUMBER.match(self.text, start, self.tokens[-1].end)
            assert match is not None
            spans = [
                Span(
                    start + m.start(),
                    start + m.end(),
                    EntityType.FIGURE,
                    _number(Decimal(m.group().translate(_TO_ASCII))),
                )
                for m in _DIGIT_RUN.finditer(match.group())
            ]
            return spans, self.after(i, match.end())
        return self.finish_quantity(start, parsed, article=False)

    def after(self, i: int, end: int) -> int:
        """The first token from i on that starts at or after ``end``."""
        while i < len(self.tokens) and self.tokens[i].start < end:
            i += 1
        return i

    def digits(self, i: int, reading: _DigitReading) -> _Parse | None:
        """A digit number at token i, with a multiplier after it (1,5 مليون)."""
        start = self.tokens[i].start + reading.lead
        match = _DIGIT_NUMBER.match(self.text, start, self.tokens[-1].end)
        assert match is not None
        value = _digits_value(match.group())
        if value is None:
            return None
        j = self.after(i, match.end())
        parse = _Parse(j, match.end(), value)
        if self.tokens[j - 1].end == match.end():  # no letters glued after the digits
            scale = self.bare_next(j, Kind.SCALE)
            if scale is not None and scale.word.count != 2:
                parse = _Parse(j + 1, self.tokens[j].end, value * scale.word.value, int(scale.word.value))
        return parse

    def cardinal(self, i: int, reading: WordReading) -> _Found | None:
        word = reading.word
        if word.stem == _SIX and not (self.joined(i, i + 1) and self.tokens[i + 1].text[0].isalpha()):
            return None  # ست alone is as likely "lady"; ست دول، ست سنوات are six
        if word.stem == _ONE and i > 0 and self.joined(i - 1, i) and self.form(i - 1) == _ABD:
            return None
        parsed = self.group(i, reading.article)
        if parsed is None:
            return None
        return self.finish_quantity(self.tokens[i].start, parsed, reading.article)

    def finish_quantity(self, start: int, parse: _Parse, article: bool) -> _Found:
        """Add the groups joined by و to a quantity (ألفين *وخمسمائة*), then a
        percent sign or phrase."""
        while True:
            k = self.and_next(parse.next, article) if parse.next < len(self.tokens) else None
            if k is None:
                break
            fraction = self.word(k)
            if fraction is not None and fraction.word.kind is Kind.FRACTION:
                if parse.scale == 1:
                    break
                # مليون ونصف، مليونين ونصف المليون: half of the last scale.
                parse.value += fraction.word.value * parse.scale
                parse.next, parse.end = k + 1, self.tokens[k].end
                same = self.word(k + 1)
                if (
                    same is not None
                    and self.joined(k, k + 1)
                    and same.word.kind is Kind.SCALE
                    and same.word.value == parse.scale
                    and not (same.conj or same.prep)
                ):
                    parse.next, parse.end = k + 2, self.tokens[k + 1].end  # ونصف (ال)مليون
                break
            group = self.group(k, article)
            if group is None or group.scale >= parse.scale:
                break  # ألف وخمسة آلاف is two numbers, not 6000
            parse.value += group.value
            parse.next, parse.end, parse.scale = group.next, group.end, group.scale
        self.percent(parse)
        return self.emit(start, parse, parse.value)

    def percent(self, parse: _Parse) -> None:
        """Extend ``parse`` over %، ٪، في المئة، بالمئة right after it."""
        j = parse.next
        if not self.joined(j - 1, j):
            return
        if self.tokens[j].text in _PERCENT_SIGNS:
            parse.next, parse.end = j + 1, self.tokens[j].end
            return
        if self.tokens[j].text in _FI:
            hundred = self.word(j + 1)
            if (
                hundred is not None
                and self.joined(j, j + 1)
                and hundred.word.kind is Kind.HUNDRED
                and hundred.word.value == 100
                and hundred.article
                and not (hundred.conj or hundred.prep)
            ):
                parse.next, parse.end = j + 2, self.tokens[j + 1].end
            return
        hundred = self.word(j)
        if (
            hundred is not None
            and hundred.word.kind is Kind.HUNDRED
            and hundred.word.value == 100
            and hundred.prep == "ب"
            and hundred.article
            and not hundred.conj
        ):
            parse.next, parse.end = j + 1, self.tokens[j].end

    def group(self, i: int, article: bool) -> _Parse | None:
        """One group of a quantity at token i: a number below a thousand and/or
        a multiplier (ثلاثمائة ألف، ألفين، نصف مليون، 300 ألف, ...)."""
        reading = self.readings[i]
        if isinstance(reading, _DigitReading):
            return self.digits(i, reading)
        if reading is None:
            return None
        word = reading.word
        if word.kind is Kind.SCALE:
            if word.count == 0:
                return None
            scaled = _Parse(i + 1, self.tokens[i].end, Decimal(word.count * word.value), int(word.value))
            bigger = self.bare_next(i + 1, Kind.SCALE)
            if bigger is not None and bigger.word.count == 1 and bigger.word.value > word.value:
                # ألف مليون: a thousand millions.
                scaled = _Parse(
                    i + 2, self.tokens[i + 1].end, scaled.value * bigger.word.value, int(word.value * bigger.word.value)
                )
            return scaled
        if word.kind is Kind.FRACTION:
            scale = self.bare_next(i + 1, Kind.SCALE)
            if scale is None or scale.word.count != 1:
                return None
            return _Parse(i + 2, self.tokens[i + 1].end, Decimal(word.value * scale.word.value), int(scale.word.value))
        parse = self.below_thousand(i, reading, article)
        if parse is None:
            return None
        scale = self.bare_next(parse.next, Kind.SCALE)
        if scale is not None and scale.word.count != 2:
            # خمسة آلاف، مئتي ألف، ثلاثة وعشرين مليونا
            j = parse.next
            return _Parse(j + 1, self.tokens[j].end, parse.value * scale.word.value, int(scale.word.value))
        return parse

    def below_thousand(self, i: int, reading: WordReading, article: bool) -> _Parse | None:
        """مئة وخمسون، ثلاث مئة وخمسة، سبعمائة، or a number below a hundred."""
        word = reading.word
        if word.kind is Kind.UNIT and not word.compound_only:
            hundred = self.bare_next(i + 1, Kind.HUNDRED)
            if hundred is not None and hundred.word.value == 100:
                parse = _Parse(i + 2, self.tokens[i + 1].end, Decimal(word.value * 100))  # ثلاث مئة
            else:
                return self.below_hundred(i, reading, article)
        elif word.kind is Kind.HUNDRED:
            parse = _Parse(i + 1, self.tokens[i].end, Decimal(word.value))
        else:
            return self.below_hundred(i, reading, article)
        k = self.and_next(parse.next, article)
        rest = self.word(k) if k is not None else None
        if rest is not None and rest.word.kind in (Kind.UNIT, Kind.TEN, Kind.TENS):
            tail = self.below_hundred(k, rest, article)  # type: ignore[arg-type]
            if tail is not None:
                parse.value += tail.value
                parse.next, parse.end = tail.next, tail.end
        return parse

    def below_hundred(self, i: int, reading: WordReading, article: bool) -> _Parse | None:
        """واحد، خمسة عشر، أحد عشر، ثلاثة وعشرون، عشرة، تسعين."""
        word = reading.word
        end = self.tokens[i].end
        if word.kind is Kind.UNIT:
            if self.bare_next(i + 1, Kind.TEN) is not None:
                return _Parse(i + 2, self.tokens[i + 1].end, Decimal(word.value + 10))
            if word.compound_only:
                return None
            k = self.and_next(i + 1, article)
            tens = self.word(k) if k is not None else None
            if k is not None and tens is not None and tens.word.kind is Kind.TENS:
                return _Parse(k + 1, self.tokens[k].end, Decimal(word.value + tens.word.value))
            return _Parse(i + 1, end, Decimal(word.value))
        if word.kind in (Kind.TEN, Kind.TENS):
            return _Parse(i + 1, end, Decimal(word.value))
        return None

    def approximate(self, i: int, reading: WordReading) -> _Found | None:
        """عشرات، المئات، بالآلاف، بضع مئات، عشرات الآلاف: value None."""
        j = i + 1
        if reading.word.kind is Kind.FEW:
            nxt = self.word(j)
            if not (self.joined(i, j) and nxt is not None and self._approx_part(nxt)):
                return None  # بضعة أيام is "a few days": no number in it
            j += 1
        magnitude = self.word(j - 1).word.value  # type: ignore[union-attr]
        while self.joined(j - 1, j):
            nxt = self.word(j)
            if nxt is None or not (nxt.word.kind is Kind.SCALE and self._approx_part(nxt)):
                break
            if nxt.word.value <= magnitude:
                break  # مئات الملايين | آلاف المرات: each plural is a bigger unit
            magnitude = nxt.word.value
            j += 1
        return self.emit(self.tokens[i].start, _Parse(j, self.tokens[j - 1].end, Decimal(0)), None)

    @staticmethod
    def _approx_part(reading: WordReading) -> bool:
        """A plural that can follow بضع or عشرات: مئات، آلاف، الملايين."""
        word = reading.word
        return not (reading.conj or reading.prep) and (
            word.kind is Kind.APPROX or (word.kind is Kind.SCALE and word.count == 0)
        )

    def ordinal(self, i: int, reading: WordReading) -> _Found | None:
        """الثالث، الحادي عشر، الخامس والعشرون، ثاني أكبر; not كانون الثاني."""
        word = reading.word
        previous_joined = i > 0 and self.joined(i - 1, i)
        if previous_joined and self.month(i - 1) in _MONTHS_WITH_ORDINAL:
            return None
        if not reading.article:
            if previous_joined and (self.readings[i - 1] is not None or self.form(i - 1) == _AL):
                return None  # 30 ثانية is seconds, not "second"; آل ثاني a family
            if word.stem == _SECOND and self.joined(i, i + 1) and self.form(i + 1) == _OXIDE:
                return None  # ثاني أكسيد الكربون
        value = word.value
        parse = _Parse(i + 1, self.tokens[i].end, Decimal(value))
        if self.bare_next(i + 1, Kind.TEN) is not None:
            parse = _Parse(i + 2, self.tokens[i + 1].end, Decimal(value + 10))  # الحادي عشر
        else:
            k = self.and_next(i + 1, reading.article)
            tens = self.word(k) if k is not None else None
            if k is not None and tens is not None and tens.word.kind is Kind.TENS:
                parse = _Parse(k + 1, self.tokens[k].end, Decimal(value + tens.word.value))
            elif word.compound_only:
                return None
            elif value == 1 and not (
                (previous_joined and self.definite(i - 1))
                or (
                    self.joined(i, i + 1)
                    and self.form(i + 1) == "من"
                    and self.joined(i + 1, i + 2)
                    and self.month(i + 2) in _MONTHS
                )
            ):
                return None  # الأول/الأولى only after a definite noun or in a date
        return self.emit(self.tokens[i].start, parse, parse.value)


class FigureRecognizer:
    """Finds figures: numbers in digits or words, percentages, approximate
    quantities and ordinals (see the module docstring for the conventions)."""

    name = "figures"

    def recognize(self, doc: TokenizedText) -> list[Span]:
        """Figure spans in ``doc``, sorted and never overlapping."""
        if not doc.tokens:
            return []
        return _FigureScanner(doc.text, doc.tokens).spans()


def parse_figure(text: str) -> Number | None:
    """The value of the one figure ``text`` is, or None.

    None when ``text`` is not exactly one figure (an empty string, a sentence,
    كانون الثاني) or when the figure has no exact value (عشرات الآلاف).
    Clitics and letters glued to digits may surround it (بـ500 → 500).

        >>> parse_figure("ثلاثة وعشرين"), parse_figure("١٬٥٠٠"), parse_figure("2,3 مليار")
        (23, 1500, 2300000000)
    """
    tokens = tokenize(text)
    if not tokens:
        return None
    doc = TokenizedText(text, tokens, split_sentences(text, tokens))
    spans = FigureRecognizer().recognize(doc)
    if len(spans) != 1:
        return None
    span = spans[0]
    if any(t.end <= span.start or t.start >= span.end for t in tokens):
        return None
    return span.value
