"""The reader's lexicon: "always tag TEXT as TYPE" and "never tag TEXT", in every article.

An entry matches the way grouping compares names (``grouping.name_key``):
diacritics, tatweel and letter variants folded, the proclitics of the first
word (و ف ب ل ك لل) and the article dropped. A match covers whole words, as
the model's mentions do, and the longest entry wins where several start at
the same word:

    >>> lexicon = Lexicon([LexiconEntry("الموصل", EntityType.PLACE), LexiconEntry("ثاني", None)])
    >>> [(m.start, m.end, m.type) for m in lexicon.find("قاتلوا بالموصل في اليوم الثاني")]
    [(7, 14, <EntityType.PLACE: 'place'>), (24, 30, None)]

Entries are identified by their key (``LexiconEntry.key``): الموصل, موصل
and المَوْصِل are one entry, and adding one replaces the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.analysis.arabic import normalize_form, strip_article
from reader.analysis.grouping import key_name, name_key
from reader.analysis.tokens import Token, tokenize
from reader.corrections.kinds import CorrectionError, check_name
from reader.entity_types import EntityType


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """``text`` as the reader typed it; ``type`` None means "never tag it"."""

    text: str
    type: EntityType | None

    @property
    def key(self) -> str:
        return entry_key(self.text)


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """Where an entry matches: ``[start, end)`` of the text, whole words."""

    start: int
    end: int
    type: EntityType | None
    entry: LexiconEntry


def entry_words(text: str) -> tuple[str, ...]:
    """The folded words of an entry (its key as a tuple); CorrectionError if it has none.

    >>> entry_words("الأُمَمُ المتحدة")
    ('امم', 'متحده')
    """
    tokens = [t.text for t in tokenize(check_name(text, "lexicon text"))]
    words = name_key(tokens)
    if not all(words):
        raise CorrectionError(f"the lexicon text {text.strip()!r} has a word that is only diacritics or tatweel")
    return words


def entry_key(text: str) -> str:
    """The key that identifies a lexicon entry: ``entry_key("بالموصل") == entry_key("موصل") == "موصل"``."""
    return key_name(entry_words(text))


class Lexicon:
    """A set of entries, compiled for matching (build once, ``find`` in many texts)."""

    def __init__(self, entries: Iterable[LexiconEntry] = ()) -> None:
        by_key: dict[str, LexiconEntry] = {}
        words_of: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            words = entry_words(entry.text)
            key = key_name(words)
            by_key[key] = entry  # a later entry with the same key replaces the earlier
            words_of[key] = words
        self.entries: tuple[LexiconEntry, ...] = tuple(by_key.values())
        # First word → (words, entry), longest first: the longest entry wins.
        self._by_first: dict[str, list[tuple[tuple[str, ...], LexiconEntry]]] = defaultdict(list)
        for key, entry in by_key.items():
            self._by_first[words_of[key][0]].append((words_of[key], entry))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        # The folded forms a first word may take once its clitics are gone
        # (base_form strips a bare و/ف only before a known name: وبغداد → بغداد).
        self._known = frozenset(form for first in self._by_first for form in (first, "ال" + first))
        self._shortest = min((len(first) for first in self._by_first), default=0)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @cached_property
    def by_key(self) -> dict[str, LexiconEntry]:
        return {entry.key: entry for entry in self.entries}

    def find(self, text: str, tokens: Sequence[Token] | None = None) -> list[LexiconMatch]:
        """Matches of the entries in ``text``, sorted and never overlapping.

        A multi-word entry matches consecutive words on one line. ``tokens``
        are ``tokenize(text)`` when the caller has them.
        """
        if not self._by_first:
            return []
        tokens = tokenize(text) if tokens is None else tokens
        first_keys: dict[str, str | None] = {}
        next_keys: dict[str, str] = {}
        matches: list[LexiconMatch] = []
        n = len(tokens)
        i = 0
        while i < n:
            word = tokens[i].text
            first = first_keys.get(word, "")
            if first == "":
                first = first_keys[word] = self._first_key(word)
            candidates = self._by_first.get(first) if first else None
            found = None
            for words, entry in candidates or ():
                last = i + len(words) - 1
                if last >= n or "\n" in text[tokens[i].end : tokens[last].start]:
                    continue
                if all(_next_key(tokens[i + k].text, next_keys) == words[k] for k in range(1, len(words))):
                    found = last
                    matches.append(LexiconMatch(tokens[i].start, tokens[last].end, entry.type, entry))
                    break
            i = i + 1 if found is None else found + 1
        return matches

    def _first_key(self, word: str) -> str | None:
        """The folded first-word key of ``word`` if some entry could start with it, else None."""
        folded = normalize_form(word)
        # The key is what remains of the folded word once a prefix (clitics,
        # article) is gone: a suffix of it. Most words end in no entry's first
        # word, and skip base_form's work.
        if not any(folded[k:] in self._by_first for k in range(0, len(folded) - self._shortest + 1)):
            return None
        return name_key([word], self._known)[0]


def _next_key(word: str, cache: dict[str, str]) -> str:
    """The folded key of a name's second or later word (only the article is dropped, as grouping does)."""
    key = cache.get(word)
    if key is None:
        key = cache[word] = strip_article(normalize_form(word))
    return key
