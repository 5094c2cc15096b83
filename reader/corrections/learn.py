"""Learn from the reader's corrections: retrain the offline model on its training data plus their corrected articles.

    documents with corrections ──▶ sentences the reader touched, tagged as corrected (BIO)
    ANERcorp train + those sentences (each counted USER_WEIGHT times) ──▶ a new model (same recipe)
    old and new model scored on held-out text ──▶ the reader decides; nothing changes until they accept

The held-out text is ANERcorp's test split when it is present, else every
fifth of the reader's corrected sentences (left out of training). The new
model is written to ``<data folder>/models/candidate/`` and becomes the model
in use only by ``accept`` (``reader.analysis.usermodel``); the shipped model is
never written, and ``reset`` goes back to it.

Training takes minutes, so it runs in a child process (``LearnProcess``):
the window and the command line stay responsive, read its progress, and
cancel it by ending that process. ``learn`` is the same work in the calling
process, for tests and scripts.

Built on the public training entry points of ``reader.analysis.ner.train``
(``train_stacked``/``train_crf``, ``evaluate_model``, ``read_conll``) and on
the shipped model's own lexicon (gazetteer, feature groups): the new model is
the shipped recipe with more data.
"""

from __future__ import annotations

import bisect
import contextlib
import multiprocessing
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reader.corrections.engine import apply
from reader.corrections.kinds import Mark, Unmark
from reader.corrections.store import StoredDocument, UserStore
from reader.document import Analysis, Source

#: How many ANERcorp sentences one of the reader's corrected sentences counts as:
#: a few dozen sentences among four thousand would otherwise teach nothing.
USER_WEIGHT = 3
#: With no ANERcorp test file, one in this many of the reader's sentences is held out.
HOLD_OUT_EVERY = 5
MIN_HELD_OUT = 2

Sentence = list[tuple[str, str]]  # (token, BIO tag), as reader.analysis.ner.conll reads them
Progress = Callable[[float, str], None]

_TAGS = {"person": "PERS", "place": "LOC", "organization": "ORG"}


class LearnError(Exception):
    """Learning cannot start or did not finish; ``str(error)`` is one line for the user."""


class Cancelled(LearnError):
    def __init__(self) -> None:
        super().__init__("learning was cancelled; nothing changed")


@dataclass(frozen=True, slots=True)
class Score:
    """Span-level precision, recall and F1 on the held-out text (people, places, organizations)."""

    precision: float
    recall: float
    f1: float
    table: str  # per type, as ``python -m reader.analysis.evaluate`` prints it


@dataclass(frozen=True, slots=True)
class LearnResult:
    """A finished run: where the new model is, what it learned from, both scores."""

    candidate: Path
    training_sentences: int  # ANERcorp's
    user_sentences: int  # the reader's, before weighting
    documents: int
    held_out: str  # what the scores are measured on
    old: Score
    new: Score
    seconds: float
    run: int  # the run's id in the store (``accept`` marks it)

    @property
    def better(self) -> bool:
        return self.new.f1 > self.old.f1


# -- the data ---------------------------------------------------------------------------


def document_sentences(
    document: StoredDocument, analyze: Callable[[Source], Analysis], lexicon: Any = None
) -> list[Sentence]:
    """The sentences of ``document`` the reader touched, tagged as they corrected them.

    A sentence is touched when a mention in it came from a correction, or a
    mark or unmark falls in it (an unmarked sentence teaches what is *not*
    a name). The tags are those of the corrected analysis: the reader's
    corrections, their lexicon, and the model where they left it alone.
    Figures are not names: they are tagged O.
    """
    from reader.analysis.tokens import split_sentences, tokenize

    text = document.text
    corrected = apply(analyze(Source(text)), document.corrections, lexicon)
    touched = [(m.start, m.end) for m in corrected.mentions if m.source == "correction"]
    touched += [(c.start, c.end) for c in document.corrections if isinstance(c, Mark | Unmark)]
    tokens = tokenize(text)
    tags = ["O"] * len(tokens)
    starts = [t.start for t in tokens]
    for mention in corrected.mentions:
        kind = _TAGS.get(mention.type.value)
        if kind is None:
            continue
        first = bisect.bisect_right(starts, mention.start) - 1
        first = max(first, 0)
        inside = False
        for i in range(first, len(tokens)):
            if tokens[i].start >= mention.end:
                break
            if tokens[i].end <= mention.start:
                continue
            tags[i] = ("I-" if inside else "B-") + kind
            inside = True
    out: list[Sentence] = []
    for sentence in split_sentences(text, tokens):
        lo, hi = tokens[sentence.first].start, tokens[sentence.last - 1].end
        if any(start < hi and lo < end for start, end in touched):
            out.append([(tokens[i].text, tags[i]) for i in range(sentence.first, sentence.last)])
    return out


@dataclass(frozen=True, slots=True)
class LearnData:
    train: list[Sentence]  # ANERcorp's
    user: list[Sentence]  # the reader's, for training
    held_out: list[Sentence]
    held_out_name: str
    documents: int


def default_data_dir() -> Path:
    from reader.analysis.ner.train import default_data_dir as anercorp

    return anercorp()


def prepare(
    store: UserStore, data_dir: Path | None = None, analyze: Callable[[Source], Analysis] | None = None
) -> LearnData:
    """What to train and test on (LearnError, one line, if something is missing)."""
    from reader.analysis.ner.conll import ConllError, read_conll
    from reader.analysis.ner.train import TEST_FILE, TRAIN_FILE

    folder = data_dir or default_data_dir()
    train_file = folder / TRAIN_FILE
    if not train_file.is_file():
        raise LearnError(f"the model's training data (ANERcorp) is not in {folder}; learning needs {TRAIN_FILE}")
    documents = store.documents()
    if not documents:
        raise LearnError("there are no corrections to learn from yet: correct some highlights first")
    if analyze is None:
        from reader.analysis.pipeline import analyze as analyze_with_model

        analyze = analyze_with_model
    lexicon = store.lexicon()
    user = [s for document in documents for s in document_sentences(document, analyze, lexicon)]
    try:
        train = read_conll(train_file)
        test_file = folder / TEST_FILE
        if test_file.is_file():
            return LearnData(train, user, read_conll(test_file), "ANERcorp test split", len(documents))
    except (OSError, UnicodeDecodeError, ConllError) as error:
        raise LearnError(f"cannot read the training data: {error}") from None
    held = user[HOLD_OUT_EVERY - 1 :: HOLD_OUT_EVERY]
    if len(held) < MIN_HELD_OUT:
        raise LearnError(
            f"too few corrected sentences to measure the new model ({len(user)}; "
            f"at least {HOLD_OUT_EVERY * MIN_HELD_OUT} without ANERcorp's test file)"
        )
    kept = [s for i, s in enumerate(user) if (i + 1) % HOLD_OUT_EVERY]
    return LearnData(train, kept, held, f"{len(held)} of your corrected sentences (held out)", len(documents))


# -- the work ---------------------------------------------------------------------------


def learn(
    store: UserStore,
    *,
    data_dir: Path | None = None,
    progress: Progress = lambda fraction, message: None,
    cancelled: Callable[[], bool] = lambda: False,
    analyze: Callable[[Source], Analysis] | None = None,
) -> LearnResult:
    """Train a candidate model on ANERcorp plus the reader's corrections and score old and new.

    ``progress(fraction, message)`` hears about each stage (and each training
    iteration, see ``_report_iterations``); ``cancelled()`` is asked between
    stages (``LearnProcess.cancel`` ends the training itself). Raises
    LearnError, or ``Cancelled``; the model in use is never changed here.
    """
    from reader.analysis import usermodel
    from reader.analysis.ner.model import MODEL_NAME

    started = time.perf_counter()
    remove_leftovers()

    def step(fraction: float, message: str) -> None:
        if cancelled():
            raise Cancelled()
        progress(fraction, message)

    step(0.0, "collecting your corrected sentences")
    data = prepare(store, data_dir, analyze)
    current = _current_model()
    recipe = _recipe(current)
    root = usermodel.models_dir(create=True)
    work = Path(tempfile.mkdtemp(prefix="training-", dir=root))
    try:
        model = work / f"{MODEL_NAME}.crfsuite"
        sentences = data.train + data.user * USER_WEIGHT
        trainings = 4 if recipe["stacked"] else 1
        step(0.05, f"training on {len(data.train):,} + {len(data.user):,} of your sentences")
        with _report_iterations(lambda f: step(0.05 + 0.8 * f, "training"), trainings):
            _train(sentences, model, recipe)
        step(0.85, "scoring the current model")
        old = _score(current, data.held_out)
        step(0.92, "scoring the new model")
        new = _score(model, data.held_out)
        candidate_dir = root / usermodel.CANDIDATE
        shutil.rmtree(candidate_dir, ignore_errors=True)
        work.rename(candidate_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    run = store.record_learn_run(seconds, len(data.user), data.held_out_name, old.f1, new.f1)
    return LearnResult(
        usermodel.model_file(usermodel.CANDIDATE),
        len(data.train),
        len(data.user),
        data.documents,
        data.held_out_name,
        old,
        new,
        seconds,
        run,
    )


def accept(store: UserStore, result: LearnResult | None = None) -> Path:
    """Use the candidate model from now on (LearnError if there is none); the model file."""
    from reader.analysis import usermodel
    from reader.storage import StorageError

    try:
        path = usermodel.accept_candidate()
    except (StorageError, OSError) as error:
        raise LearnError(str(error)) from None
    if result is not None:
        store.accept_learn_run(result.run)
    _forget_loaded_models()
    return path


def reset() -> bool:
    """Go back to the shipped model; whether the reader had a model of their own."""
    from reader.analysis import usermodel

    try:
        had = usermodel.reset_to_shipped()
    except OSError as error:
        raise LearnError(f"cannot remove your model: {error}") from None
    _forget_loaded_models()
    return had


def _forget_loaded_models() -> None:
    """The next analysis in this process loads whichever model is now in use."""
    from reader.analysis.pipeline import default_recognizer

    default_recognizer.cache_clear()


def _current_model() -> Path:
    from reader.analysis.ner.crf import default_model_path
    from reader.analysis.usermodel import active_user_model

    return active_user_model() or default_model_path()


def _recipe(model: Path) -> dict[str, Any]:
    """How the model in use was trained, as far as its files say: feature groups, gazetteer, passes.

    The shipped model's neural tagger is not retrained here: that needs torch,
    the word vectors and networks for held-out labels (the ``train`` extra,
    ``reader.analysis.ner.crossfit``), which the app does not ship. So the new
    model is the shipped recipe's CRF without the network's features
    (``train.train_crf`` leaves them out when given no network labels); both
    scores are shown before the reader accepts it.
    """
    from reader.analysis.ner.model import Lexicon, lexicon_path, second_pass_path

    try:
        lexicon = Lexicon.load(lexicon_path(model))
    except (OSError, ValueError, KeyError) as error:
        raise LearnError(f"cannot read the model's lexicon {lexicon_path(model).name}: {error}") from None
    settings: dict[str, Any] = {"options": lexicon.options}
    for extra in ("clusters", "contexts"):  # tables from unlabeled text, in models that have them
        table = getattr(lexicon, extra, None)
        if table is not None:
            settings[extra] = table
    return {"gazetteer": lexicon.gazetteer, "settings": settings, "stacked": second_pass_path(model).is_file()}


def _train(sentences: Sequence[Sentence], model: Path, recipe: dict[str, Any]) -> None:
    from reader.analysis.ner import train

    trainer = train.train_stacked if recipe["stacked"] else train.train_crf
    trainer(sentences, recipe["gazetteer"], model, **recipe["settings"])


def _score(model: Path, sentences: Sequence[Sentence]) -> Score:
    from reader.analysis.ner.train import evaluate_model

    scores = evaluate_model(model, sentences, propagate=True)
    micro = scores.micro
    return Score(micro.precision, micro.recall, micro.f1, scores.table())


@contextlib.contextmanager
def _report_iterations(report: Callable[[float], None], trainings: int) -> Iterator[None]:
    """While training, call ``report(fraction)`` at each L-BFGS iteration of each CRF trained.

    python-crfsuite only tells its progress to a ``Trainer`` subclass, and the
    training code makes its own trainers, so ``pycrfsuite.Trainer`` is
    swapped for a reporting subclass for the duration (in the learning
    process only). If the training code ever stops using it, progress just
    moves by stages.
    """
    import pycrfsuite

    from reader.analysis.ner.train import CRF_PARAMS

    original = pycrfsuite.Trainer
    iterations = max(int(CRF_PARAMS.get("max_iterations", 100)), 1)
    done = [0]

    class ReportingTrainer(original):  # type: ignore[misc, valid-type]
        def message(self, message: str) -> None:
            event = self.logparser.feed(message)
            if event == "iteration":
                number = int(self.logparser.last_iteration.get("num", 0))
                report(min((done[0] + min(number, iterations) / iterations) / trainings, 1.0))
            elif event == "end":
                done[0] += 1

    pycrfsuite.Trainer = ReportingTrainer
    try:
        yield
    finally:
        pycrfsuite.Trainer = original


# -- in a child process ------------------------------------------------------------------


class LearnProcess:
    """``learn`` in a child process: read its reports with ``poll``, stop it with ``cancel``.

    Reports are ``("progress", fraction, message)``, then one of
    ``("done", LearnResult)``, ``("failed", message)`` or ``("cancelled", message)``.

        process = LearnProcess()
        process.start()
        while (report := process.poll(timeout=0.5)) is None or report[0] == "progress": ...
    """

    def __init__(self, store_path: Path | None = None, data_dir: Path | None = None) -> None:
        self._args = (None if store_path is None else str(store_path), None if data_dir is None else str(data_dir))
        self._process: Any = None
        self._connection: Connection | None = None
        self.finished = False

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(child, *self._args), daemon=True)
        self._process.start()
        child.close()
        self._connection = parent

    def poll(self, timeout: float = 0.0) -> tuple[Any, ...] | None:
        """The next report, or None if none came within ``timeout`` seconds."""
        if self._connection is None or self.finished:
            return None
        try:
            if not self._connection.poll(timeout):
                if self._process is not None and not self._process.is_alive() and not self._connection.poll():
                    self.finished = True
                    return ("failed", "the learning process ended unexpectedly")
                return None
            report: tuple[Any, ...] = self._connection.recv()
        except (EOFError, OSError):
            self.finished = True
            return ("failed", "the learning process ended unexpectedly")
        if report[0] != "progress":
            self.finished = True
            self._process.join(5)
        return report

    def cancel(self) -> None:
        """Stop the training now (the half-made model is removed by the next run)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
        self.finished = True
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive() and not self.finished


def _child(connection: Connection, store_path: str | None, data_dir: str | None) -> None:
    last: list[Any] = [0.0, ""]

    def progress(fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.2 or message != last[1]:  # each stage, and no flood of iterations
            last[:] = [now, message]
            connection.send(("progress", fraction, message))

    try:
        with UserStore.open(store_path) as store:
            result = learn(store, data_dir=None if data_dir is None else Path(data_dir), progress=progress)
        connection.send(("done", result))
    except Cancelled as error:
        connection.send(("cancelled", str(error)))
    except LearnError as error:
        connection.send(("failed", str(error)))
    except Exception as error:  # one line for the user, whatever broke
        connection.send(("failed", f"learning failed: {type(error).__name__}: {' '.join(str(error).split())}"))
    finally:
        connection.close()


def remove_leftovers() -> None:
    """Remove half-made models of runs that were cancelled or killed."""
    from reader.analysis import usermodel
    from reader.storage import StorageError

    try:
        root = usermodel.models_dir()
    except StorageError:
        return
    for folder in root.glob("training-*"):
        shutil.rmtree(folder, ignore_errors=True)
