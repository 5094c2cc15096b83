"""Full-text search with Arabic folding: what the FTS5 index holds and how hits are found.

Search finds what the reading window's Find bar finds (``reader.analysis.textmatch``):
the query folded (diacritics and tatweel dropped, أ/إ/آ → ا, ى → ي, ة → ه,
Latin lower-cased) and looked for as a substring of the folded text, so
سعودي finds السعودية, للسعودية and السعوديين. The query's leading
proclitics and article are dropped as grouping drops them, so الامم finds
الأمم, للأمم and الأُمَم alike.

Python's ``sqlite3`` cannot give SQLite a tokenizer of its own, so the index
holds a *folded shadow* of each article (``indexed_text``) in a contentless
FTS5 table with the trigram tokenizer and ``detail=none``: for each
three-letter sequence, which articles contain it, and no copy of the text
(about a third of the text's size). A query asks for the articles holding
all of its trigrams; each candidate is then checked, and its hits located,
on the shown text itself (``locate``), so offsets are code points of the
text the reader sees:

    >>> key = search_key("الامم المتحده")
    >>> key
    'امم المتحده'
    >>> locate("قالت للأُمَم المتحدة", key)
    [(5, 20)]

A hit is widened to whole words (للأُمَم المتحدة, not أُمَم المتحدة).
Changing ``indexed_text`` changes what the index holds: bump
``SEARCH_INDEX_VERSION`` and the indexer rebuilds it.
"""

from __future__ import annotations

import unicodedata

from reader.analysis.arabic import base_form, strip_article
from reader.analysis.textmatch import FoldedText, fold

#: The version of ``indexed_text``; stored in the library (``meta``) to know when to rebuild.
SEARCH_INDEX_VERSION = "trigram-fold-1"
#: The trigram index needs three characters to look anything up.
MIN_QUERY = 3


def indexed_text(text: str) -> str:
    """The folded shadow of ``text`` the index holds."""
    return fold(text)


def search_key(query: str) -> str:
    """The folded query, spaces collapsed, its first word without proclitics and article."""
    words = fold(query).split()
    if words:
        words[0] = strip_article(base_form(words[0]))
    return " ".join(words)


def fts_query(key: str) -> str | None:
    """An FTS5 query for the articles containing every trigram of ``key`` (None: too short)."""
    if len(key) < MIN_QUERY:
        return None
    trigrams = sorted({key[i : i + 3] for i in range(len(key) - 2)})
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams)


def contains(text: str, key: str) -> bool:
    """Whether ``text`` contains ``key`` once folded (quicker than ``locate``)."""
    return key in fold(text)


def locate(text: str, key: str) -> list[tuple[int, int]]:
    """``[start, end)`` code-point spans of ``key`` in ``text``, widened to whole words, in order."""
    spans: list[tuple[int, int]] = []
    for start, end in FoldedText(text).find_all(key):
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_word(text[end]):
            end += 1
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) == "Mn" or char == "\u0640"
