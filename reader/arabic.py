"""Arabic spelling facts shared by the loaders and the analysis (one table each).

Arabic attaches the conjunctions و/ف, the prepositions ب/ل/ك and the
article ال to the word they govern: الموصل، بالموصل، والموصل، للموصل are one
name. Loaders use these tables to judge whether decoded text reads as
Arabic (``reader.io.plausibility``); the analysis uses them to strip a
word's proclitics (``reader.analysis.arabic``, ``reader.analysis.ner.wordforms``).
Nothing here changes text.

    >>> "بالموصل".startswith(ARTICLE_PREFIXES)
    True
    >>> "للأمم".startswith(ARTICLE_PREFIXES)
    True
"""

from __future__ import annotations

#: The elongation mark ـ (kashida): typographic, never part of a word's spelling.
TATWEEL = "\u0640"

#: Proclitic conjunctions (و "and", ف "so") that may precede a preposition.
CONJUNCTIONS = ("و", "ف")
#: One-letter prepositions that attach to a noun: ب "in/by", ل "for", ك "like".
PREPOSITIONS = ("ب", "ل", "ك")
#: The definite article.
ARTICLE = "ال"

#: How a word carrying the article may begin: ال, a clitic + ال, and لل
#: (ل + ال, whose alef Arabic spelling drops: للأمم).
ARTICLE_PREFIXES: tuple[str, ...] = (
    ARTICLE,
    *(clitic + ARTICLE for clitic in (*CONJUNCTIONS, *PREPOSITIONS) if clitic != "ل"),
    "لل",
)

#: The Gregorian months as Arabic news writes them, January first: the
#: Levant and Iraq's names first, then Egypt and the Gulf's, then the
#: Maghreb's (Morocco's and Algeria/Tunisia's).
GREGORIAN_MONTHS: tuple[tuple[str, ...], ...] = (
    ("كانون الثاني", "يناير", "جانفي"),
    ("شباط", "فبراير", "فيفري"),
    ("آذار", "مارس"),
    ("نيسان", "أبريل", "إبريل", "أفريل"),
    ("أيار", "مايو", "ماي"),
    ("حزيران", "يونيو", "يونيه", "جوان"),
    ("تموز", "يوليو", "يوليه", "يوليوز", "جويلية"),
    ("آب", "أغسطس", "غشت", "أوت"),
    ("أيلول", "سبتمبر", "شتنبر"),
    ("تشرين الأول", "أكتوبر"),
    ("تشرين الثاني", "نوفمبر", "نونبر"),
    ("كانون الأول", "ديسمبر", "دجنبر"),
)
