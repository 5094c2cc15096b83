"""Arabic number words: the lexicon the figures recognizer reads tokens with.

Each word is listed once in its dictionary spelling; ``read_number_word``
looks up a token's *normalized* form (``reader.analysis.arabic.normalize_form``:
no diacritics or tatweel, أ/إ/آ → ا, ى → ي, ة → ه) in a table built once at
import that already holds every clitic-prefixed variant, so reading a token is
one dict lookup:

    >>> read_number_word(normalize_form("وخمسة")).word.value
    5
    >>> r = read_number_word(normalize_form("بالآلاف"))
    >>> (r.word.kind, r.prep, r.article)
    (<Kind.SCALE: 'scale'>, 'ب', True)
    >>> read_number_word(normalize_form("الاثنين")) is None   # Monday, not "the two"
    True

The clitics are the conjunctions و/ف, the prepositions ب/ل/ك and the article
ال (ل + ال is spelled لل). How words combine into one quantity (خمسة آلاف,
ثلاثة وعشرون) is ``reader.analysis.figures``' business.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from reader.analysis.arabic import normalize_form


class Kind(StrEnum):
    """The grammatical role of a number word inside a quantity."""

    UNIT = "unit"  # 1-9: واحد، ثلاثة، ثمان
    TEN = "ten"  # عشر/عشرة: 10 alone, the ten of 11-19 after a unit
    TENS = "tens"  # 20-90: عشرون/عشرين
    HUNDRED = "hundred"  # 100-900: مئة، مئتان، ثلاثمائة
    SCALE = "scale"  # multipliers: ألف، مليون، مليار (singular, dual or plural)
    APPROX = "approx"  # عشرات، مئات: "tens of", "hundreds of" — no exact value
    FEW = "few"  # بضع/بضعة: "a few", only before an approximate word
    FRACTION = "fraction"  # نصف، ربع: only with a scale (نصف مليون، مليون ونصف)
    ORDINAL = "ordinal"  # الأول، الثاني ... العاشر، الحادي


@dataclass(frozen=True, slots=True)
class NumberWord:
    """One number word in its normalized spelling.

    ``value`` is the unit/ten/hundred value, a scale's multiplier, a
    fraction's share, an ordinal's rank. ``count`` is how many of the scale a
    scale word holds: 1 (ألف), 2 (ألفين), or 0 for plurals that need a count
    before them (ثلاثة آلاف) and are approximate alone (آلاف). ``compound_only``
    words are numbers only inside a compound (أحد عشر، اثنا عشر، الحادي عشر);
    ``needs_article`` words only with the article (الأول, not أول).
    """

    stem: str
    kind: Kind
    value: int | Decimal
    count: int = 1
    compound_only: bool = False
    needs_article: bool = False


@dataclass(frozen=True, slots=True)
class WordReading:
    """A token read as a number word: the word plus the clitics in front of it."""

    word: NumberWord
    conj: str  # "", "و" or "ف"
    prep: str  # "", "ب", "ل" or "ك"
    article: bool

    @property
    def bare(self) -> bool:
        """No clitic at all: the form a word has inside a compound (خمسة *عشر*)."""
        return not (self.conj or self.prep or self.article)


def _words() -> list[NumberWord]:
    words: list[NumberWord] = []

    def add(kind: Kind, value: int | Decimal, *spellings: str, **flags: object) -> None:
        for spelling in spellings:
            words.append(NumberWord(normalize_form(spelling), kind, value, **flags))  # type: ignore[arg-type]

    add(Kind.UNIT, 1, "واحد", "واحدة")
    add(Kind.UNIT, 1, "أحد", "إحدى", compound_only=True)  # أحد alone is "someone"
    add(Kind.UNIT, 2, "اثنان", "اثنين", "اثنتان", "اثنتين")
    add(Kind.UNIT, 2, "اثنا", "اثني", "اثنتا", "اثنتي", compound_only=True)  # اثنا عشر
    for value, spellings in {
        3: ("ثلاث", "ثلاثة"),
        4: ("أربع", "أربعة"),
        5: ("خمس", "خمسة"),
        6: ("ست", "ستة"),
        7: ("سبع", "سبعة"),
        8: ("ثمان", "ثماني", "ثمانية"),
        9: ("تسع", "تسعة"),
    }.items():
        add(Kind.UNIT, value, *spellings)
    add(Kind.TEN, 10, "عشر", "عشرة")
    for value, stem in enumerate(("عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=2):
        add(Kind.TENS, value * 10, stem + "ون", stem + "ين")
    add(Kind.HUNDRED, 100, "مئة", "مائة")
    add(Kind.HUNDRED, 200, "مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي")
    for value, stems in {
        3: ("ثلاث", "ثلث"),
        4: ("أربع",),
        5: ("خمس",),
        6: ("ست",),
        7: ("سبع",),
        8: ("ثمان", "ثماني"),
        9: ("تسع",),
    }.items():
        add(Kind.HUNDRED, value * 100, *(s + h for s in stems for h in ("مئة", "مائة")))
    for value, singular, dual, plural in (
        (10**3, ("ألف", "ألفا"), ("ألفان", "ألفين", "ألفي"), ("آلاف", "ألوف")),
        (10**6, ("مليون", "مليونا"), ("مليونان", "مليونين", "مليوني"), ("ملايين",)),
        (10**9, ("مليار", "مليارا"), ("ملياران", "مليارين", "ملياري"), ("مليارات", "ملايير")),
        (10**9, ("بليون", "بليونا"), ("بليونان", "بليونين", "بليوني"), ("بلايين",)),
        (10**12, ("تريليون", "تريليونا", "ترليون"), ("تريليونان", "تريليونين"), ("تريليونات",)),
    ):
        add(Kind.SCALE, value, *singular, count=1)
        add(Kind.SCALE, value, *dual, count=2)
        add(Kind.SCALE, value, *plural, count=0)
    add(Kind.APPROX, 10, "عشرات")
    add(Kind.APPROX, 100, "مئات")
    add(Kind.FEW, 0, "بضع", "بضعة")
    add(Kind.FRACTION, Decimal("0.5"), "نصف")
    add(Kind.FRACTION, Decimal("0.25"), "ربع")
    # Ordinals. أول/أولى alone mean "first/earliest/more fitting" far more often
    # than a rank, so only the definite forms count (and figures.py asks more of
    # them). رابعة alone is usually the name (ميدان رابعة).
    add(Kind.ORDINAL, 1, "أول", "أولى", needs_article=True)
    add(Kind.ORDINAL, 1, "حادي", "حادية", compound_only=True)  # الحادي عشر
    add(Kind.ORDINAL, 2, "ثاني", "ثانية", "ثان")
    add(Kind.ORDINAL, 4, "رابعة", needs_article=True)
    for value, stem in enumerate(("ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), start=3):
        add(Kind.ORDINAL, value, stem)
        if stem != "رابع":
            add(Kind.ORDINAL, value, stem + "ة")
    return words


#: Clitic combinations in front of a number word, fewest first so that a
#: word's own spelling wins over a clitic reading (واحد is "one", not و + أحد).
_PREFIXES: list[tuple[str, str, bool]] = sorted(
    ((conj, prep, article) for conj in ("", "و", "ف") for prep in ("", "ب", "ل", "ك") for article in (False, True)),
    key=lambda p: (bool(p[0]) + bool(p[1]) + p[2], p),
)

# Words whose clitic forms mostly mean something else.
_ONLY_PREFIXES: dict[str, set[tuple[str, str, bool]]] = {
    # ست is also "lady"; لست "I am not", بست/فست/كست are rarely "six".
    normalize_form("ست"): {("", "", False), ("و", "", False)},
}
# With the article these are days of the week: الاثنين (Monday), الأحد (Sunday).
_NO_ARTICLE = {normalize_form("اثنين"), normalize_form("أحد"), normalize_form("إحدى")}


def _spell(conj: str, prep: str, article: bool, stem: str) -> str:
    if prep == "ل" and article:
        return conj + "لل" + stem  # ل + ال is written لل
    return conj + prep + ("ال" if article else "") + stem


def _build_table() -> dict[str, WordReading]:
    table: dict[str, WordReading] = {}
    words = _words()
    for conj, prep, article in _PREFIXES:
        for word in words:
            if word.needs_article and not article:
                continue
            if article and word.stem in _NO_ARTICLE:
                continue
            allowed = _ONLY_PREFIXES.get(word.stem)
            if allowed is not None and (conj, prep, article) not in allowed:
                continue
            table.setdefault(_spell(conj, prep, article, word.stem), WordReading(word, conj, prep, article))
    return table


_TABLE = _build_table()


def read_number_word(form: str) -> WordReading | None:
    """The number-word reading of a normalized token form, or None.

    ``form`` must already be normalized with ``normalize_form``:

        >>> read_number_word(normalize_form("والتسعين")).word.value
        90
        >>> read_number_word(normalize_form("لست")) is None
        True
    """
    return _TABLE.get(form)
