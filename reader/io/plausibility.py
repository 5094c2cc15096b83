"""How much a decoded text looks like something a person wrote.

Used to choose between single-byte encodings that all decode the same bytes
without error: Windows-1256 Arabic read as ISO-8859-6 gives a shuffled
alphabet (ل → ف, ي → a kasratan), ISO-8859-6 read as Windows-1256 puts Latin
letters inside Arabic words (و → è), and either read as Windows-1252 gives
the familiar ``ÇáÚÑÇÞ`` for العراق. A unigram model of Arabic letters plus a
few rules about what may share a word tells these apart on a sentence or two.

:func:`score` is the total log-probability of a reading (for comparing
readings of the same bytes), with a bonus for very common words (في, هذه,
التي) and words with the article (الموصل, بالموصل); :func:`plausibility` is
the same per non-ASCII character. ASCII reads the same in every candidate,
so it carries no evidence and is not counted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from reader.arabic import ARTICLE_PREFIXES

# Approximate share (in %) of each letter in running Arabic news text, written
# from general knowledge of Arabic letter frequencies; only the rough ranking
# matters (ا and ل common, ظ and ؤ rare).
_ARABIC_LETTER_PERCENT = {
    "ا": 12.5,
    "ل": 10.5,
    "ي": 7.5,
    "م": 6.0,
    "و": 6.0,
    "ن": 5.5,
    "ه": 4.0,
    "ر": 4.5,
    "ت": 4.0,
    "ب": 3.8,
    "ع": 3.0,
    "د": 2.5,
    "ف": 2.8,
    "ة": 2.8,
    "س": 2.5,
    "ق": 2.2,
    "أ": 2.5,
    "ك": 1.8,
    "ح": 2.0,
    "ج": 1.2,
    "ش": 1.0,
    "ط": 1.0,
    "إ": 1.0,
    "ص": 0.9,
    "ى": 1.0,
    "خ": 0.8,
    "ض": 0.6,
    "ث": 0.6,
    "ز": 0.6,
    "غ": 0.5,
    "ذ": 0.7,
    "ئ": 0.5,
    "ظ": 0.2,
    "آ": 0.2,
    "ء": 0.3,
    "ؤ": 0.2,
}
_LOG_P_ARABIC = {c: math.log(p / 100) for c, p in _ARABIC_LETTER_PERCENT.items()}

# Log-probabilities of the other kinds of characters (per non-ASCII char).
_LOG_P_OTHER_ARABIC_LETTER = math.log(0.001)  # پ چ گ ک ی, presentation forms
_LOG_P_MARK_AFTER_LETTER = math.log(0.005)  # a haraka on a letter
_LOG_P_ARABIC_PUNCT = math.log(0.01)  # ، ؛ ؟ « » – … and Arabic digits
# é in "café", a Greek or Cyrillic word. Set below most Arabic letters: in a
# reader of Arabic, another script must be clearly likelier to win.
_LOG_P_OTHER_SCRIPT = math.log(0.01)
# Scripts with thousands of characters make each one less likely; without
# this a two-byte CJK reading of Arabic bytes would win for having half as
# many characters to pay for.
_LOG_P_LARGE_SCRIPT = {"CJK": math.log(1 / 3000), "HANGUL": math.log(1 / 1000), "YI": math.log(1 / 1000)}
# Latin letters outside Windows-1252 (ŕ ű ę ą ū): Central European and Baltic
# code pages read French bytes as these (à → ŕ in Windows-1250). Latin text
# beside Arabic is French, English, Spanish, Italian or German far more often
# than Polish or Czech, and all of those fit in Windows-1252.
_LOG_P_RARE_LATIN = math.log(0.001)
_WESTERN_LATIN = frozenset(bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore"))
_LOG_P_SYMBOL = math.log(1e-4)  # ¬ ¤ ± × ÷ box drawing
_LOG_P_IMPLAUSIBLE = math.log(1e-5)  # a letter in a word mixing scripts, a stray mark
_LOG_P_CONTROL = math.log(1e-7)  # C1 controls: ISO-8859-6 decodes 0x80–0x9F to these

# Very frequent Arabic words (written from general knowledge of the language).
# A decoding that yields them is right far more often than one that yields
# the same letters shuffled: هذه read as ISO-8859-6 is مذم, في is لê.
_COMMON_WORDS = frozenset(
    [
        "في",
        "من",
        "على",
        "إلى",
        "عن",
        "مع",
        "أن",
        "إن",
        "أنه",
        "أنها",
        "بأن",
        "لأن",
        "فإن",
        "وأن",
        "وإن",
        "التي",
        "الذي",
        "الذين",
        "اللذين",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "هناك",
        "هنا",
        "كان",
        "كانت",
        "يكون",
        "تكون",
        "قال",
        "قالت",
        "وقال",
        "وقالت",
        "وأضاف",
        "وأضافت",
        "أضاف",
        "بعد",
        "قبل",
        "بين",
        "حتى",
        "كل",
        "لم",
        "لن",
        "لا",
        "ما",
        "هل",
        "قد",
        "ثم",
        "أو",
        "أي",
        "عند",
        "منذ",
        "خلال",
        "حول",
        "ضد",
        "عام",
        "يوم",
        "هو",
        "هي",
        "هم",
        "نحن",
        "أنا",
        "لكن",
        "ولكن",
        "غير",
        "أكثر",
        "أيضا",
        "أيضاً",
        "إذا",
        "حيث",
        "وفي",
        "ومن",
        "وعلى",
        "كما",
        "مثل",
        "دون",
        "أمام",
        "لدى",
        "نحو",
        "عدد",
        "بعض",
        "جميع",
        "رئيس",
        "وزير",
        "مليون",
        "ألف",
        "آلاف",
        "دولار",
        "اليوم",
        "العام",
        "الرئيس",
        "الحكومة",
        "الوزراء",
        "المتحدة",
        "الأمم",
    ]
)
# Words opening with the definite article (and a clitic before it): الموصل, بالموصل, والموصل, للأمم.
_LOG_BONUS_COMMON_WORD = 3.0
_LOG_BONUS_ARTICLE = 1.5

_ARABIC_PUNCTUATION = set("،؛؟٪٫٬«»–—…‘’“”•\u00a0\u200c\u200d\u200e\u200f")


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


# Letters and combining marks (Python's \w leaves marks out, so harakat are
# listed); any other non-ASCII character is a "word" of its own.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_WORD = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+|[^\x00-\x7f]")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


def _words(text: str) -> list[str]:
    """Runs of letters and marks (which may not mix scripts), and single
    other non-ASCII characters; digits and punctuation split words, as in
    "2017م" or "(الموصل)"."""
    return _WORD.findall(text)


def _script(char: str) -> str:
    """The script of a character from its Unicode name: LATIN, ARABIC, CYRILLIC..."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


@lru_cache(maxsize=50_000)  # words repeat (Zipf): most lookups are hits
def _word_log_p(word: str) -> tuple[float, int]:
    """(sum of log-probabilities, number of non-ASCII characters) of a word."""
    if len(word) == 1 and not (word.isalpha() or _is_mark(word)):
        return _single_char_log_p(word), 1
    if _ARABIC_WORD.fullmatch(word):
        return _arabic_word_log_p(word), len(word)
    non_ascii = [c for c in word if not c.isascii()]
    count = len(non_ascii)
    arabic = sum(1 for c in word if _is_arabic(c))
    if arabic == len(word):  # presentation forms, Arabic Supplement
        return _arabic_word_log_p(word), count
    if arabic:
        # Arabic never shares a word with Latin ("الè"): a sign of bytes
        # read through the wrong code page.
        return count * _LOG_P_IMPLAUSIBLE, count
    scripts = {_script(c) for c in word if not _is_mark(c)}
    case_flips = any(a.islower() and b.isupper() for a, b in pairwise(word))
    if len(scripts) != 1 or case_flips:
        # Nor do other scripts mix, marks need a letter, and case does not
        # flip mid-word ("ÇáÚÑÇÞ", "ЗбЪСЗЮ").
        return count * _LOG_P_IMPLAUSIBLE, count
    if scripts == {"LATIN"} and len(word) > 2 and 2 * len(non_ascii) > len(word):
        # Real Latin-script words have a few accents, not mostly accents
        # (short words like "à" and "él" excepted).
        return count * _LOG_P_IMPLAUSIBLE, count
    (script,) = scripts
    if script == "LATIN":
        rare = sum(1 for c in non_ascii if c not in _WESTERN_LATIN)
        return rare * _LOG_P_RARE_LATIN + (count - rare) * _LOG_P_OTHER_SCRIPT, count
    return count * _LOG_P_LARGE_SCRIPT.get(script, _LOG_P_OTHER_SCRIPT), count


def _arabic_word_log_p(word: str) -> float:
    total = 0.0
    marks_in_a_row = 2  # none may open a word
    for char in word:
        if _is_mark(char):
            # A letter carries a haraka, or a shadda and a haraka; a mark
            # opening a word or a third in a row is a misread letter (ي → ٍ).
            marks_in_a_row += 1
            total += _LOG_P_MARK_AFTER_LETTER if marks_in_a_row <= 2 else _LOG_P_IMPLAUSIBLE
        else:
            total += _LOG_P_ARABIC.get(char, _LOG_P_OTHER_ARABIC_LETTER)
            marks_in_a_row = 0
    return total


def _single_char_log_p(char: str) -> float:
    category = unicodedata.category(char)
    if category.startswith("C"):
        return _LOG_P_CONTROL
    if char in _ARABIC_PUNCTUATION or (_is_arabic(char) and category.startswith(("P", "N", "S"))):
        return _LOG_P_ARABIC_PUNCT
    if category.startswith("Z"):
        return _LOG_P_ARABIC_PUNCT
    return _LOG_P_SYMBOL


def score(text: str) -> float:
    """Total log-probability of ``text``'s non-ASCII characters, plus a bonus
    for each very common Arabic word and each word with the definite article.

    Only comparable between decodings of the same bytes; higher is likelier.
    """
    return _score_and_count(text)[0]


def plausibility(text: str) -> float:
    """:func:`score` per non-ASCII character; 0.0 for pure ASCII.

    >>> plausibility("قال العبادي") > plausibility("ÞÇá ÇáÚÈÇÏí")
    True
    """
    total, count = _score_and_count(text)
    return total / count if count else 0.0


def implausible_characters(text: str) -> int:
    """How many of ``text``'s characters no writing would hold where they
    are: symbols and controls between letters, letters in a word that mixes
    scripts ("ظû", "Tزح"). A page of real text has a few (a ©, a ±); bytes
    that are not text at all, read through a code page, are mostly these.

    >>> implausible_characters("قال العبادي"), implausible_characters("زŒيûµ®")
    (0, 6)
    """
    count = 0
    for word in _words(text):
        if word.isascii():
            continue
        log_p, n = _word_log_p(word)
        if log_p <= n * _LOG_P_SYMBOL:
            count += n
    return count


def _score_and_count(text: str) -> tuple[float, int]:
    total = 0.0
    count = 0
    for word in _words(text):
        if word.isascii():
            continue
        log_p, n = _word_log_p(word)
        total += log_p
        count += n
        if word in _COMMON_WORDS:
            total += _LOG_BONUS_COMMON_WORD
        elif word.startswith(ARTICLE_PREFIXES) and len(word) > 3:
            total += _LOG_BONUS_ARTICLE
    return total, count


# Characters of plain writing in a reader of Arabic news: Arabic, Latin
# (with its accents and combining marks), the spaces, dashes, quotes and
# invisible marks of General Punctuation, and currency signs.
_PLAIN_RANGES = ((0x00A0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF))
#: Share of plain-writing characters a text must reach in :func:`is_plain_writing`.
PLAIN_WRITING_SHARE = 0.95


def _is_plain(char: str) -> bool:
    if char.isascii():
        return char.isprintable() or char in "\t\n\r"
    code = ord(char)
    return _is_arabic(char) or any(low <= code <= high for low, high in _PLAIN_RANGES)


def is_plain_writing(text: str) -> bool:
    """Whether ``text`` reads as Arabic or Latin writing: no C0 control but
    tab, line feed and carriage return, and at least :data:`PLAIN_WRITING_SHARE`
    of its characters Arabic, Latin, digits, spaces or common punctuation.

    For evidence too weak to trust on its own: bytes taken for UTF-16 without
    a BOM decode to *something* whatever they are (``00 01 FF`` repeated
    reads as "Āÿ！Āÿ！…"), while a real file of Arabic or Latin text has only
    these characters, an emoji or a CJK name aside.

    >>> is_plain_writing("قال العبادي: «نعم» — 3500 café"), is_plain_writing("Āÿ！Āÿ！Āÿ！")
    (True, False)
    """
    if not text:
        return False
    plain = 0
    for char in text:
        if char < " " and char not in "\t\n\r":
            return False
        plain += _is_plain(char)
    return plain >= PLAIN_WRITING_SHARE * len(text)
