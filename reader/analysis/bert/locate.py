"""Where camel-tools' BERT NER model is, and whether it can run: cheap checks only.

Nothing here imports torch, transformers or ``camel_tools.data``: the UI asks
at start-up, and importing ``camel_tools.data`` when camel-tools' catalogue
file is absent makes it download the catalogue right there (a plain HTTP GET
without a timeout: offline it raises ``DownloaderError``, behind a silent
firewall it can hang). So we read the files camel-tools would read.

A model folder comes from, in order:

1. ``model_dir`` given by the caller (the user's setting);
2. the environment variable ``ARABIC_READER_BERT_DIR``;
3. camel-tools' data package ``ner-arabert``, installed by
   ``camel_data -i ner-arabert`` into ``$CAMELTOOLS_DATA/data/ner/arabert``
   (``~/.camel_tools`` when ``CAMELTOOLS_DATA`` is unset).

A folder named explicitly (1 or 2) that is unusable is an error, not a reason
to fall back silently to camel-tools' copy: the user asked for that folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.errors import one_line

#: Environment variable naming a model folder (camel-tools' layout).
MODEL_DIR_ENV = "ARABIC_READER_BERT_DIR"

#: camel-tools' data package holding the model, and how big the download is.
CAMEL_PACKAGE = "ner-arabert"
INSTALL_HINT = f"run `camel_data -i {CAMEL_PACKAGE}` (about 540 MB)"
FALLBACK = "using the offline model"

# camel-tools' catalogue names the NER dataset's folder; this is its value in
# the 1.5 and 1.6 catalogues, used when the catalogue cannot be read.
_CAMEL_COMPONENT = "NamedEntityRecognition"
_CAMEL_DEFAULT_PATH = "ner/arabert"

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
VOCAB_FILES = ("vocab.txt", "tokenizer.json")

#: Label kinds the recognizer maps to our types (see labels.py); a folder
#: whose model predicts none of them is not a NER model we can use.
USABLE_KINDS = frozenset({"PERS", "PER", "PERSON", "LOC", "ORG"})


class BertUnavailable(Exception):
    """BERT cannot run here.

    ``str(error)`` is one line for the user: what is missing, how to fix it,
    and that the offline model is used instead. ``error.reason`` is the same
    without that last clause, for a caller that does not fall back (the
    command line's ``--model bert``).
    """

    def __init__(self, reason: str) -> None:
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.reason}; {FALLBACK}")


@dataclass(frozen=True, slots=True)
class ModelLocation:
    """A model folder that passed the cheap checks.

    ``origin`` says where the path came from (``"setting"``,
    ``"ARABIC_READER_BERT_DIR"`` or ``"ner-arabert"``); ``name`` is what the
    user sees, e.g. ``camel-tools BERT (ner-arabert)``.
    """

    path: Path
    origin: str
    labels: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"camel-tools BERT ({CAMEL_PACKAGE if self.origin == CAMEL_PACKAGE else self.path.name})"


def camel_data_dir() -> Path:
    """camel-tools' data folder, by camel-tools' own rule (``CAMELTOOLS_DATA``
    or a per-user folder), read at call time."""
    configured = os.environ.get("CAMELTOOLS_DATA")
    if configured:
        return Path(configured).expanduser().absolute()
    if sys.platform == "win32":
        return Path.home() / "AppData" / "Roaming" / "camel_tools"
    return Path.home() / ".camel_tools"


def camel_model_dir() -> Path:
    """Where ``camel_data -i ner-arabert`` puts the model (it may be absent)."""
    data_dir = camel_data_dir()
    relative = _CAMEL_DEFAULT_PATH
    try:
        catalogue = json.loads((data_dir / "catalogue.json").read_text(encoding="utf-8"))
        component = catalogue["components"][_CAMEL_COMPONENT]
        relative = str(component["datasets"][component["default"]]["path"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no or unreadable catalogue: camel-tools' known default
    return data_dir / "data" / relative


def locate_model(model_dir: str | os.PathLike[str] | None = None) -> ModelLocation:
    """The model folder to use, checked without loading anything heavy.

    Raises BertUnavailable (one line) when there is none or it is incomplete.
    """
    if model_dir is not None and str(model_dir).strip():
        path, origin = Path(model_dir).expanduser(), "setting"
    elif os.environ.get(MODEL_DIR_ENV, "").strip():
        path, origin = Path(os.environ[MODEL_DIR_ENV].strip()).expanduser(), MODEL_DIR_ENV
    else:
        path, origin = camel_model_dir(), CAMEL_PACKAGE
    return ModelLocation(path, origin, _check_folder(path, origin))


def check_runtime() -> None:
    """BertUnavailable unless torch and transformers are installed (found,
    not imported: importing them takes seconds)."""
    missing = [name for name in ("torch", "transformers") if not _installed(name)]
    if missing:
        raise BertUnavailable(
            f"camel-tools' BERT needs {' and '.join(missing)}, which "
            f"{'is' if len(missing) == 1 else 'are'} not installed "
            f"(`pip install camel-tools` brings them)"
        )


def _installed(name: str) -> bool:
    if sys.modules.get(name) is not None:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a half-imported or blocked package
        return False


def bert_available(model_dir: str | os.PathLike[str] | None = None) -> tuple[bool, str]:
    """``(True, where)`` when BERT can be loaded, else ``(False, why)``.

    Fast (file checks only, no torch import): fine to call at start-up. The
    message is one line for the status bar or the About box.
    """
    try:
        location = locate_model(model_dir)
        check_runtime()
    except BertUnavailable as error:
        return False, str(error)
    except Exception as error:  # a broken install must never break start-up
        return False, str(BertUnavailable(f"camel-tools' BERT cannot be checked ({one_line(error, named=True)})"))
    return True, f"{location.name} is installed in {location.path}"


def _check_folder(path: Path, origin: str) -> tuple[str, ...]:
    """The model's labels, or BertUnavailable saying what the folder lacks."""
    where = "" if origin == CAMEL_PACKAGE else f" (from {origin})"
    if not path.is_dir():
        if origin == CAMEL_PACKAGE:
            raise BertUnavailable(f"camel-tools' BERT NER model is not installed: {INSTALL_HINT}")
        raise BertUnavailable(f"BERT model folder not found: {path}{where}")
    fix = (
        INSTALL_HINT.replace("run", "reinstall with", 1)
        if origin == CAMEL_PACKAGE
        else "point to a complete model folder"
    )

    def incomplete(what: str) -> BertUnavailable:
        return BertUnavailable(f"BERT model folder {path}{where} is incomplete: {what}; {fix}")

    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise incomplete("no config.json") from None
    except (OSError, ValueError) as error:
        raise incomplete(f"config.json is unreadable ({one_line(error, named=True)})") from None
    if not any((path / name).is_file() for name in WEIGHT_FILES):
        raise incomplete(f"no model weights ({' or '.join(WEIGHT_FILES)})")
    if not any((path / name).is_file() for name in VOCAB_FILES):
        raise incomplete(f"no vocabulary ({' or '.join(VOCAB_FILES)})")
    id2label = config.get("id2label") if isinstance(config, dict) else None
    labels = tuple(str(label) for label in id2label.values()) if isinstance(id2label, dict) else ()
    if not any(label.partition("-")[2].upper() in USABLE_KINDS for label in labels):
        raise BertUnavailable(
            f"BERT model in {path}{where} is not a named-entity model "
            f"(its labels are {', '.join(labels[:6]) or 'missing'}, not B-PERS/B-LOC/B-ORG)"
        )
    return labels
