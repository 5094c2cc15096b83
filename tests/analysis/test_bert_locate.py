"""Finding camel-tools' BERT model cheaply (reader/analysis/bert/locate.py).

No torch here: folders are faked with the files the checks look at.
"""

from __future__ import annotations

import json
import sys

import pytest

from reader.analysis.bert import BertUnavailable, bert_available, camel_model_dir, locate_model

NER_CONFIG = {"model_type": "bert", "id2label": {"0": "B-LOC", "1": "B-ORG", "2": "B-PERS", "3": "O"}}


@pytest.fixture(autouse=True)
def no_configured_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("ARABIC_READER_BERT_DIR", raising=False)
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "camel"))


def model_folder(path, config=NER_CONFIG, files=("model.safetensors", "vocab.txt")):
    path.mkdir(parents=True)
    if config is not None:
        (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    for name in files:
        (path / name).write_bytes(b"")
    return path


def message(model_dir=None) -> str:
    with pytest.raises(BertUnavailable) as error:
        locate_model(model_dir)
    text = str(error.value)
    assert "\n" not in text and text.endswith("; using the offline model")
    assert bert_available(model_dir) == (False, text)
    return text


def test_nothing_installed():
    assert message() == (
        "camel-tools' BERT NER model is not installed: run `camel_data -i ner-arabert` (about 540 MB); "
        "using the offline model"
    )
    with pytest.raises(BertUnavailable) as error:
        locate_model()
    # for a caller that does not fall back, e.g. `arabic-reader analyze --model bert`
    assert (
        error.value.reason
        == "camel-tools' BERT NER model is not installed: run `camel_data -i ner-arabert` (about 540 MB)"
    )


def test_camel_tools_package(tmp_path):
    folder = model_folder(tmp_path / "camel" / "data" / "ner" / "arabert")
    location = locate_model()
    assert (location.path, location.origin, location.name) == (folder, "ner-arabert", "camel-tools BERT (ner-arabert)")
    assert location.labels == ("B-LOC", "B-ORG", "B-PERS", "O")
    assert bert_available() == (True, f"camel-tools BERT (ner-arabert) is installed in {folder}")


def test_catalogue_names_the_folder(tmp_path):
    catalogue = {"components": {"NamedEntityRecognition": {"default": "v2", "datasets": {"v2": {"path": "ner/v2"}}}}}
    (tmp_path / "camel").mkdir()
    (tmp_path / "camel" / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    assert camel_model_dir() == tmp_path / "camel" / "data" / "ner" / "v2"
    (tmp_path / "camel" / "catalogue.json").write_text("{not json", encoding="utf-8")
    assert camel_model_dir() == tmp_path / "camel" / "data" / "ner" / "arabert"


def test_setting_wins_over_environment_and_package(tmp_path, monkeypatch):
    model_folder(tmp_path / "camel" / "data" / "ner" / "arabert")
    mine = model_folder(tmp_path / "mine")
    monkeypatch.setenv("ARABIC_READER_BERT_DIR", str(model_folder(tmp_path / "from_env")))
    assert locate_model(mine).origin == "setting"
    assert locate_model("").origin == "ARABIC_READER_BERT_DIR"  # an empty setting means "not set"
    assert locate_model().path == tmp_path / "from_env"


def test_explicit_folder_that_is_missing_does_not_fall_back(tmp_path, monkeypatch):
    model_folder(tmp_path / "camel" / "data" / "ner" / "arabert")  # camel-tools' copy exists
    monkeypatch.setenv("ARABIC_READER_BERT_DIR", str(tmp_path / "gone"))
    assert (
        message()
        == f"BERT model folder not found: {tmp_path / 'gone'} (from ARABIC_READER_BERT_DIR); using the offline model"
    )


@pytest.mark.parametrize(
    ("config", "files", "expected"),
    [
        (None, ("model.safetensors", "vocab.txt"), "is incomplete: no config.json; point to a complete model folder"),
        (NER_CONFIG, ("vocab.txt",), "is incomplete: no model weights (model.safetensors or pytorch_model.bin)"),
        (NER_CONFIG, ("pytorch_model.bin",), "is incomplete: no vocabulary (vocab.txt or tokenizer.json)"),
        (
            {"id2label": {"0": "POSITIVE", "1": "NEGATIVE"}},
            ("model.safetensors", "vocab.txt"),
            "is not a named-entity model (its labels are POSITIVE, NEGATIVE",
        ),
        (
            {"model_type": "bert"},
            ("model.safetensors", "vocab.txt"),
            "is not a named-entity model (its labels are missing",
        ),
    ],
)
def test_incomplete_folders(tmp_path, config, files, expected):
    folder = model_folder(tmp_path / "model", config, files)
    assert expected in message(folder)


def test_unreadable_config(tmp_path):
    folder = model_folder(tmp_path / "model", None)
    (folder / "config.json").write_text("{oops", encoding="utf-8")
    assert "config.json is unreadable (JSONDecodeError: " in message(folder)


def test_broken_package_says_how_to_reinstall(tmp_path):
    model_folder(tmp_path / "camel" / "data" / "ner" / "arabert", files=("vocab.txt",))
    assert "reinstall with `camel_data -i ner-arabert`" in message()


def test_missing_runtime(tmp_path, monkeypatch):
    folder = model_folder(tmp_path / "model")
    monkeypatch.setitem(sys.modules, "transformers", None)
    ok, text = bert_available(folder)
    assert not ok and text == (
        "camel-tools' BERT needs transformers, which is not installed (`pip install camel-tools` brings them); "
        "using the offline model"
    )
