"""The second pass: what the first pass said about the same word elsewhere in the document.

A name is often clear in one sentence (الرئيس الأمريكي جورج بوش) and opaque
in another (وقال بوش). The second CRF sees, besides the first pass's features,
the first pass's own tags: the token's tag and its neighbours' (``s0``,
``s-1``, ``s+1``), the entity types the first pass gave the same clitic-free
word at its *other* occurrences in the document (``sd=PERS`` ...), and
whether the word ended (``sd=SUR``) or began (``sd=GIVEN``) a multi-word person
name elsewhere (كارتر after آشتون كارتر).

To learn how far to trust first-pass tags, the second pass is trained on
tags the first pass produced for text it had *not* seen: each half of the
training data is tagged by a first-pass model trained on the other half.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from reader.analysis.ner.conll import bio_spans

_TYPES = ("PERS", "LOC", "ORG")


def stacked_features(keys: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Extra features for every token of a document.

    ``keys`` are the tokens' clitic-free forms (``FeatureExtractor.keys``),
    ``tags`` the first pass's BIO tags, both one list per sentence.
    """
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    surnames: Counter[str] = Counter()
    given: Counter[str] = Counter()
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        for key, tag in zip(sentence_keys, sentence_tags, strict=True):
            if tag != "O":
                by_type[key][tag[2:]] += 1
        for kind, first, last in bio_spans(sentence_tags):
            if kind == "PERS" and last - first > 1:
                surnames[sentence_keys[last - 1]] += 1
                given[sentence_keys[first]] += 1

    out: list[list[list[str]]] = []
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        n = len(sentence_tags)
        spans_here = {(first, last - 1) for kind, first, last in bio_spans(sentence_tags) if kind == "PERS"}
        last_of_span = {last for first, last in spans_here if last > first}
        first_of_span = {first for first, last in spans_here if last > first}
        feats_sentence: list[list[str]] = []
        for i, (key, tag) in enumerate(zip(sentence_keys, sentence_tags, strict=True)):
            feats = [
                "s0=" + tag,
                "s-1=" + (sentence_tags[i - 1] if i > 0 else "edge"),
                "s+1=" + (sentence_tags[i + 1] if i + 1 < n else "edge"),
            ]
            own_type = tag[2:]
            counts = by_type.get(key)
            if counts:
                for kind in _TYPES:
                    if counts[kind] > (own_type == kind):
                        feats.append("sd=" + kind)
            if surnames[key] > (i in last_of_span):
                feats.append("sd=SUR")
            if given[key] > (i in first_of_span):
                feats.append("sd=GIVEN")
            feats_sentence.append(feats)
        out.append(feats_sentence)
    return out
