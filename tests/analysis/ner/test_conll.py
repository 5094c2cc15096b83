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


# Written for this test, in Wojood's nested format (outermost layer first).
NESTED = """\
قال O
رئيس B-OCC
بلدية I-OCC B-ORG
نابلس I-OCC I-ORG B-GPE
إن O
قرية B-GPE
اليامون I-GPE
تقع O
قرب O
نهر B-LOC
الأردن I-LOC B-GPE
في O
2020 B-DATE

عقدت O
نقابة B-ORG
العاملين I-ORG
في I-ORG
جامعة I-ORG B-ORG
بيرزيت I-ORG I-ORG B-GPE
و O
قوات B-ORG
الاحتلال I-ORG
و O
صحيفة B-ORG
الأيام I-ORG
و O
جاك B-PERS
شيراك I-PERS
"""


def test_nested_format_maps_types_keeps_the_outermost_and_drops_head_nouns():
    from reader.analysis.ner.conll import bio_spans, parse_nested_conll

    first, second = parse_nested_conll(NESTED)
    spans = [(kind, " ".join(w for w, _ in first[a:b])) for kind, a, b in bio_spans([t for _, t in first])]
    # the occupation is no name of ours: its organization stays, with the place inside it;
    # قرية is left out of the place (ANERcorp's convention); a river (LOC) is a place; a date is not
    assert spans == [("ORG", "بلدية نابلس"), ("LOC", "اليامون"), ("LOC", "نهر الأردن")]
    spans = [(kind, " ".join(w for w, _ in second[a:b])) for kind, a, b in bio_spans([t for _, t in second])]
    # a nested organization continues the outer one; "forces" are never an organization
    assert spans == [("ORG", "نقابة العاملين في جامعة بيرزيت"), ("ORG", "الأيام"), ("PERS", "جاك شيراك")]


def test_nested_format_rejects_a_line_without_tag():
    from reader.analysis.ner.conll import parse_nested_conll

    with pytest.raises(ConllError, match="line 2"):
        parse_nested_conll("أ O\nبلا\n")
