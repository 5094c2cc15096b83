"""What the training data says about a word: its tag classes, and how name-like it looks.

``WordClasses`` records how each normalized word (and its clitic-free stem)
was tagged in training text — the lexicon features; ``NameShape`` scores how
much a word's letters look like those of names (an ablation option, not in
the shipped model).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.analysis.ner.wordforms import article_stem, normalize_word


@dataclass(frozen=True)
class WordClasses:
    """How words were tagged in training data: normalized word → class.

    A class is the entity type a word was mostly part of (PERS, LOC, ORG,
    MISC) or O, with a frequency band: ``LOC3`` is a word seen 5+ times,
    mostly inside places. ``by_stem`` keys the same by the clitic-free form
    (بالموصل and الموصل share ``موصل``). An unseen word has no class, which
    is itself informative: most unseen capitalised-looking words are names.
    """

    by_word: Mapping[str, str]
    by_stem: Mapping[str, str]

    @classmethod
    def from_sentences(cls, sentences: Iterable[Sequence[tuple[str, str]]]) -> WordClasses:
        words: dict[str, Counter[str]] = {}
        stems: dict[str, Counter[str]] = {}
        for sentence in sentences:
            for token, tag in sentence:
                kind = tag.partition("-")[2] or "O"
                n = normalize_word(token)
                words.setdefault(n, Counter())[kind] += 1
                stems.setdefault(article_stem(n) or n, Counter())[kind] += 1
        return cls(_classify(words), _classify(stems))

    def common_words(self) -> frozenset[str]:
        """Words seen 5+ times, mostly outside names (في، قال، الحكومة)."""
        return frozenset(w for w, c in self.by_word.items() if c == "O3")

    def to_json(self) -> dict[str, dict[str, str]]:
        return {"by_word": dict(self.by_word), "by_stem": dict(self.by_stem)}

    @classmethod
    def from_json(cls, data: Mapping[str, Mapping[str, str]]) -> WordClasses:
        return cls(dict(data["by_word"]), dict(data["by_stem"]))


class NameShape:
    """How much a word *looks like* a name: character trigram models of names vs other words.

    Trained on the clitic-free forms the training data tagged (mostly) as a
    person, place or organization, against those it tagged O. Transliterated
    foreign names (ـوفسكي، ـينيو، غو) and Arabic name patterns share letter
    sequences that ordinary words lack; one score summarizes them all, where
    separate n-gram features would each be too rare to learn. ``band(word)``
    is the mean log-likelihood ratio per trigram, rounded to half units.
    """

    def __init__(self, by_stem: Mapping[str, str]) -> None:
        names: Counter[str] = Counter()
        others: Counter[str] = Counter()
        for stem, word_class in by_stem.items():
            if len(stem) < 2 or not _is_arabic(stem):
                continue
            kind = word_class[:-1]
            target = others if kind == "O" else names if kind in ("PERS", "LOC", "ORG") else None
            if target is not None:
                target.update(_trigrams(stem))
        vocabulary = len(names.keys() | others.keys()) + 1
        name_total = sum(names.values()) + vocabulary
        other_total = sum(others.values()) + vocabulary
        # Add-one smoothed log ratio per trigram; an unseen trigram gets the prior's.
        self._unseen = math.log(other_total / name_total)
        self._ratio = {
            gram: math.log((names[gram] + 1) / name_total) - math.log((others[gram] + 1) / other_total)
            for gram in names.keys() | others.keys()
        }

    def band(self, stem: str) -> str:
        grams = _trigrams(stem)
        ratio = sum(self._ratio.get(gram, self._unseen) for gram in grams)
        return str(max(-4, min(4, round(2 * ratio / len(grams)))))


def _trigrams(word: str) -> list[str]:
    padded = "^" + word + "$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _is_arabic(word: str) -> bool:
    return all("\u0621" <= c <= "\u064a" for c in word)


def _classify(counts: dict[str, Counter[str]]) -> dict[str, str]:
    classes: dict[str, str] = {}
    for word, counter in counts.items():
        total = sum(counter.values())
        kind, top = counter.most_common(1)[0]
        if top / total < 0.6:
            kind = "AMB"
        band = 1 if total == 1 else 2 if total < 5 else 3
        classes[word] = f"{kind}{band}"
    return classes
