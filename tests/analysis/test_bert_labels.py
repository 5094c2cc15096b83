"""BIO labels per word → typed spans (reader/analysis/bert/labels.py)."""

from __future__ import annotations

import pytest

from reader.analysis.bert.labels import spans_from_labels, split_label
from reader.analysis.tokens import tokenize

SENTENCE = "قال محمد بن سلمان في الرياض إن شركة أرامكو ستبني مصنعا"
# tokens:   0   1    2  3     4  5      6  7    8      9     10


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        # a multi-word person, a place
        ("O B-PERS I-PERS I-PERS O B-LOC O O O O O", [("محمد بن سلمان", "person"), ("الرياض", "place")]),
        # an organization; MISC is dropped
        ("O O O O O O O B-ORG I-ORG B-MISC I-MISC", [("شركة أرامكو", "organization")]),
        # I- after O starts a name (conlleval's reading)
        ("O I-PERS I-PERS O O I-LOC O O O O O", [("محمد بن", "person"), ("الرياض", "place")]),
        # I- of another kind ends the name and starts a new one
        ("O B-PERS I-PERS I-LOC O O O O O O O", [("محمد بن", "person"), ("سلمان", "place")]),
        # B- right after a name starts the next one
        ("O B-PERS B-PERS O O O O O O O O", [("محمد", "person"), ("بن", "person")]),
        # a name at the very end of the sentence
        ("O O O O O O O O O O B-LOC", [("مصنعا", "place")]),
        # other spellings: PER, BIOES
        ("O B-PER E-PER O O S-LOC O O O O O", [("محمد بن", "person"), ("الرياض", "place")]),
        # unknown or odd labels read as O
        ("O X-PERS PERS B- O O O O O O O", []),
    ],
)
def test_spans_from_labels(labels, expected):
    tokens = tokenize(SENTENCE)
    spans = spans_from_labels(tokens, labels.split())
    assert [(SENTENCE[s.start : s.end], s.type.value) for s in spans] == expected


def test_unseen_words_are_transparent():
    text = "زار محمد ّ علي بغداد ّ"
    tokens = tokenize(text)
    labels = ["O", "B-PERS", None, "I-PERS", "B-LOC", None]
    spans = spans_from_labels(tokens, labels, scores=[1.0, 0.9, 0.0, 0.7, 0.6, 0.0])
    assert [(text[s.start : s.end], s.type.value, round(s.score, 3)) for s in spans] == [
        ("محمد ّ علي", "person", 0.8),  # the shadda neither splits the name nor lowers its score
        ("بغداد", "place", 0.6),  # nor extends a name past its last word
    ]


def test_label_count_must_match():
    with pytest.raises(ValueError):
        spans_from_labels(tokenize("زار بغداد"), ["O"])


@pytest.mark.parametrize(
    ("label", "parts"),
    [("B-PERS", ("B", "PERS")), ("i-loc", ("I", "LOC")), ("O", ("O", "")), ("B-", ("O", "")), ("MISC", ("O", ""))],
)
def test_split_label(label, parts):
    assert split_label(label) == parts
