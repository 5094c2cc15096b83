"""Normalized and clitic-free forms of a word, for lookups inside analysis.

Arabic attaches the conjunctions و/ف, the prepositions ب/ل/ك and the article
ال to the word they govern, so one name shows up in many spellings:
الموصل، بالموصل، والموصل، للموصل. Features, gazetteer lookups and the
document-level consistency pass all compare *normalized* forms:
diacritics and tatweel removed, alef variants (أ إ آ ٱ) → ا, alef maksura
ى → ي, teh marbuta ة → ه (camel-tools' normalizers). Nothing here changes the
text the reader sees.

    >>> normalize_word("الْمَوْصِل")
    'الموصل'
    >>> article_stem("وبالموصل")
    'موصل'
"""

from __future__ import annotations

from functools import lru_cache

from reader.analysis.arabic import fold_letters
from reader.arabic import CONJUNCTIONS as _CONJUNCTIONS
from reader.arabic import PREPOSITIONS as _PREPOSITIONS

#: A stem shorter than this after stripping is more likely a word of its own.
MIN_STEM = 2


#: ``word`` without diacritics/tatweel, alef, ya and teh marbuta unified
#: (the one definition, shared with entity grouping).
normalize_word = fold_letters


@lru_cache(maxsize=200_000)
def article_stem(normalized: str) -> str | None:
    """The word after its proclitics and definite article, if it has the article.

    Handles (و|ف)? (ب|ك|ل)? ال and (و|ف)? لل: والموصل، بالموصل، للموصل → موصل.
    Returns None when the word carries no article (بغداد, وزير).
    """
    w = normalized
    if w[:1] in _CONJUNCTIONS and len(w) > 4:
        rest = _after_article(w[1:])
        if rest is not None:
            return rest
    return _after_article(w)


@lru_cache(maxsize=200_000)
def conjunction_stripped(normalized: str) -> str | None:
    """The word without a leading و/ف when at least three letters remain: وكارتر → كارتر.

    Unlike ب/ل/ك, whose stripping turns names into words (كيري → يري),
    و/ف + word is the common case: وزير is the one word of that shape that
    ``proclitic_candidates`` would also try, and lookups guard against it.
    """
    if normalized[:1] in _CONJUNCTIONS and len(normalized) - 1 >= MIN_STEM + 1:
        return normalized[1:]
    return None


def _after_article(w: str) -> str | None:
    if w.startswith("ال") and len(w) - 2 >= MIN_STEM:
        return w[2:]
    if w[:1] in _PREPOSITIONS and w[1:3] == "ال" and len(w) - 3 >= MIN_STEM:
        return w[3:]
    # لل = ل + ال with the article's alef dropped (للموصل); لله is a word of its own.
    if w.startswith("لل") and len(w) - 2 >= MIN_STEM + 1:
        return w[2:]
    return None


@lru_cache(maxsize=200_000)
def proclitic_candidates(normalized: str) -> tuple[str, ...]:
    """Forms ``normalized`` may have before its proclitics, longest first.

    The word itself first, then with و/ف, then ب/ل/ك stripped, and the
    article form (ال + stem) when the article was there:
    وبغداد → (وبغداد, بغداد, غداد); بالموصل → (بالموصل, الموصل, موصل).
    Callers decide which candidate is real by looking it up somewhere.
    """
    stem = article_stem(normalized)
    if stem is not None:
        with_article = "ال" + stem
        if with_article == normalized:
            return (normalized, stem)
        return (normalized, with_article, stem)
    out = [normalized]
    w = normalized
    if w[:1] in _CONJUNCTIONS and len(w) - 1 >= MIN_STEM + 1:
        w = w[1:]
        out.append(w)
    if w[:1] in _PREPOSITIONS and len(w) - 1 >= MIN_STEM + 1:
        out.append(w[1:])
    return tuple(out)
