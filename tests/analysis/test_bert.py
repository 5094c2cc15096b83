"""camel-tools' BERT recognizer, run for real on a tiny random BERT.

The session fixture saves a randomly initialised BertForTokenClassification
(hidden 32, 2 layers) with camel-tools' label set and a WordPiece vocabulary
written here, in the layout of camel-tools' ``ner-arabert`` package, inside a
temporary camel-tools data folder. It proves loading, windows, alignment and
offsets without any download. Label mapping is checked with a "lookup" model
whose label depends only on the wordpiece, so every expected label is known.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.bert import BertRecognizer, BertUnavailable, bert_available, find_bert_model
from reader.analysis.bert.labels import spans_from_labels
from reader.analysis.recognizer import Recognizer, TokenizedText
from reader.analysis.tokens import split_sentences, tokenize
from reader.document import Span
from reader.entity_types import EntityType

ROOT = Path(__file__).resolve().parents[2]

# camel-tools' label order (camel_tools.ner._LABELS); the model config carries it.
LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]

SHADDA = "\u0651"  # a lone diacritic: BERT's tokenizer strips it to nothing
REPLACEMENT = "\ufffd"  # dropped by BERT's tokenizer too

# Words of the test sentences, as BERT's tokenizer sees them (accents
# stripped: أ becomes ا). The lookup model gives each the label here.
WORD_LABELS = {
    "محمد": "B-PERS",
    "علي": "I-PERS",
    "سامي": "B-PERS",
    "يوسف": "I-PERS",
    "بغداد": "B-LOC",
    "الموصل": "B-LOC",
    "الامم": "B-ORG",
    "المتحدة": "I-ORG",
    "جامعة": "B-ORG",
    "القاهرة": "I-ORG",
    "عربي": "B-MISC",
    "العراق": "I-LOC",  # I- after O: starts a place of its own
}
OTHER_WORDS = [
    "قال",
    "الرئيس",
    "ان",
    "ستعقد",
    "اجتماعا",
    "في",
    "وصل",
    "وفد",
    "من",
    "الى",
    "مدينة",
    "يوم",
    "الاحد",
    "اعلنت",
    "شركة",
    "النفط",
    "الوطنية",
    "وقال",
]
SUFFIXES = ["##ة", "##ات", "##ون", "##ية", "##ها", "##ين"]
PUNCTUATION = list(".،,؟!:")

ARTICLE = (
    "قال الرئيس محمد علي إن الأمم المتحدة ستعقد اجتماعا في بغداد.\n"
    "وصل وفد من جامعة القاهرة إلى مدينة الموصل يوم الأحد، وقال سامي يوسف إن وفدا عربي سيصل.\n"
)


@dataclass(frozen=True)
class TinyModel:
    camel_data: Path  # a camel-tools data folder (CAMELTOOLS_DATA) holding the model
    folder: Path  # the model folder itself: camel_data/data/ner/arabert


def write_vocab(path: Path) -> list[str]:
    letters = [chr(c) for c in range(0x0621, 0x064B)]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab += PUNCTUATION + letters + ["##" + c for c in letters] + SUFFIXES
    vocab += [w for w in [*WORD_LABELS, *OTHER_WORDS] if w not in vocab]
    path.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    return vocab


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> TinyModel:
    import torch
    from transformers import BertConfig, BertForTokenClassification

    camel_data = tmp_path_factory.mktemp("camel_tools")
    folder = camel_data / "data" / "ner" / "arabert"
    folder.mkdir(parents=True)
    vocab = write_vocab(folder / "vocab.txt")
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=512,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    BertForTokenClassification(config).save_pretrained(folder)
    # camel-tools' package ships vocab.txt with these two small files.
    (folder / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": True}), encoding="utf-8")
    (folder / "special_tokens_map.json").write_text(
        json.dumps(
            {
                "unk_token": "[UNK]",
                "sep_token": "[SEP]",
                "pad_token": "[PAD]",
                "cls_token": "[CLS]",
                "mask_token": "[MASK]",
            }
        ),
        encoding="utf-8",
    )
    catalogue = {
        "version": "1.6",
        "packages": {},
        "components": {
            "NamedEntityRecognition": {"default": "arabert", "datasets": {"arabert": {"path": "ner/arabert"}}}
        },
    }
    (camel_data / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    return TinyModel(camel_data, folder)


@pytest.fixture(scope="session")
def bert(tiny_model) -> BertRecognizer:
    return find_bert_model(tiny_model.folder, threads=1)


@pytest.fixture(scope="session")
def lookup_bert(tiny_model) -> BertRecognizer:
    """A recognizer whose "model" labels each wordpiece from WORD_LABELS,
    ignoring context, and records the shape of every batch."""
    import torch
    from transformers import BertConfig, BertTokenizer

    tokenizer = BertTokenizer.from_pretrained(str(tiny_model.folder))
    config = BertConfig.from_pretrained(str(tiny_model.folder))
    table = torch.full((config.vocab_size,), LABELS.index("O"), dtype=torch.long)
    for word, label in WORD_LABELS.items():
        table[tokenizer.convert_tokens_to_ids(word)] = LABELS.index(label)

    class LookupTagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.config = config
            self.table = table
            self.shapes: list[tuple[int, int]] = []

        def forward(self, input_ids, attention_mask=None, token_type_ids=None):
            assert input_ids.shape[1] <= config.max_position_embeddings
            self.shapes.append(tuple(input_ids.shape))
            one_hot = torch.nn.functional.one_hot(self.table[input_ids], num_classes=len(LABELS))
            return SimpleNamespace(logits=one_hot.float() * 10)

    return BertRecognizer(LookupTagger(), tokenizer, name="lookup", threads=1)


def document(text: str) -> TokenizedText:
    tokens = tokenize(text)
    return TokenizedText(text, tokens, split_sentences(text, tokens))


def expected_spans(doc: TokenizedText, recognizer: BertRecognizer) -> list[Span]:
    """What the lookup model must yield: each word's label from WORD_LABELS by
    its first wordpiece, decoded sentence by sentence (None if no piece)."""
    spans = []
    tokenizer = recognizer._tokenizer
    for sentence in doc.sentences:
        tokens = doc.sentence_tokens(sentence)
        labels = []
        for token in tokens:
            pieces = tokenizer.tokenize(token.text)
            labels.append(WORD_LABELS.get(pieces[0], "O") if pieces else None)
        spans.extend(spans_from_labels(tokens, labels))
    return spans


def positions(spans: list[Span]) -> list[tuple[int, int, EntityType]]:
    return [(s.start, s.end, s.type) for s in spans]


def found(doc: TokenizedText, spans: list[Span]) -> list[tuple[str, str]]:
    return [(doc.text[s.start : s.end], s.type.value) for s in spans]


# -- loading ---------------------------------------------------------------


def test_loads_from_a_model_folder(bert):
    assert isinstance(bert, Recognizer)
    assert bert.name == "camel-tools BERT (arabert)"
    assert bert.window_pieces == 254


def test_loads_from_camel_tools_data_folder(tiny_model, monkeypatch):
    monkeypatch.delenv("ARABIC_READER_BERT_DIR", raising=False)
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_model.camel_data))
    assert bert_available() == (True, f"camel-tools BERT (ner-arabert) is installed in {tiny_model.folder}")
    assert find_bert_model(threads=1).name == "camel-tools BERT (ner-arabert)"


def test_loads_from_environment_variable(tiny_model, monkeypatch, tmp_path):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))  # nothing installed there
    monkeypatch.setenv("ARABIC_READER_BERT_DIR", str(tiny_model.folder))
    assert bert_available()[0]
    assert find_bert_model(threads=1).name == "camel-tools BERT (arabert)"


def test_the_loaded_model_is_kept_until_its_files_change(tiny_model, tmp_path):
    import os
    import shutil

    folder = Path(shutil.copytree(tiny_model.folder, tmp_path / "model"))
    first = find_bert_model(folder, threads=1)
    assert find_bert_model(folder, threads=1) is first
    os.utime(folder / "config.json", ns=(1, 1))
    assert find_bert_model(folder, threads=1) is not first


# -- alignment and offsets with the real (tiny, random) BERT ------------------


def test_one_label_per_word_in_the_model_label_set(bert):
    sentences = [
        ["قال", "محمد", SHADDA, "علي", "."],
        [REPLACEMENT, SHADDA],
        ["وصل", "وفد", "إلى", "الموصل"],
        [],
    ]
    predicted = bert.predict(sentences)
    assert [len(labels) for labels in predicted] == [5, 2, 4, 0]
    assert all(label in LABELS for labels in predicted for label in labels)
    assert predicted[1] == ["O", "O"]  # words BERT cannot see are O


def test_a_lone_shadda_does_not_shift_the_labels_of_other_words(bert):
    words = ["قال", "الرئيس", "محمد", "علي", "إن", "الأمم", "المتحدة", "ستعقد", "اجتماعا", "في", "بغداد"]
    plain = bert.predict([words])[0]
    for position in (0, 3, len(words)):
        with_shadda = bert.predict([[*words[:position], SHADDA, *words[position:]]])[0]
        assert with_shadda[position] == "O"
        assert with_shadda[:position] + with_shadda[position + 1 :] == plain


def test_spans_are_token_aligned_and_exact(bert):
    doc = document(ARTICLE * 3)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    spans = bert.recognize(doc)
    assert len(spans) > 10  # the random model does tag things
    for span in spans:
        assert span.start in starts and span.end in ends and span.start < span.end
        assert span.type in (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION)
        assert 0.0 < span.score <= 1.0
        assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end]


def test_a_700_word_sentence_is_cut_under_the_limit_and_fully_labelled(bert, monkeypatch):
    # 700 words of 2-4 wordpieces and no punctuation: ~1,900 pieces, far over 512.
    words = ("الوطنية الموصل بغداد اجتماعات " * 175).split()
    shapes = []
    forward = bert._model.forward

    def spy(*args, **kwargs):
        shapes.append(tuple(kwargs["input_ids"].shape))
        return forward(*args, **kwargs)

    monkeypatch.setattr(bert._model, "forward", spy)
    labels = bert.predict([words])[0]
    assert len(labels) == 700 and all(label in LABELS for label in labels)
    assert sum(rows for rows, _ in shapes) >= 2
    assert all(length <= 256 for _, length in shapes)


def test_our_labels_equal_camel_tools_predict(bert, tiny_model, monkeypatch, isolated_camel_tools):
    # camel_tools.ner fetches its catalogue at import unless the file exists:
    # point it to the tiny model's data folder (and HOME, which it creates a folder in).
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_model.camel_data))
    monkeypatch.setenv("HOME", str(tiny_model.camel_data))
    from camel_tools.ner import NERecognizer

    camel = NERecognizer(str(tiny_model.folder), use_gpu=False)
    sentences = [
        ["قال", "الرئيس", "محمد", "علي", "إن", "الأمم", "المتحدة", "ستعقد", "اجتماعا", "في", "بغداد", "."],
        ["وصل", "وفد", "من", "جامعة", "القاهرة", "إلى", "مدينة", "الموصل", "يوم", "الأحد"],
        ["قال", "محمد", SHADDA, "علي"],
    ]
    ours = bert.predict(sentences)
    theirs = camel.predict(sentences)
    assert ours[:2] == theirs[:2]
    # camel-tools drops the shadda's label, so its labels no longer line up
    # with the words; ours keep one per word.
    assert len(theirs[2]) == 3 and len(ours[2]) == 4
    assert ours[2][:2] + ours[2][3:] == theirs[2]


@pytest.fixture
def isolated_camel_tools():
    """Forget camel_tools.data/ner imported by a test, so its data folder
    does not leak into later tests."""
    import camel_tools

    before = set(sys.modules)
    had_data = hasattr(camel_tools, "data")
    yield
    for name in set(sys.modules) - before:
        if name.startswith(("camel_tools.data", "camel_tools.ner")):
            del sys.modules[name]
    for attribute in ("data", "ner"):
        if attribute == "data" and had_data:
            continue
        if hasattr(camel_tools, attribute) and f"camel_tools.{attribute}" not in sys.modules:
            delattr(camel_tools, attribute)


# -- label mapping with the lookup model ----------------------------------


def test_labels_map_to_our_types(lookup_bert):
    doc = document(ARTICLE)
    assert found(doc, lookup_bert.recognize(doc)) == [
        ("محمد علي", "person"),
        ("الأمم المتحدة", "organization"),
        ("بغداد", "place"),
        ("جامعة القاهرة", "organization"),
        ("الموصل", "place"),
        ("سامي يوسف", "person"),
    ]  # وفدا عربي: MISC is dropped


def test_a_name_around_a_lone_shadda_stays_one_span(lookup_bert):
    doc = document(f"قال محمد {SHADDA} علي في بغداد {REPLACEMENT} العراق")
    assert found(doc, lookup_bert.recognize(doc)) == [
        (f"محمد {SHADDA} علي", "person"),
        (f"بغداد {REPLACEMENT} العراق", "place"),  # B-LOC, unseen, I-LOC: one place
    ]


def test_a_long_sentence_is_labelled_the_same_across_windows(lookup_bert):
    text = " ".join(["قال محمد علي في بغداد ثم زار الموصل"] * 120)  # one sentence, 960 words
    doc = document(text)
    lookup_bert._model.shapes.clear()
    assert positions(lookup_bert.recognize(doc)) == positions(expected_spans(doc, lookup_bert))
    assert len(lookup_bert._model.shapes) > 1


words_with_oddities = st.sampled_from(
    [*WORD_LABELS, *OTHER_WORDS, "الأمم", "زار", SHADDA, REPLACEMENT, "42", "x", "،", "."]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(words_with_oddities, min_size=0, max_size=60), min_size=1, max_size=4), st.integers(3, 40))
def test_windows_never_lose_or_shift_a_label(lookup_bert, sentences, window):
    text = "\n".join(" ".join(words) for words in sentences)
    doc = document(text)
    small = BertRecognizer(lookup_bert._model, lookup_bert._tokenizer, window_pieces=window, batch_pieces=64, threads=1)
    assert positions(small.recognize(doc)) == positions(expected_spans(doc, lookup_bert))


# -- progress and cancelling ------------------------------------------------


def test_recognize_iter_reports_progress_and_can_stop(lookup_bert):
    doc = document(ARTICLE * 40)
    stepwise = BertRecognizer(lookup_bert._model, lookup_bert._tokenizer, batch_pieces=64, threads=1)
    steps = list(stepwise.recognize_iter(doc))
    fractions = [fraction for fraction, _ in steps]
    assert len(steps) > 5 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert sorted((s for _, spans in steps for s in spans), key=lambda s: s.start) == stepwise.recognize(doc)

    lookup_bert._model.shapes.clear()
    fraction, _ = next(iter(stepwise.recognize_iter(doc)))  # the user cancelled: no further batch runs
    assert len(lookup_bert._model.shapes) == 1 and fraction < 0.25


def test_the_pipeline_feeds_bert_in_small_chunks(lookup_bert):
    from reader.analysis.pipeline import iter_analysis
    from reader.document import Source

    steps = list(iter_analysis(Source(ARTICLE * 30), lookup_bert))
    assert len(steps) >= 4 and steps[-1].final  # ~1,100 tokens in chunks of 300
    names = {(m.text, m.type.value) for m in steps[-1].analysis.mentions}
    assert {("محمد علي", "person"), ("بغداد", "place"), ("الأمم المتحدة", "organization")} <= names
    assert steps[-1].analysis.recognizer == "lookup"


def test_an_empty_document_finishes_at_once(bert):
    assert list(bert.recognize_iter(document(""))) == [(1.0, [])]
    assert bert.recognize(document(f" {SHADDA} \n")) == []


# -- when BERT cannot run: one line, never a crash ------------------------------


def one_line(error: BaseException) -> str:
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith("using the offline model")
    return message


def test_missing_folder(tmp_path):
    with pytest.raises(BertUnavailable) as error:
        find_bert_model(tmp_path / "nowhere")
    assert f"BERT model folder not found: {tmp_path / 'nowhere'}" in one_line(error.value)


def test_missing_runtime_is_reported(tiny_model, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(BertUnavailable) as error:
        find_bert_model(tiny_model.folder)
    assert "needs torch, which is not installed" in one_line(error.value)


class DownloaderError(Exception):
    """Stands in for camel_tools.data.DownloaderError (importing the real one
    triggers the very download it reports)."""


def test_an_import_that_tries_to_download_is_reported(tiny_model, monkeypatch):
    broken = ModuleType("transformers")

    def fail(name):
        raise DownloaderError("An error occured while downloading data.")

    broken.__getattr__ = fail
    monkeypatch.setitem(sys.modules, "transformers", broken)
    with pytest.raises(BertUnavailable) as error:
        find_bert_model(tiny_model.folder)
    assert "failed to load (DownloaderError: An error occured while downloading data.)" in one_line(error.value)


def test_corrupt_weights_are_reported(tiny_model, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("config.json", "vocab.txt", "tokenizer_config.json"):
        (folder / name).write_bytes((tiny_model.folder / name).read_bytes())
    (folder / "model.safetensors").write_bytes(b"\x00not weights\n" * 10)
    with pytest.raises(BertUnavailable) as error:
        find_bert_model(folder)
    assert f"BERT model in {folder} could not be loaded" in one_line(error.value)


def test_startup_check_is_cheap_and_offline(tmp_path):
    """bert_available() with nothing installed: False with the install hint,
    without importing torch or camel_tools.data (which would try the network)."""
    code = (
        "import sys; from reader.analysis.bert import bert_available; ok, message = bert_available();"
        "heavy = [m for m in ('torch', 'transformers', 'camel_tools.data', 'camel_tools.ner') if m in sys.modules];"
        "print(ok, heavy); print(message)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "CAMELTOOLS_DATA": str(tmp_path / "camel")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    status, message = result.stdout.splitlines()
    assert status == "False []"
    assert message == (
        "camel-tools' BERT NER model is not installed: run `camel_data -i ner-arabert` (about 540 MB); using the offline model"
    )
    assert not (tmp_path / ".camel_tools").exists()  # camel-tools' import-time side effect did not happen
