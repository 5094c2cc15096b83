"""Train the offline CRF on ANERcorp: ``python -m reader.analysis.train``.

Reproducible: the split and crfsuite's L-BFGS are deterministic. Steps:

1. read the train file; its last 10% of sentences become the dev split;
2. train on the rest, print dev precision/recall/F1 per type;
3. train the final model on train + dev with the same settings and write it
   (``resources/models/anercorp-crf.crfsuite`` and its ``.lexicon.json``).

The training-data word classes (``features.WordClasses``) are computed
*jackknifed*: each tenth of the training sentences sees classes counted on
the other nine tenths only. Otherwise every training word would look "seen",
and the model would learn to trust the lexicon more than it deserves on text
with unseen names.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from reader.analysis.ner.conll import Scores, Sentence, read_conll, score
from reader.analysis.ner.features import FeatureExtractor, WordClasses
from reader.analysis.ner.gazetteers import Gazetteer, build_gazetteer
from reader.analysis.ner.model import MODEL_NAME, Lexicon, lexicon_path

TRAIN_FILE = "ANERCorp_CamelLab_train.txt"
TEST_FILE = "ANERCorp_CamelLab_test.txt"
DEV_FRACTION = 0.1
FOLDS = 10

#: crfsuite settings, chosen on the dev split (see docs/model.md).
CRF_PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


def default_data_dir() -> Path:
    """``../shared/data/anercorp`` beside the checkout."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "anercorp"


def default_model_path() -> Path:
    from reader.resources import resource_path

    return resource_path("models", MODEL_NAME + ".crfsuite")


def split_dev(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last 10% of the sentences."""
    cut = len(sentences) - round(len(sentences) * DEV_FRACTION)
    return list(sentences[:cut]), list(sentences[cut:])


def training_features(
    sentences: Sequence[Sentence], gazetteer: Gazetteer
) -> list[list[list[str]]]:
    """Features of every training sentence with jackknifed word classes."""
    n = len(sentences)
    bounds = [round(n * k / FOLDS) for k in range(FOLDS + 1)]
    out: list[list[list[str]]] = []
    for k in range(FOLDS):
        lo, hi = bounds[k], bounds[k + 1]
        others = [*sentences[:lo], *sentences[hi:]]
        extractor = FeatureExtractor(gazetteer, WordClasses.from_sentences(others))
        out += [extractor.sentence([t for t, _ in s]) for s in sentences[lo:hi]]
    return out


def train_crf(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, model_path: Path, params: dict | None = None
) -> Lexicon:
    """Train on ``sentences``, write the model and its lexicon, return the lexicon."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, sentence in zip(training_features(sentences, gazetteer), sentences, strict=True):
        trainer.append(pycrfsuite.ItemSequence(feats), [tag for _, tag in sentence])
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    lexicon = Lexicon(gazetteer, WordClasses.from_sentences(sentences))
    lexicon.save(lexicon_path(model_path))
    return lexicon


def evaluate_model(model_path: Path, sentences: Sequence[Sentence]) -> Scores:
    """Span scores of the model at ``model_path`` on gold ``sentences``."""
    from reader.analysis.ner.crf import CrfTagger

    tagger = CrfTagger.load(model_path)
    predicted = tagger.tag_sentences([[t for t, _ in s] for s in sentences])
    return score([[tag for _, tag in s] for s in sentences], predicted)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.analysis.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with the ANERcorp files")
    parser.add_argument("--out", type=Path, default=None, help="model file to write (.crfsuite)")
    parser.add_argument("--dev-only", action="store_true", help="print dev scores, do not train the final model")
    args = parser.parse_args(argv)
    data = args.data or default_data_dir()
    train_file = data / TRAIN_FILE
    if not train_file.is_file():
        print(f"ANERcorp training file not found: {train_file}", file=sys.stderr)
        return 1
    out = args.out or default_model_path()

    sentences = read_conll(train_file)
    train, dev = split_dev(sentences)
    started = time.perf_counter()
    gazetteer = build_gazetteer()
    dev_model = out.with_name(out.stem + ".dev.crfsuite")
    print(f"training on {len(train)} sentences, dev {len(dev)} sentences ...", flush=True)
    train_crf(train, gazetteer, dev_model)
    print("dev scores:")
    print(evaluate_model(dev_model, dev).table(), flush=True)
    dev_model.unlink()
    lexicon_path(dev_model).unlink()
    if args.dev_only:
        return 0
    print(f"training the final model on train + dev ({len(sentences)} sentences) ...", flush=True)
    train_crf(sentences, gazetteer, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
