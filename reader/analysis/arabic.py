"""Arabic word forms for matching: normalization and clitic stripping.

These functions build *keys* for comparing words; they never change the text
the reader sees. Normalization reuses camel-tools' utilities:

    >>> normalize_form("إِعْلانُ")
    'اعلان'
    >>> normalize_form("مدرسة") == normalize_form("مدرسه")
    True
    >>> base_form("وبالموصل")
    'الموصل'
"""

from __future__ import annotations

from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

from reader.arabic import ARTICLE, CONJUNCTIONS, PREPOSITIONS, TATWEEL


@lru_cache(maxsize=200_000)
def fold_letters(text: str) -> str:
    """``text`` dediacritized, tatweel removed, alef/hamza → ا, alef maqsura → ي,
    ta marbuta → ه (camel-tools' normalizers). Words repeat, so it is cached.
    """
    text = dediac_ar(text).replace(TATWEEL, "")
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))


@lru_cache(maxsize=65536)
def normalize_form(text: str) -> str:
    """A matching key: ``fold_letters`` after Unicode normalization (so the
    presentation-form ligature ﻻ matches لا)."""
    return fold_letters(normalize_unicode(text))


def _proclitic_splits(word: str) -> list[tuple[str, str]]:
    """Ways to read ``word`` as proclitics + rest, longest proclitics first.

    Only readings that leave the definite article on the rest are returned
    when the proclitic is a preposition, plus the conjunction-only readings:
    ``بالموصل`` → ``[("ب", "الموصل")]``; ``للأمم`` (ل + ال with the alef
    dropped, as Arabic spelling requires) → ``[("ل", "الأمم")]``;
    ``والموصل`` → ``[("و", "الموصل")]``; ``وبغداد`` → ``[("و", "بغداد")]``.
    """
    splits: list[tuple[str, str]] = []
    for conj in ("", *CONJUNCTIONS):
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj) :]
        for prep in PREPOSITIONS:
            if rest.startswith(prep + ARTICLE) and len(rest) > len(prep) + 3:
                splits.append((conj + prep, rest[len(prep) :]))
        # ل + ال is spelled لل: للأمم is ل + الأمم.
        if rest.startswith("لل") and len(rest) > 4:
            splits.append((conj + "ل", "ا" + rest[1:]))
        if conj and len(rest) >= 3:
            splits.append((conj, rest))
    return splits


def base_form(word: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """``word`` without its proclitics, keeping the definite article.

    A preposition (ب/ل/ك) is removed only before the article, where the
    reading is unambiguous (بالموصل → الموصل). A bare conjunction (و/ف) is
    removed when what remains starts with the article or is in ``known``
    (normalized forms seen elsewhere in the document): وبغداد → بغداد when
    بغداد was seen, but وليد stays وليد.
    """
    for _prefix, rest in _proclitic_splits(word):
        if rest.startswith(ARTICLE) or normalize_form(rest) in known:
            return rest
    # A preposition before a known name: ببغداد، لبغداد، كبغداد.
    for conj in ("", *CONJUNCTIONS):
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj) :]
        for prep in PREPOSITIONS:
            if rest.startswith(prep) and normalize_form(rest[1:]) in known:
                return rest[1:]
    return word


def strip_article(form: str) -> str:
    """``form`` without a leading definite article (الموصل → موصل)."""
    if form.startswith(ARTICLE) and len(form) > 4:
        return form[2:]
    return form
