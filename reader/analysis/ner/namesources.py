"""Typed name lists from licensed sources, converted and filtered for the gazetteer.

``python -m reader.analysis.ner.namesources [--nerar DIR] [--out DIR]``
writes ``resources/gazetteers/*-imported.txt``: one name a line, followed by
``# source`` (its provenance: every source that lists it). Sources:

- ``nerar``: the NERAr dictionaries (CNRS 2013, BSD-2; Buckwalter
  transliteration, converted with camel-tools' ``bw2ar``): persons, places,
  organizations;
- ``wikidata``: the person names of the ``arabic-name-romanizer`` package
  (MIT; its ``names.sqlite3`` is built from Wikidata, CC0): full names, and
  single given names and surnames marked as such;
- ``arwikicats``: the ``arwikicats`` package's translations of Wikipedia
  category names (MIT): people, cities and regions, sports clubs.

Every entry is folded as the features fold words (``normalize_word``) and
kept only if it is Arabic letters and spaces (Persian letters, digits,
hyphenated or parenthesized forms are dropped: they cannot match a token
sequence), and if it is not an everyday word: a one-word entry, or a
multi-word one made only of such words, is dropped when wordfreq's table
says the word behaves like a common noun (it takes the article and the
possessive suffixes as often as it goes bare: كتاب، الكتاب، كتابه) or when
it is among the most frequent words of the language. Entries already in the
project's hand-written lists, or earlier in the source order, are merged
(one line, all their sources).

Training reads the files like the hand-written lists;
``python -m reader.analysis.train --name-sources nerar,wikidata`` keeps only
the imported entries of the named sources (for the ablation).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from reader.analysis.ner.usage import ABSENT, WordUsage, shared_word_usage
from reader.analysis.ner.wordforms import article_stem, normalize_word

#: Sources in the order their entries are merged (provenance keeps them all).
SOURCES = ("nerar", "wikidata", "arwikicats")
#: Imported list files, by the hand-written lists' category prefix.
IMPORTED_FILES = {
    "people": "people-imported.txt",
    "places": "places-imported.txt",
    "organizations": "organizations-imported.txt",
    "first": "first-names-imported.txt",
    "surnames": "surnames-imported.txt",
}
#: A word more frequent than this (log10) is a word of the language, not a name to list alone.
MAX_LOG_FREQUENCY = -2.5

_ARABIC_NAME = re.compile(r"[\u0621-\u063a\u0641-\u064a]{2,}( [\u0621-\u063a\u0641-\u064a]{2,})*")
_NERAR_FILES = {
    "dico-mono-PERS.norm": "people",
    "dico-bi-ar-fr.PERS.norm": "people",
    "dico-mono-LOC.norm": "places",
    "dico-bi-ar-fr.LOC.norm": "places",
    "dico-mono-ORG.norm": "organizations",
    "dico-bi-ar-fr.ORG.norm": "organizations",
}
#: Qualifiers some sources append: "(البلدية)", ", Idaho".
_QUALIFIER = re.compile(r"\s*[(,،].*$")

Entry = tuple[str, str]  # (category prefix, folded name)


def fold_entry(name: str) -> str | None:
    """The entry as the features see it, or None when it is not plain Arabic words.

    Qualifiers in parentheses or after a comma are dropped; every word must
    have two letters or more.
    """
    folded = " ".join(normalize_word(_QUALIFIER.sub("", name)).split())
    return folded if _ARABIC_NAME.fullmatch(folded) else None


def nerar_entries(folder: Path) -> Iterator[Entry]:
    """The NERAr dictionaries: Buckwalter → Arabic letters (first column of the bilingual files)."""
    from camel_tools.utils.charmap import CharMapper

    to_arabic = CharMapper.builtin_mapper("bw2ar")
    for name, category in _NERAR_FILES.items():
        path = folder / name
        # A few lines of the bilingual files have Latin-1 French; the Buckwalter column is ASCII.
        for line in path.read_bytes().decode("latin-1").splitlines():
            buckwalter = line.split("\t", 1)[0].strip()
            if buckwalter and buckwalter.isascii():
                yield category, to_arabic(buckwalter)


def romanizer_database() -> Path:
    """``names.sqlite3`` of the installed arabic-name-romanizer package."""
    from importlib.resources import files

    return Path(str(files("arabic_name_romanizer") / "resources" / "names.sqlite3"))


def wikidata_entries(database: Path | None = None) -> Iterator[Entry]:
    """arabic-name-romanizer's Wikidata rows: full names (people), given names, surnames."""
    with sqlite3.connect(f"file:{database or romanizer_database()}?mode=ro", uri=True) as db:
        for (name,) in db.execute("SELECT DISTINCT arabic_key FROM full_names WHERE source = 'wikidata'"):
            yield "people", name
        roles = {"given": "first", "surname": "surnames"}
        query = "SELECT DISTINCT arabic_key, role FROM units WHERE source = 'wikidata' AND role IN ('given', 'surname')"
        for name, role in db.execute(query):
            yield roles[role], name


#: arwikicats data files and the category of their values.
_ARWIKICATS_FILES = {
    "people/peoples.json": "people",
    "cities/cities_full.json": "places",
    "geography/popopo.json": "places",
    "sports/Clubs_key.json": "organizations",
}


def arwikicats_entries() -> Iterator[Entry]:
    """arwikicats' Arabic names of people, cities and regions, and sports clubs."""
    from importlib.metadata import distribution

    # Located, not imported: importing the package sets up its whole engine.
    package = distribution("arwikicats")
    for name, category in _ARWIKICATS_FILES.items():
        path = Path(str(package.locate_file(f"ArWikiCats/jsons/{name}")))
        data = json.loads(path.read_text(encoding="utf-8"))
        for value in data.values():
            if isinstance(value, str):
                yield category, value
                if category == "organizations":
                    # نادي كولن لكرة القدم is usually written نادي كولن.
                    short = re.sub(r"\s+ل(كر[ةه]|لكر[ةه])\s+\S+$", "", value)
                    if short != value:
                        yield category, short


class CommonWords:
    """Is a folded word an everyday word (not a name worth listing alone)?"""

    def __init__(self, usage: WordUsage, training_common: Collection[str] = ()) -> None:
        self.usage = usage
        self.training_common = training_common

    def __call__(self, word: str) -> bool:
        if word in self.training_common:
            return True
        log = self.usage.log_frequency
        if log(word) > MAX_LOG_FREQUENCY:
            return True
        stem = article_stem(word) or word
        bare, article = log(stem), log("ال" + stem)
        if bare == ABSENT or article == ABSENT:
            return False
        # A common noun is written with and without the article alike, and takes suffixes.
        # A teh marbuta (folded to ه) turns into ت before a suffix: جامعة → جامعتها، جامعات.
        base = stem[:-1] + "ت" if stem.endswith("ه") else stem
        suffixed = max(log(base + s) for s in ("ه", "ها", "هم", "ين", "ون"))
        suffixed = max(suffixed, log(stem[:-1] + "ات" if stem.endswith("ه") else stem + "ات"))
        return article - bare > -1.5 and suffixed - max(bare, article) > -2.5


def import_entries(
    sources: Mapping[str, Iterable[Entry]],
    is_common: Callable[[str], bool],
    own: dict[str, set[str]],
) -> dict[str, dict[str, list[str]]]:
    """``category → folded name → sources``, filtered and merged (see the module docstring).

    ``own`` holds the folded entries of the hand-written lists by category:
    those are not imported again.
    """
    out: dict[str, dict[str, list[str]]] = {c: {} for c in IMPORTED_FILES}
    for source, entries in sources.items():
        for category, raw in entries:
            name = fold_entry(raw)
            if name is None or name in own.get(category, ()):
                continue
            words = name.split()
            if len(name) < 3 or all(is_common(w) for w in words):
                continue
            if category in ("first", "surnames") and len(words) > 1 and words[0] not in ("عبد", "ابو", "بن", "ال"):
                continue  # one-word lists: compound names only with their particle
            found = out[category].setdefault(name, [])
            if source not in found:
                found.append(source)
    return out


def own_entries(folder: Path) -> dict[str, set[str]]:
    """The folded entries of the hand-written lists in ``folder``, by category prefix."""
    from reader.analysis.ner.gazetteers import read_name_list

    own: dict[str, set[str]] = {c: set() for c in IMPORTED_FILES}
    for path in sorted(folder.glob("*.txt")):
        category = path.stem.split("-", 1)[0]
        if category in own and path.name not in IMPORTED_FILES.values():
            own[category].update(" ".join(normalize_word(w) for w in n.split()) for n in read_name_list(path))
    return own


HEADER = """\
# {title}: imported by `python -m reader.analysis.ner.namesources` (do not edit by hand).
# One folded name a line; after "#", every source that lists it:
#   nerar      NERAr dictionaries, Copyright (c) 2013 CNRS, BSD 2-clause license
#   wikidata   arabic-name-romanizer's name index (MIT), built from Wikidata (CC0 1.0)
#   arwikicats arwikicats' Wikipedia category translations (MIT), Copyright (c) Ibrahim Qasim
# Filtered of non-Arabic forms and of everyday words; entries of our own lists left out.
"""


def write_lists(imported: dict[str, dict[str, list[str]]], folder: Path) -> dict[str, int]:
    """Write one file per category; returns the entry counts."""
    counts: dict[str, int] = {}
    for category, names in imported.items():
        path = folder / IMPORTED_FILES[category]
        if not names:
            path.unlink(missing_ok=True)
            continue
        lines = [HEADER.format(title=path.name)]
        lines += [f"{name}  # {','.join(sources)}\n" for name, sources in sorted(names.items())]
        path.write_text("".join(lines), encoding="utf-8")
        counts[path.name] = len(names)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    from reader.analysis.ner.train import default_data_dir

    parser = argparse.ArgumentParser(
        prog="python -m reader.analysis.ner.namesources", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--nerar", type=Path, default=None, help="folder of the NERAr dictionaries")
    parser.add_argument("--out", type=Path, default=None, help="folder to write (default: resources/gazetteers)")
    parser.add_argument(
        "--sources", default=",".join(SOURCES), help=f"sources to import (of: {', '.join(SOURCES)}; default: all)"
    )
    args = parser.parse_args(argv)
    chosen = [s for s in args.sources.split(",") if s]
    if set(chosen) - set(SOURCES):
        parser.error(f"unknown sources: {', '.join(sorted(set(chosen) - set(SOURCES)))}")
    nerar = args.nerar or default_data_dir().parent / "nerar"
    if "nerar" in chosen and not nerar.is_dir():
        print(f"NERAr dictionaries not found: {nerar}", file=sys.stderr)
        return 1
    if args.out is None:
        from reader.resources import resource_path

        out = resource_path("gazetteers")
    else:
        out = args.out
    readers = {"nerar": lambda: nerar_entries(nerar), "wikidata": wikidata_entries, "arwikicats": arwikicats_entries}
    sources = {name: readers[name]() for name in SOURCES if name in chosen}
    imported = import_entries(sources, CommonWords(shared_word_usage()), own_entries(out))
    for name, count in write_lists(imported, out).items():
        print(f"{name}: {count:,} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
