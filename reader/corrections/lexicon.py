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

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.analysis.arabic import normalize_form, strip_article
from reader.analysis.grouping import key_name, name_key
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


#: A word: letters and digits with their diacritics and tatweel, as the
#: tokenizer's words (``reader.analysis.tokens``) are once punctuation is split off.
WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")

#: A compiled entry: its folded words, what stands between them (punctuation, no spaces), the entry.
_Compiled = tuple[tuple[str, ...], tuple[str, ...], LexiconEntry]


def entry_words(text: str) -> tuple[str, ...]:
    """The folded words of an entry (its key as a tuple); CorrectionError if it has none.

    >>> entry_words("الأُمَمُ المتحدة")
    ('امم', 'متحده')
    """
    return _compile(text)[0]


def _compile(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An entry's folded words and the separators between them (whitespace dropped)."""
    checked = check_name(text, "lexicon text")
    found = list(WORD.finditer(checked))
    if not found:
        raise CorrectionError(f"the lexicon text {checked!r} has no word")
    words = name_key([m.group() for m in found])
    if not all(words):
        raise CorrectionError(f"the lexicon text {checked!r} has a word that is only diacritics or tatweel")
    separators = tuple("".join(checked[a.end() : b.start()].split()) for a, b in itertools.pairwise(found))
    return words, separators


def entry_key(text: str) -> str:
    """The key that identifies a lexicon entry: ``entry_key("بالموصل") == entry_key("موصل") == "موصل"``."""
    return key_name(entry_words(text))


class Lexicon:
    """A set of entries, compiled for matching (build once, ``find`` in many texts)."""

    def __init__(self, entries: Iterable[LexiconEntry] = ()) -> None:
        compiled: dict[str, _Compiled] = {}
        for entry in entries:
            words, separators = _compile(entry.text)
            compiled[key_name(words)] = (words, separators, entry)  # a later entry with the same key wins
        self.entries: tuple[LexiconEntry, ...] = tuple(entry for _, _, entry in compiled.values())
        self._compiled = tuple(compiled.values())
        # First word → one-word entry, and → longer entries, longest first: the longest entry wins.
        self._single: dict[str, LexiconEntry] = {}
        self._longer: dict[str, list[_Compiled]] = defaultdict(list)
        for words, separators, entry in compiled.values():
            if len(words) == 1:
                self._single[words[0]] = entry
            else:
                self._longer[words[0]].append((words, separators, entry))
        for candidates in self._longer.values():
            candidates.sort(key=lambda c: -len(c[0]))
        firsts = set(self._single) | set(self._longer)
        # The folded forms a first word may take once its clitics are gone
        # (base_form strips a bare و/ف only before a known name: وبغداد → بغداد).
        self._firsts = frozenset(firsts)
        self._known = frozenset(form for first in firsts for form in (first, "ال" + first))
        self._shortest = min((len(first) for first in firsts), default=0)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def by_key(self) -> dict[str, LexiconEntry]:
        """The entries by their key (``entry_key``)."""
        return {key_name(words): entry for words, _, entry in self._compiled}

    def __bool__(self) -> bool:
        return bool(self.entries)

    def find(self, text: str) -> list[LexiconMatch]:
        """Matches of the entries in ``text``, sorted and never overlapping.

        A match covers whole words; the words of a longer entry follow each
        other on one line, separated by white space and the punctuation the
        entry has between them.
        """
        if not self._firsts:
            return []
        strings = WORD.findall(text)
        first_of = {word: self._first_key(word) for word in set(strings)}
        hits = [i for i, word in enumerate(strings) if first_of[word] is not None]
        if not hits:
            return []
        words = list(WORD.finditer(text))
        next_keys: dict[str, str] = {}
        matches: list[LexiconMatch] = []
        n = len(words)
        taken = -1  # the last word of the last match
        for i in hits:
            if i <= taken:
                continue
            first = first_of[strings[i]]
            assert first is not None
            longer = next(
                (
                    (i + len(entry_words_) - 1, entry)
                    for entry_words_, separators, entry in self._longer.get(first, ())
                    if i + len(entry_words_) <= n and self._follows(text, words, i, entry_words_, separators, next_keys)
                ),
                None,
            )
            if longer is not None:
                last, entry = longer
                matches.append(LexiconMatch(words[i].start(), words[last].end(), entry.type, entry))
                taken = last
            elif first in self._single:
                entry = self._single[first]
                matches.append(LexiconMatch(words[i].start(), words[i].end(), entry.type, entry))
                taken = i
        return matches

    @staticmethod
    def _follows(
        text: str,
        words: list[re.Match[str]],
        i: int,
        entry_words_: tuple[str, ...],
        separators: tuple[str, ...],
        next_keys: dict[str, str],
    ) -> bool:
        """Whether the words after ``words[i]`` are the rest of the entry."""
        for k in range(1, len(entry_words_)):
            gap = text[words[i + k - 1].end() : words[i + k].start()]
            if "\n" in gap or "".join(gap.split()) != separators[k - 1]:
                return False
            if _next_key(words[i + k].group(), next_keys) != entry_words_[k]:
                return False
        return True

    def _first_key(self, word: str) -> str | None:
        """The folded first-word key of ``word`` if some entry could start with it, else None."""
        folded = normalize_form(word)
        # The key is what remains of the folded word once a prefix (clitics,
        # article) is gone: a suffix of it. Most words end in no entry's first
        # word, and skip base_form's work.
        if not any(folded[k:] in self._firsts for k in range(0, len(folded) - self._shortest + 1)):
            return None
        return name_key([word], self._known)[0]


def _next_key(word: str, cache: dict[str, str]) -> str:
    """The folded key of a name's second or later word (only the article is dropped, as grouping does)."""
    key = cache.get(word)
    if key is None:
        key = cache[word] = strip_article(normalize_form(word))
    return key
