"""The shipped offline recognizer on an article written for this test."""

import pytest

from reader.analysis.ner import ModelError, OfflineRecognizer
from reader.analysis.ner.crf import arabic_core
from reader.analysis.ner.model import model_label
from reader.analysis.recognizer import OFFLINE_MODEL_LABELS, Recognizer, TokenizedText
from reader.analysis.tokens import split_sentences, tokenize
from reader.entity_types import EntityType

PERSON, PLACE, ORG = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION

# Written for this test; the names are common news names, the events invented.
ARTICLE = """\
بغداد - أعلن رئيس الوزراء العراقي حيدر العبادي اليوم أن القوات العراقية دخلت الأحياء الشرقية من مدينة الموصل.
وقال العبادي في مؤتمر صحفي في بغداد إن العملية تسير وفق الخطة.
من جهته، قال وزير الخارجية الأمريكي جون كيري في واشنطن إن الولايات المتحدة تدعم الحكومة العراقية.
وأضاف كيري أن الأمم المتحدة سترسل مساعدات إلى النازحين في محافظة نينوى.
"""


@pytest.fixture(scope="module")
def recognizer() -> OfflineRecognizer:
    return OfflineRecognizer.load()


def doc_of(text: str) -> TokenizedText:
    tokens = tokenize(text)
    return TokenizedText(text, tokens, split_sentences(text, tokens))


def test_is_a_recognizer_with_a_name(recognizer):
    assert isinstance(recognizer, Recognizer)
    # The shipped model is two CRF passes stacked on the neural tagger (docs/model.md).
    assert recognizer.tagger.extractor.neural is not None
    assert recognizer.name == "offline model (CRF + BiLSTM)"


def test_the_name_follows_the_model_files(tmp_path):
    crf = tmp_path / "m.crfsuite"
    assert model_label(crf) == "offline model (CRF)"
    assert model_label(crf, user=True) == "offline model (CRF, with your corrections)"
    (tmp_path / "m.neural.npz").write_bytes(b"")
    assert model_label(crf) == "offline model (CRF + BiLSTM)"
    assert set(OFFLINE_MODEL_LABELS.values()) == {model_label(crf, user=user) for user in (False, True)} | {
        model_label(tmp_path / "other.crfsuite", user=user) for user in (False, True)
    }


def test_load_is_cached(recognizer):
    assert OfflineRecognizer.load() is recognizer


def test_finds_the_obvious_names(recognizer):
    spans = recognizer.recognize(doc_of(ARTICLE))
    found = {(ARTICLE[s.start : s.end], s.type) for s in spans}
    expected = {
        ("حيدر العبادي", PERSON),
        ("بغداد", PLACE),
        ("واشنطن", PLACE),
        ("جون كيري", PERSON),
        ("الموصل", PLACE),
    }
    assert expected <= found
    assert ("الحكومة", ORG) not in found
    assert not any(text in {"اليوم", "قال", "في", "إن"} for text, _ in found)


def test_spans_are_token_aligned_and_scored(recognizer):
    doc = doc_of(ARTICLE)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    spans = recognizer.recognize(doc)
    assert spans
    for span in spans:
        assert span.start in starts and span.end in ends
        assert span.type in (PERSON, PLACE, ORG)
        assert 0.0 < span.score <= 1.0


def test_offsets_survive_diacritics_and_a_leading_emoji(recognizer):
    # Diacritics and an emoji before the name must not shift the span.
    text = "🙂 وَصَلَ الرَّئِيسُ إِلَى بَغْدَادَ أَمْسِ."
    spans = recognizer.recognize(doc_of(text))
    assert ("بَغْدَادَ", PLACE) in {(text[s.start : s.end], s.type) for s in spans}


@pytest.mark.parametrize("text", ["", "   \n", "...", "123 456", "hello world"])
def test_text_without_arabic_names_is_fine(recognizer, text):
    assert isinstance(recognizer.recognize(doc_of(text)), list)


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        OfflineRecognizer.load(tmp_path / "none.crfsuite")


def test_recent_news_names_unknown_to_2007_training_text(recognizer):
    text = "وقال المتحدث إن مقاتلي داعش انسحبوا من تلعفر بعد هجوم شنته فصائل الحشد الشعبي."
    found = {(text[s.start : s.end], s.type) for s in recognizer.recognize(doc_of(text))}
    assert {("داعش", ORG), ("تلعفر", PLACE), ("الحشد الشعبي", ORG)} <= found


# Written for these tests: news of the 2020s and an encyclopedic paragraph,
# names ANERcorp (2007 newswire) never saw; found through the world-knowledge
# lists, the corpus-usage features and context.
RECENT = """\
استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة أمس رئيس الوزراء الهندي ناريندرا مودي، وبحث الجانبان التعاون الاقتصادي.
وفي كييف، أعلن الرئيس الأوكراني فولوديمير زيلينسكي أن بلاده تلقت منظومات دفاع جوي من ألمانيا.
من جهته، دعا الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى وقف إطلاق النار، وحذر من مجاعة في شمال دارفور.
وأعلنت شركة أرامكو السعودية ارتفاع أرباحها، وقاد محمد صلاح فريقه ليفربول إلى الفوز على مانشستر سيتي.
"""

HISTORY = """\
ولد ابن خلدون في تونس، وتنقل بين فاس وغرناطة قبل أن يستقر في القاهرة، وقد تأثر بأعمال الفارابي وابن رشد.
وفي سنة 1401 التقى ابن خلدون بالقائد المغولي تيمورلنك خارج أسوار دمشق.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            RECENT,
            {
                ("عبد الفتاح السيسي", PERSON),
                ("ناريندرا مودي", PERSON),
                ("فولوديمير زيلينسكي", PERSON),
                ("أنطونيو غوتيريش", PERSON),
                ("محمد صلاح", PERSON),
                ("كييف", PLACE),
                ("دارفور", PLACE),
                ("أرامكو السعودية", ORG),
                ("ليفربول", ORG),
                ("مانشستر سيتي", ORG),
            },
        ),
        (
            HISTORY,
            {
                ("ابن خلدون", PERSON),
                ("الفارابي", PERSON),
                ("تيمورلنك", PERSON),
                ("فاس", PLACE),
                ("وغرناطة", PLACE),
                ("دمشق", PLACE),
            },
        ),
    ],
    ids=["news-2020s", "encyclopedia"],
)
def test_names_beyond_the_training_text(recognizer, text, expected):
    found = {(text[s.start : s.end], s.type) for s in recognizer.recognize(doc_of(text))}
    assert expected <= found, sorted(expected - found)
    ordinary = {"أمس", "الرئيس", "الاقتصادي", "بلاده", "الفوز", "أرباحها", "أسوار", "سنة", "القائد"}
    assert not any(text in ordinary for text, _ in found)


@pytest.mark.parametrize("lexicon", [None, "{not json", '{"options": []}'])
def test_a_broken_model_is_a_clear_error(tmp_path, lexicon):
    model = tmp_path / "broken.crfsuite"
    model.write_bytes(b"not a crfsuite model")
    if lexicon is not None:
        model.with_suffix(".lexicon.json").write_text(lexicon, encoding="utf-8")
    with pytest.raises(ModelError, match="cannot load"):
        OfflineRecognizer.load(model)


def test_a_broken_crf_file_beside_a_good_lexicon_is_a_clear_error(tmp_path):
    from reader.analysis.ner.crf import default_model_path
    from reader.analysis.ner.model import lexicon_path

    model = tmp_path / "broken.crfsuite"
    model.write_bytes(b"\x00" * 64)
    lexicon_path(model).write_bytes(lexicon_path(default_model_path()).read_bytes())
    with pytest.raises(ModelError, match="cannot load"):
        OfflineRecognizer.load(model)


@pytest.mark.parametrize(
    ("words", "confidence", "expected"),
    [
        (["according", "to", "Reuters"], 0.99, None),  # Latin running text: no name of ours
        (["Reuters"], 0.99, None),
        (["(", "بغداد"], 0.5, (1, 2)),  # never begins or ends with punctuation
        (["قال", "Reuters"], 0.6, (0, 1)),  # a Latin word at the edge of an unsure phrase goes
        (["منظمة", "Human", "Rights", "Watch"], 0.95, (0, 4)),  # a confident phrase keeps it
        (["منظمة", "الصحة", "العالمية", "(", "WHO", ")"], 0.95, (0, 6)),  # acronym in brackets
        (["منظمة", "الصحة", "العالمية", "(", "WHO", ")"], 0.6, (0, 3)),
        (["منظمة", "الصحة", "(", "WHO"], 0.95, (0, 2)),  # never an unclosed bracket
    ],
)
def test_arabic_core_of_a_tagged_phrase(words, confidence, expected):
    assert arabic_core(words, confidence) == expected


def test_latin_running_text_in_an_article_is_not_tagged(recognizer):
    text = (
        "وقال المتحدث في بغداد إن الوضع هادئ.\nThe report was published according to Reuters and the UN in New York.\n"
    )
    spans = recognizer.recognize(doc_of(text))
    tagged = [text[s.start : s.end] for s in spans]
    assert all(any("\u0621" <= c <= "\u064a" for c in t) for t in tagged), tagged
