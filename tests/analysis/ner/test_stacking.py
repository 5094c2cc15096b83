"""Second-pass features from first-pass tags elsewhere in the document."""

from reader.analysis.ner.stacking import stacked_features


def test_type_given_to_the_same_word_elsewhere():
    keys = [["موصل", "في"], ["وصل", "موصل"]]
    tags = [["B-LOC", "O"], ["O", "O"]]
    out = stacked_features(keys, tags)
    assert "sd=LOC" in out[1][1]  # tagged a place in the first sentence
    assert "sd=LOC" not in out[0][0]  # its own tag is not evidence
    assert out[0][0][:3] == ["s0=B-LOC", "s-1=edge", "s+1=O"]


def test_surname_and_given_name_of_a_person_elsewhere():
    keys = [["اشتون", "كارتر", "قال"], ["قال", "كارتر"], ["اشتون", "وصل"]]
    tags = [["B-PERS", "I-PERS", "O"], ["O", "O"], ["O", "O"]]
    out = stacked_features(keys, tags)
    assert "sd=SUR" in out[1][1]
    assert "sd=SUR" not in out[0][1]
    assert "sd=GIVEN" in out[2][0]
    assert "sd=PERS" in out[1][1]
