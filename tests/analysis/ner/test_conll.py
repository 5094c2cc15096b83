"""CoNLL reading and conlleval-style span scoring on tiny hand-written files."""

import pytest

from reader.analysis.ner.conll import ConllError, bio_spans, parse_conll, score


def test_parse_reads_sentences_and_last_field():
    text = "قال O\nأحمد\tB-PERS\nسعيد I-PERS\n\nفي O\nبغداد B-LOC\n"
    assert parse_conll(text) == [
        [("قال", "O"), ("أحمد", "B-PERS"), ("سعيد", "I-PERS")],
        [("في", "O"), ("بغداد", "B-LOC")],
    ]


def test_parse_skips_repeated_blank_lines():
    assert len(parse_conll("أ O\n\n\n\nب O\n")) == 2


def test_parse_rejects_a_line_without_tag():
    with pytest.raises(ConllError, match="line 2"):
        parse_conll("أ O\nبلا\n")


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["O", "O"], []),
        (["B-PERS", "I-PERS", "O"], [("PERS", 0, 2)]),
        (["B-LOC", "B-LOC"], [("LOC", 0, 1), ("LOC", 1, 2)]),
        (["I-ORG", "I-ORG"], [("ORG", 0, 2)]),  # I- without B- opens a span
        (["B-PERS", "I-LOC"], [("PERS", 0, 1), ("LOC", 1, 2)]),
        (["O", "B-ORG", "I-ORG"], [("ORG", 1, 3)]),
    ],
)
def test_bio_spans(tags, spans):
    assert bio_spans(tags) == spans


def test_score_counts_exact_matches_only():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "O", "B-MISC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "B-PERS", "O"]]
    scores = score(gold, pred)
    pers, loc, org = (scores.by_type[t] for t in ("PERS", "LOC", "ORG"))
    assert (pers.gold, pers.predicted, pers.correct) == (1, 2, 0)
    assert (loc.gold, loc.predicted, loc.correct) == (1, 1, 1)
    assert (org.gold, org.predicted, org.correct) == (1, 1, 1)
    micro = scores.micro  # MISC is not scored
    assert (micro.gold, micro.predicted, micro.correct) == (3, 4, 2)
    assert micro.precision == pytest.approx(0.5)
    assert micro.recall == pytest.approx(2 / 3)
    assert micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_score_of_nothing_is_zero_not_an_error():
    scores = score([["O"]], [["O"]])
    assert scores.micro.f1 == 0.0
    assert "micro" in scores.table()


def test_score_rejects_misaligned_sentences():
    with pytest.raises(ValueError):
        score([["O", "O"]], [["O"]])
