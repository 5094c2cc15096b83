"""CRF features of a sentence, computed once per distinct word form.

News text repeats its words a lot, so everything that depends on one word
alone — its normalized and clitic-free forms, affixes, shape, gazetteer
categories, how it was tagged in the training data — is computed the first
time the word is seen and cached, already prefixed for each window position.
A sentence's features are then the concatenation of cached lists (plus the
multi-word gazetteer marks, which depend on the neighbours): tagging costs a
few list copies per token, not string work.

Feature strings are short on purpose: they are the model's vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.analysis.ner.gazetteers import Gazetteer
from reader.analysis.ner.wordforms import article_stem, normalize_word

#: Window offsets whose word features a token sees.
OFFSETS = (-2, -1, 1, 2)

_DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


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

    def to_json(self) -> dict[str, dict[str, str]]:
        return {"by_word": dict(self.by_word), "by_stem": dict(self.by_stem)}

    @classmethod
    def from_json(cls, data: Mapping[str, Mapping[str, str]]) -> WordClasses:
        return cls(dict(data["by_word"]), dict(data["by_stem"]))


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


class FeatureExtractor:
    """Turns token strings into crfsuite feature lists (one list of strings per token)."""

    def __init__(self, gazetteer: Gazetteer, classes: WordClasses) -> None:
        self.gazetteer = gazetteer
        self.classes = classes
        # token text → (normalized form, own features, {offset: prefixed context features})
        self._cache: dict[str, tuple[str, list[str], dict[int, list[str]]]] = {}

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists for one sentence's tokens."""
        words = [self._word(t) for t in tokens]
        n = len(words)
        marks = self.gazetteer.match_multi([w[0] for w in words])
        out: list[list[str]] = []
        for i, (_, own, _ctx) in enumerate(words):
            feats = own.copy()
            for offset in OFFSETS:
                j = i + offset
                if 0 <= j < n:
                    feats += words[j][2][offset]
                elif j == -1 or j == n:
                    feats.append(f"{offset}:edge")
            mark = marks[i]
            if mark is not None:
                feats.append("mg=" + mark)
            out.append(feats)
        return out

    def _word(self, token: str) -> tuple[str, list[str], dict[int, list[str]]]:
        cached = self._cache.get(token)
        if cached is None:
            cached = self._cache[token] = self._compute(token)
        return cached

    def _compute(self, token: str) -> tuple[str, list[str], dict[int, list[str]]]:
        n = normalize_word(token)
        stem = article_stem(n)
        base = stem or n
        prefix = n[: len(n) - len(stem)] if stem else ""
        shape = _shape(token)
        cats = sorted(self.gazetteer.categories(n))
        word_class = self.classes.by_word.get(n, "UNK")
        stem_class = self.classes.by_stem.get(base, "UNK")

        own = [
            "bias",
            "w=" + n,
            "st=" + base,
            "pre=" + prefix,
            "sh=" + shape,
            "len=" + str(min(len(base), 8)),
            "lw=" + word_class,
            "ls=" + stem_class,
        ]
        if shape == "ar":
            own += ["p2=" + base[:2], "p3=" + base[:3], "s1=" + base[-1:], "s2=" + base[-2:], "s3=" + base[-3:]]
        own += ["g=" + c for c in cats]

        near = ["w=" + n, "st=" + base, "lw=" + word_class, "sh=" + shape, *("g=" + c for c in cats)]
        far = ["w=" + n, "lw=" + word_class, *("g=" + c for c in cats)]
        ctx = {
            offset: [f"{offset}:{f}" for f in (near if abs(offset) == 1 else far)]
            for offset in OFFSETS
        }
        return n, own, ctx


def _shape(token: str) -> str:
    """``ar`` Arabic word, ``num`` digits, ``lat`` Latin, ``punct``, or ``mix``."""
    if all(c in _DIGITS or c in ".,٫٬" for c in token) and any(c in _DIGITS for c in token):
        return "num"
    if all("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in token):
        return "ar"
    if token.isascii() and token.isalpha():
        return "lat"
    if not any(c.isalnum() for c in token):
        return "punct"
    return "mix"
