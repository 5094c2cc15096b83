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
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.analysis.ner.clusters import (
    DEFAULT_SIZES,
    WORD2VEC,
    WordClusters,
    WordContexts,
    build_clusters,
    build_contexts,
    tokenized_corpus,
    word_vectors,
)
from reader.analysis.ner.conll import Scores, Sentence, read_conll, read_wojood
from reader.analysis.ner.crossfit import CrossFitting, fold_split
from reader.analysis.ner.evaluate import DOC_SENTENCES
from reader.analysis.ner.features import (
    ALL_OPTIONS,
    CLUSTER_OPTIONS,
    DEFAULT_OPTIONS,
    FeatureExtractor,
    NeuralSource,
    WordClasses,
)
from reader.analysis.ner.gazetteers import Gazetteer, build_gazetteer
from reader.analysis.ner.model import (
    MODEL_NAME,
    Lexicon,
    clusters_path,
    contexts_path,
    lexicon_path,
    neural_path,
    second_pass_path,
)
from reader.analysis.ner.usage import default_cache_dir

TRAIN_FILE = "ANERCorp_CamelLab_train.txt"
TEST_FILE = "ANERCorp_CamelLab_test.txt"
DEV_FRACTION = 0.1
FOLDS = 10

#: crfsuite settings, chosen on the dev split (see docs/model.md).
CRF_PARAMS = {
    "c1": 0.1,
    "c2": 0.1,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


def default_data_dir() -> Path:
    """``../shared/data/anercorp`` beside the checkout."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "anercorp"


def default_unlabeled_file() -> Path:
    """``../shared/data/ant/ant-news.txt.xz`` beside the checkout."""
    return default_data_dir().parent / "ant" / "ant-news.txt.xz"


def default_model_path() -> Path:
    from reader.resources import resource_path

    return resource_path("models", MODEL_NAME + ".crfsuite")


def split_dev(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last 10% of the sentences."""
    cut = len(sentences) - round(len(sentences) * DEV_FRACTION)
    return list(sentences[:cut]), list(sentences[cut:])


def training_features(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    options: frozenset[str] = DEFAULT_OPTIONS,
    clusters: WordClusters | None = None,
    contexts: WordContexts | None = None,
    neural: NeuralSource | None = None,
) -> list[list[list[str]]]:
    """Features of every training sentence with jackknifed word classes.

    ``neural``: the network's labels for the training sentences, from
    networks that did not see them (``crossfit``).
    """
    n = len(sentences)
    bounds = [round(n * k / FOLDS) for k in range(FOLDS + 1)]
    out: list[list[list[str]]] = []
    for k in range(FOLDS):
        lo, hi = bounds[k], bounds[k + 1]
        others = [*sentences[:lo], *sentences[hi:]]
        classes = WordClasses.from_sentences(others)
        extractor = FeatureExtractor(gazetteer, classes, options, clusters=clusters, contexts=contexts, neural=neural)
        fold = [[t for t, _ in s] for s in sentences[lo:hi]]
        # Pseudo-articles of DOC_SENTENCES sentences, as the evaluation reads them.
        for start in range(0, len(fold), DOC_SENTENCES):
            out += extractor.document(fold[start : start + DOC_SENTENCES])
    return out


def train_crf(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    model_path: Path,
    *,
    options: frozenset[str] = DEFAULT_OPTIONS,
    params: dict | None = None,
    keep_misc: bool = False,
    clusters: WordClusters | None = None,
    contexts: WordContexts | None = None,
    neural: NeuralSource | None = None,
) -> Lexicon:
    """Train on ``sentences``, write the model and its lexicon, return the lexicon.

    ``keep_misc=False`` trains MISC words as O (MISC is never shown). With
    ``neural`` (held-out network labels), the network itself is not written:
    the caller puts the one to run beside the model (``model.neural_path``).
    Without ``neural``, the model is trained without the ``neural`` features.
    """
    import pycrfsuite

    if neural is None:
        options = options - {"neural"}
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, sentence in zip(
        training_features(sentences, gazetteer, options, clusters, contexts, neural), sentences, strict=True
    ):
        tags = [tag if keep_misc or not tag.endswith("MISC") else "O" for _, tag in sentence]
        trainer.append(pycrfsuite.ItemSequence(feats), tags)
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    classes = WordClasses.from_sentences(sentences)
    lexicon = Lexicon(gazetteer, classes, options, model_attributes(model_path), clusters, contexts, neural)
    lexicon.save(lexicon_path(model_path))
    return lexicon


def train_stacked(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    model_path: Path,
    **settings: Any,
) -> Lexicon:
    """Train the first pass, then the second (``stacking``) on held-out first-pass tags.

    Writes ``model_path`` (first pass), its ``.pass2.crfsuite`` and the lexicon.
    """
    import pycrfsuite

    from reader.analysis.ner.crf import CrfTagger
    from reader.analysis.ner.stacking import stacked_features

    clusters, contexts, neural = settings.get("clusters"), settings.get("contexts"), settings.get("neural")
    options = settings.get("options", DEFAULT_OPTIONS)
    if neural is None:  # as ``train_crf``: no network labels, no network features
        options = options - {"neural"}
    keep_misc = settings.get("keep_misc", False)
    lexicon = train_crf(sentences, gazetteer, model_path, **settings)

    # First-pass tags of each half by a model trained on the other half.
    half = len(sentences) // 2
    parts = (sentences[:half], sentences[half:])
    held_out: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for train_part, tag_part in ((parts[1], parts[0]), (parts[0], parts[1])):
            half_model = Path(tmp) / "half.crfsuite"
            # In memory: the lexicon carries the held-out network labels, if any.
            tagger = CrfTagger(half_model, train_crf(train_part, gazetteer, half_model, **settings))
            for start in range(0, len(tag_part), DOC_SENTENCES):
                held_out += tagger.tag_sentences([[t for t, _ in s] for s in tag_part[start : start + DOC_SENTENCES]])

    keys_of = FeatureExtractor(gazetteer, WordClasses({}, {}), options, clusters=clusters, contexts=contexts).keys
    trainer = pycrfsuite.Trainer(verbose=False)
    features = training_features(sentences, gazetteer, options, clusters, contexts, neural)
    for start in range(0, len(sentences), DOC_SENTENCES):
        doc = sentences[start : start + DOC_SENTENCES]
        extra = stacked_features([keys_of([t for t, _ in s]) for s in doc], held_out[start : start + DOC_SENTENCES])
        for k, sentence in enumerate(doc):
            token_features = [f + e for f, e in zip(features[start + k], extra[k], strict=True)]
            tags = [tag if keep_misc or not tag.endswith("MISC") else "O" for _, tag in sentence]
            trainer.append(pycrfsuite.ItemSequence(token_features), tags)
    trainer.set_params({**CRF_PARAMS, **(settings.get("params") or {})})
    second = second_pass_path(model_path)
    trainer.train(str(second))
    lexicon.attributes = (lexicon.attributes or frozenset()) | model_attributes(second)
    lexicon.save(lexicon_path(model_path))
    return lexicon


def model_attributes(model_path: Path) -> frozenset[str]:
    """The feature strings the model at ``model_path`` has a non-zero weight for."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    try:
        return frozenset(attribute for attribute, _ in tagger.info().state_features)
    finally:
        tagger.close()


def evaluate_model(model_path: Path, sentences: Sequence[Sentence], *, propagate: bool, roles: bool = True) -> Scores:
    """Span scores of the model at ``model_path`` on gold ``sentences``, as the app would tag them."""
    from reader.analysis.ner.crf import CrfTagger, OfflineRecognizer
    from reader.analysis.ner.evaluate import evaluate

    return evaluate(OfflineRecognizer(CrfTagger.load(model_path), roles=roles), sentences, propagate=propagate)


def cross_validate(
    sentences: Sequence[Sentence],
    fold: int,
    k: int,
    train: Any,
    settings: dict,
    lists: dict | None = None,
    *,
    extra: Sequence[Sentence] = (),
    second_dev: Sequence[Sentence] = (),
    fitting: CrossFitting | None = None,
) -> str:
    """Train on all but the ``fold``-th of ``k`` contiguous parts, score on it; one summary line.

    The dev split alone is small (866 names) and leans to sport; folds of
    the whole train file (about 2,500 names each for k = 3) tell a real gain
    from noise. ``extra`` sentences (another corpus) are cut into ``k`` parts
    the same way, and all but the ``fold``-th join the fold's training part;
    ``second_dev`` (Wojood's test file) is scored too. With ``fitting``, the
    fold's CRF learns from held-out network labels and runs with the network
    trained on its training part (``crossfit``).
    """
    held, rest = fold_split(sentences, extra, k, fold)
    started = time.perf_counter()
    gazetteer = build_gazetteer(WordClasses.from_sentences(rest).common_words(), **(lists or {}))
    if fitting is not None:
        settings = {**settings, "neural": fitting.fold_features(fold)}
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "fold.crfsuite"
        train(rest, gazetteer, model, **settings)
        if fitting is not None:
            fitting.network("rest", fold, gazetteer)[0].save(neural_path(lexicon_path(model)))
        alone = evaluate_model(model, held, propagate=False)
        scores = evaluate_model(model, held, propagate=True)
        second = evaluate_model(model, second_dev, propagate=True) if second_dev else None
        no_roles = evaluate_model(model, held, propagate=True, roles=False)
    micro = scores.micro
    per_type = " ".join(f"{t} {s.f1:.4f}" for t, s in scores.by_type.items())
    line = (
        f"fold {fold}/{k}: F1 {alone.micro.f1:.4f} alone / {micro.f1:.4f} with consistency pass "
        f"(P {micro.precision:.4f} R {micro.recall:.4f}; {per_type})"
    )
    line += f"; {no_roles.micro.f1:.4f} without role rules"
    if second is not None:
        line += f"; Wojood test {second.micro.f1:.4f}"
    return line + f" {time.perf_counter() - started:.0f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.analysis.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with the ANERcorp files")
    parser.add_argument("--out", type=Path, default=None, help="model file to write (.crfsuite)")
    parser.add_argument("--dev-only", action="store_true", help="print dev scores, do not train the final model")
    parser.add_argument("--skip-dev", action="store_true", help="train the final model only (no dev split scores)")
    parser.add_argument(
        "--features",
        default=",".join(sorted(DEFAULT_OPTIONS)),
        help=f"comma-separated feature groups (of: {', '.join(sorted(ALL_OPTIONS))})",
    )
    parser.add_argument("--c1", type=float, default=CRF_PARAMS["c1"], help="L1 penalty")
    parser.add_argument("--c2", type=float, default=CRF_PARAMS["c2"], help="L2 penalty")
    parser.add_argument("--keep-misc", action="store_true", help="train MISC as a label (default: as O)")
    parser.add_argument("--single-pass", action="store_true", help="no stacked second pass")
    parser.add_argument("--name-lists", type=Path, default=None, metavar="DIR", help="read the name lists from DIR")
    parser.add_argument(
        "--no-name-lists", action="store_true", help="leave the lists of resources/gazetteers out of the gazetteer"
    )
    parser.add_argument(
        "--name-sources",
        default=None,
        metavar="LIST",
        help="read only these sources' entries of the imported name lists, e.g. nerar,wikidata "
        "(default: all; '' for none)",
    )
    parser.add_argument(
        "--imported-apart",
        action="store_true",
        help="give the imported name lists' entries categories of their own (XPERS, XLOC ...)",
    )
    parser.add_argument(
        "--extra-train",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="more training sentences in Wojood's nested format, mapped to PERS/LOC/ORG (repeatable)",
    )
    parser.add_argument(
        "--cv",
        type=int,
        metavar="K",
        default=0,
        help="K-fold cross-validation over the whole train file instead (prints each fold's scores)",
    )
    parser.add_argument("--folds", default="", help="with --cv: which folds to run, e.g. 0,2 (default: all)")
    parser.add_argument(
        "--unlabeled",
        type=Path,
        default=None,
        metavar="FILE",
        help="unlabeled news text (.txt or .txt.xz) to learn the word clusters from "
        "(default: ../shared/data/ant/ant-news.txt.xz beside the checkout)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder for the tokenized text and the word vectors (default: the user cache folder)",
    )
    parser.add_argument(
        "--clusters",
        type=Path,
        default=None,
        metavar="FILE",
        help="use this word-cluster table (e.g. the shipped one) instead of learning it from --unlabeled",
    )
    parser.add_argument(
        "--vector-window", type=int, default=WORD2VEC["window"], help="word2vec context window (words each side)"
    )
    parser.add_argument(
        "--cluster-sizes", default=",".join(map(str, DEFAULT_SIZES)), help="cluster counts, coarse to fine"
    )
    parser.add_argument("--epochs", type=int, default=None, help="with the neural features: training epochs")
    parser.add_argument("--hidden", type=int, default=None, help="with the neural features: LSTM size per direction")
    parser.add_argument(
        "--decay",
        type=int,
        default=None,
        metavar="N",
        help="with the neural features: lower the learning rate linearly over the last N epochs",
    )
    args = parser.parse_args(argv)
    options = frozenset(o for o in args.features.split(",") if o)
    if options - ALL_OPTIONS:
        parser.error(f"unknown feature groups: {', '.join(sorted(options - ALL_OPTIONS))}")
    settings: dict[str, Any] = {
        "options": options,
        "params": {"c1": args.c1, "c2": args.c2},
        "keep_misc": args.keep_misc,
    }
    data = args.data or default_data_dir()
    train_file = data / TRAIN_FILE
    if not train_file.is_file():
        print(f"ANERcorp training file not found: {train_file}", file=sys.stderr)
        return 1
    out = args.out or default_model_path()
    sources = None if args.name_sources is None else [s for s in args.name_sources.split(",") if s]
    lists = {
        "name_lists": not args.no_name_lists,
        "lists_dir": args.name_lists,
        "sources": sources,
        "imported_apart": args.imported_apart,
    }
    if "contexts" in options:
        unlabeled = args.unlabeled or default_unlabeled_file()
        if not unlabeled.is_file():
            print(f"unlabeled text for the word contexts not found: {unlabeled}", file=sys.stderr)
            return 1
        settings["contexts"] = build_contexts(unlabeled, args.cache or default_cache_dir() / "training")
    if options & CLUSTER_OPTIONS and args.clusters is not None:
        try:
            settings["clusters"] = WordClusters.load(args.clusters)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"cannot read the word clusters: {error}", file=sys.stderr)
            return 1
    elif options & CLUSTER_OPTIONS:
        unlabeled = args.unlabeled or default_unlabeled_file()
        if not unlabeled.is_file():
            print(f"unlabeled text for the word clusters not found: {unlabeled}", file=sys.stderr)
            return 1
        started = time.perf_counter()
        sizes = tuple(int(k) for k in args.cluster_sizes.split(","))
        cache = args.cache or default_cache_dir() / "training"
        settings["clusters"] = build_clusters(unlabeled, cache, sizes, window=args.vector_window)
        print(
            f"word clusters {'/'.join(map(str, sizes))} of {len(settings['clusters'].table):,} words "
            f"from {unlabeled.name} ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )

    sentences = read_conll(train_file)
    extra = [s for path in args.extra_train for s in read_wojood(path)]
    wojood_test = data.parent / "wojood-sample" / "test.txt"
    second_dev = read_wojood(wojood_test) if wojood_test.is_file() else []
    fitting = None
    if "neural" in options:
        unlabeled = args.unlabeled or default_unlabeled_file()
        if not unlabeled.is_file():
            print(f"unlabeled text for the word vectors not found: {unlabeled}", file=sys.stderr)
            return 1
        cache = args.cache or default_cache_dir() / "training"
        vectors = word_vectors(tokenized_corpus(unlabeled, cache), cache)
        fitting = _cross_fitting(sentences, extra, args, lists, vectors, options)
    if args.cv:
        folds = [int(f) for f in args.folds.split(",") if f] or list(range(args.cv))
        if args.cv < 2 or any(not 0 <= f < args.cv for f in folds):
            parser.error("--cv needs K >= 2 and folds between 0 and K-1")
        if fitting is not None and fitting.k != args.cv:
            parser.error("the neural features are cross-fitted over 3 units: use --cv 3")
        train = train_crf if args.single_pass else train_stacked
        for fold in folds:
            line = cross_validate(
                sentences, fold, args.cv, train, settings, lists, extra=extra, second_dev=second_dev, fitting=fitting
            )
            print(line, flush=True)
        return 0
    started = time.perf_counter()
    train = train_crf if args.single_pass else train_stacked
    if fitting is not None and not args.skip_dev:
        print("the dev split is not cross-fitted for the neural features: training the final model only")
    elif not args.skip_dev and not _dev_scores(sentences, extra, out, train, settings, lists, keep=args.dev_only):
        return 0
    print(f"training the final model on train + dev ({len(sentences)} sentences, {len(extra)} extra) ...", flush=True)
    # Common words of all the training text, extra files included, as each cross-validation fold counts them.
    gazetteer = build_gazetteer(WordClasses.from_sentences([*sentences, *extra]).common_words(), **lists)
    if fitting is not None:
        settings["neural"] = fitting.final_features()
    train([*sentences, *extra], gazetteer, out, **settings)
    if fitting is not None:
        fitting.network("everything", gazetteer=gazetteer)[0].save(neural_path(lexicon_path(out)))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


#: Units the neural features are cross-fitted over (``crossfit``).
NEURAL_UNITS = 3


def _cross_fitting(
    sentences: Sequence[Sentence],
    extra: Sequence[Sentence],
    args: argparse.Namespace,
    lists: dict,
    vectors: Path,
    options: frozenset[str],
) -> CrossFitting:
    from dataclasses import replace

    from reader.analysis.ner.neural_training import NetworkSettings

    network = NetworkSettings()
    if args.epochs is not None:
        network = replace(network, epochs=args.epochs)
    if args.hidden is not None:
        network = replace(network, hidden=args.hidden)
    if args.decay is not None:
        network = replace(network, decay=args.decay)

    def gazetteer_of(data: Sequence[Sentence]) -> Gazetteer:
        return build_gazetteer(WordClasses.from_sentences(data).common_words(), **lists)

    cache = (args.cache or default_cache_dir() / "training") / "networks"
    return CrossFitting(sentences, extra, NEURAL_UNITS, gazetteer_of, vectors, cache, network, options, log=_log)


def _log(line: str) -> None:
    print(line, flush=True)


def _dev_scores(
    sentences: Sequence[Sentence],
    extra: Sequence[Sentence],
    out: Path,
    train: Any,
    settings: dict[str, Any],
    lists: dict[str, Any],
    *,
    keep: bool,
) -> bool:
    """Train on the first 90%, print the dev split's scores; False when the dev model is kept (``--dev-only``)."""
    train_sentences, dev = split_dev(sentences)
    started = time.perf_counter()
    gazetteer = build_gazetteer(WordClasses.from_sentences(train_sentences).common_words(), **lists)
    dev_model = out.with_name(out.stem + ".dev.crfsuite")
    print(f"training on {len(train_sentences)} sentences, dev {len(dev)} sentences ...", flush=True)
    train([*train_sentences, *extra], gazetteer, dev_model, **settings)
    print(f"dev scores, CRF alone ({time.perf_counter() - started:.0f} s):")
    print(evaluate_model(dev_model, dev, propagate=False).table(), flush=True)
    print("dev scores, CRF + consistency pass:")
    print(evaluate_model(dev_model, dev, propagate=True).table(), flush=True)
    if keep:
        print(f"kept the dev model: {dev_model}")
        return False
    dev_files = (dev_model, lexicon_path(dev_model), second_pass_path(dev_model))
    for path in (*dev_files, clusters_path(lexicon_path(dev_model)), contexts_path(lexicon_path(dev_model))):
        path.unlink(missing_ok=True)
    return True


if __name__ == "__main__":
    raise SystemExit(main())
