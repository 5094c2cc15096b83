"""CRF features: clitic-aware forms, gazetteer cues, window, document cues, pruning."""

import pytest

from reader.analysis.ner.features import FeatureExtractor, WordClasses
from reader.analysis.ner.gazetteers import Gazetteer

GAZ = Gazetteer.from_entries(
    [("LOC", "الموصل"), ("PTITLE", "الرئيس"), ("PAFTER", "قال"), ("GENT", "الأمريكي"), ("LOC", "رام الله")]
)
CLASSES = WordClasses.from_sentences(
    [[("قال", "O"), ("الرئيس", "O"), ("في", "O"), ("الموصل", "B-LOC")]] * 3 + [[("وزير", "O")]]
)
ALL = frozenset({"affixes", "gazetteer", "classes", "window2", "conj-forms", "doc-cues"})


def extractor(**kwargs) -> FeatureExtractor:
    return FeatureExtractor(GAZ, CLASSES, kwargs.pop("options", ALL), **kwargs)


def test_word_classes_band_by_frequency():
    assert CLASSES.by_word["الموصل"] == "LOC2"  # seen 3 times, as a place
    assert CLASSES.by_stem["موصل"] == "LOC2"
    assert CLASSES.by_word["وزير"] == "O1"


def test_own_features_see_through_clitics():
    feats = extractor().sentence(["في", "بالموصل"])[1]
    assert {"w=بالموصل", "st=موصل", "pre=بال", "g=LOC", "ls=LOC2", "lw=UNK", "sh=ar"} <= set(feats)


def test_window_features_are_prefixed_by_offset():
    first, second, third = extractor().sentence(["قال", "الرئيس", "زيد"])
    assert "-1:edge" in first and "1:w=الرئيس" in first and "2:w=زيد" in first
    assert "-1:g=PAFTER" in second
    assert "-2:g=PAFTER" in third and "-1:g=PTITLE" in third and "1:edge" in third


def test_multi_word_gazetteer_marks():
    feats = extractor().sentence(["من", "رام", "الله"])
    assert "mg=B-LOC" in feats[1] and "mg=I-LOC" in feats[2]
    assert not any(f.startswith("mg=") for f in feats[0])


def test_conj_forms_give_an_unseen_word_its_known_form():
    feats = extractor().sentence(["ووزير"])[0]
    assert "cf=وزير" in feats and "lw=O1" in feats


def test_document_cues_come_from_other_occurrences():
    doc = extractor().document([["الرئيس", "كارتر"], ["قال", "كارتر", "."]])
    first, second = doc[0][1], doc[1][1]
    assert "dc=rep" in first and "dc=rep" in second
    assert "dc=T" in second and "dc=T" not in first  # the title is beside the first one
    assert "dc=V" in first and "dc=V" not in second


def test_title_across_a_gentilic_counts():
    doc = extractor().document([["الرئيس", "الأمريكي", "كارتر"], ["وصل", "كارتر"]])
    assert "dc=T" in doc[1][1]


def test_sentence_alone_has_no_document_cues():
    feats = extractor().sentence(["الرئيس", "كارتر"])
    assert not any(f.startswith("dc=") for token in feats for f in token)


def test_attributes_prune_unknown_features():
    pruned = extractor(attributes=frozenset({"bias", "g=LOC", "-1:w=في"}))
    feats = [f for f in pruned.sentence(["في", "الموصل"])[1] if not f.endswith(":edge")]
    assert sorted(feats) == ["-1:w=في", "bias", "g=LOC"]


def test_options_switch_groups_off():
    feats = extractor(options=frozenset({"window2"})).sentence(["في", "الموصل"])[1]
    assert not any(f.startswith(("g=", "lw=", "p2=")) for f in feats)


def test_unknown_option_is_rejected():
    with pytest.raises(ValueError, match="unknown"):
        extractor(options=frozenset({"telepathy"}))


def test_keys_are_clitic_free():
    assert extractor().keys(["بالموصل", "والموصل", "كارتر"]) == ["موصل", "موصل", "كارتر"]


def test_conj_cues_mark_a_name_that_shows_only_without_its_conjunction():
    gaz = Gazetteer.from_entries([("LOC", "بغداد"), ("LOC", "الموصل"), ("FIRST", "وليد")])
    ex = FeatureExtractor(gaz, CLASSES, ALL | {"conj-cues"})
    with_and, bare, article, own_w = ex.sentence(["وبغداد", "بغداد", "والموصل", "وليد"])
    assert "cj=LOC" in with_and and "g=LOC" in with_and
    assert not any(f.startswith("cj=") for f in bare)
    # والموصل carries its article: its name-ness is the place's own, not a conjunction's.
    assert not any(f.startswith("cj=") for f in article)
    # وليد is a name as written: nothing comes from stripping its و.
    assert not any(f.startswith("cj=") for f in own_w)


def test_conj_cues_use_the_training_class_of_the_bare_form():
    classes = WordClasses.from_sentences([[("حسن", "B-PERS")]] * 6)
    feats = FeatureExtractor(GAZ, classes, ALL | {"conj-cues"}).sentence(["وحسن"])[0]
    assert "cj=PERS3" in feats


def test_usage_features_band_the_word_and_its_neighbours():
    pytest.importorskip("wordfreq")
    feats = extractor(options=ALL | {"usage", "cue-usage"}).sentence(["قال", "كارتر"])
    assert any(f.startswith("fq=") for f in feats[1]) and "art=0" in feats[1]
    assert "cu=0V" in feats[1]  # a name-like word right after a reporting verb


def test_usage_conj_judges_a_rare_word_by_its_form_without_and():
    pytest.importorskip("wordfreq")

    def usage_of(token: str, options: frozenset[str]) -> list[str]:
        feats = extractor(options=options).sentence([token])[0]
        return [f for f in feats if f.split("=")[0] in ("fq", "art", "sfx")]

    plain = ALL | {"usage"}
    assert usage_of("وكارتر", plain | {"usage-conj"}) == usage_of("كارتر", plain)
    assert usage_of("وكارتر", plain) != usage_of("كارتر", plain)
    # وزير is the common form: it is not read as و + زير.
    assert usage_of("وزير", plain | {"usage-conj"}) == usage_of("وزير", plain)


def test_a_repeated_sentence_adds_no_document_evidence():
    once = extractor().document([["الرئيس", "كارتر"], ["وصل", "بوش"]])
    twice = extractor().document([["الرئيس", "كارتر"], ["وصل", "بوش"]] * 2)
    assert twice[:2] == once and twice[2:] == once  # no dc=rep, no cue from the copy


def test_cluster_features_of_the_word():
    from reader.analysis.ner.clusters import WordClusters

    clusters = WordClusters((2, 4), {"كارتر": (0, 3)})
    ex = extractor(options=ALL | {"clusters"}, clusters=clusters)
    assert {"k1=0", "k2=3"} <= set(ex.sentence(["وكارتر"])[0])
    assert "k=none" in ex.sentence(["مجهول"])[0]
    with pytest.raises(ValueError, match="cluster table"):
        extractor(options=ALL | {"clusters"})
