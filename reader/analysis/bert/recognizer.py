"""camel-tools' BERT NER model as a Recognizer, run in interruptible batches.

We load the model exactly as camel-tools' ``NERecognizer`` does
(``BertForTokenClassification`` and ``BertTokenizer`` from the model folder,
labels from the model's ``config.id2label``) and label words by camel-tools'
rule: each word is tokenized on its own into wordpieces, the sentence goes in
as ``[CLS] pieces [SEP]``, and a word takes the label predicted at its first
piece. ``tests/analysis/test_bert.py`` checks our labels equal
``NERecognizer.predict``'s.

We do not call ``NERecognizer.predict`` itself, for three reasons. It pads
every segment to 256 positions: on this 2-core CPU, one thread, a
BERT-base-shaped model labels 33 words/s of news text that way, and about 220
when windows are sorted by length and each batch is padded only to its
longest (same labels; ``python -m reader.analysis.bert.bench``). It cannot
report progress or stop before the whole text is done. And importing
``camel_tools.ner`` fetches camel-tools' catalogue from the network when that
file is absent.

torch and transformers are imported only when a model is loaded: importing
them takes several seconds.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.analysis.bert.labels import spans_from_labels
from reader.analysis.bert.locate import (
    CAMEL_PACKAGE,
    INSTALL_HINT,
    BertUnavailable,
    check_runtime,
    locate_model,
)
from reader.analysis.bert.windows import plan_batches, plan_windows
from reader.analysis.recognizer import TokenizedText
from reader.document import Span
from reader.errors import one_line

#: Wordpieces per window, as camel-tools feeds them (its 256 minus [CLS] and
#: [SEP]); BERT itself would take 510. Shorter windows cost less attention.
WINDOW_PIECES = 254

#: Padded positions per forward pass: one full window, or several short
#: ones. Measured with BERT-base on this 2-core CPU, bigger batches are no
#: faster (210-240 words/s for 256 to 1024), and a batch of 256 takes about
#: 0.4 s: the UI can cancel or repaint that often.
BATCH_PIECES = 256

#: Windows are sorted by length (less padding) within groups of this many
#: batches' worth of positions, so results still come roughly in reading order.
SORT_GROUP_BATCHES = 4

#: Only a word's first piece is labelled, so a freak token (a 300-digit
#: number) keeps just its first pieces: its label is the same, the window
#: stays small.
MAX_WORD_PIECES = 16


def default_threads() -> int:
    """torch threads for BERT: all cores but one, so the window stays responsive
    while BERT runs in the background (1 on a 2-core laptop)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


@dataclass(slots=True)
class _Sentence:
    """Labelling state of one sentence: ``None`` = not labelled (yet, or ever
    when the word has no wordpiece)."""

    words: Sequence[str]
    labels: list[str | None]
    scores: list[float]
    pending: int = 0  # windows not yet run


@dataclass(slots=True)
class _Window:
    sentence: int
    first: int
    last: int
    pieces: list[int] = field(default_factory=list)  # wordpiece ids, no [CLS]/[SEP]
    starts: list[tuple[int, int]] = field(default_factory=list)  # (word index, position of its first piece)


class BertRecognizer:
    """People, places and organizations found by camel-tools' BERT NER model.

    Build it with ``find_bert_model()``; loading takes seconds, so keep the
    instance. ``recognize_iter`` yields after every batch so a background
    worker can report progress and stop between batches.

    ``threads`` sets ``torch.set_num_threads`` (a process-wide setting), by
    default all cores but one.
    """

    #: Tokens per chunk when the analysis pipeline feeds this recognizer:
    #: about 1.5 s of BERT here, so the pipeline's progress moves and it can stop.
    chunk_tokens: int = 300

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        name: str = f"camel-tools BERT ({CAMEL_PACKAGE})",
        window_pieces: int = WINDOW_PIECES,
        batch_pieces: int = BATCH_PIECES,
        threads: int | None = None,
    ) -> None:
        import torch

        self.name = name
        self.threads = threads or default_threads()
        torch.set_num_threads(self.threads)
        self._model = model.eval()
        self._tokenizer = tokenizer
        config = model.config
        self._id2label = {int(i): str(label) for i, label in config.id2label.items()}
        # Positions left for pieces once [CLS] and [SEP] are in.
        limit = int(getattr(config, "max_position_embeddings", 512)) - 2
        self.window_pieces = max(1, min(window_pieces, limit))
        self.batch_pieces = max(batch_pieces, self.window_pieces + 2)
        self._cls = int(tokenizer.cls_token_id)
        self._sep = int(tokenizer.sep_token_id)
        self._pad = int(tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0)

    # -- Recognizer -------------------------------------------------------

    def recognize(self, doc: TokenizedText) -> list[Span]:
        """Spans found in ``doc``, offsets into ``doc.text``, in text order."""
        spans: list[Span] = []
        for _, batch in self.recognize_iter(doc):
            spans.extend(batch)
        spans.sort(key=lambda span: span.start)
        return spans

    def recognize_iter(self, doc: TokenizedText) -> Iterator[tuple[float, list[Span]]]:
        """Yield ``(fraction of words done, spans of the sentences just finished)``
        after each batch; the last item has fraction 1.0. Stop iterating to
        cancel: no work is done past the batch in hand. Sentences finish
        roughly in reading order (short ones first within a few batches)."""
        sentences = [doc.sentence_tokens(sentence) for sentence in doc.sentences]
        sentences = [tokens for tokens in sentences if tokens]
        total = sum(len(tokens) for tokens in sentences)
        if total == 0:
            yield 1.0, []
            return
        words = [[token.text for token in tokens] for tokens in sentences]
        for done, finished in self._label(words):
            spans: list[Span] = []
            for index, labels, scores in finished:
                spans.extend(spans_from_labels(sentences[index], labels, scores))
            yield done / total, spans

    # -- camel-tools' NERecognizer.predict --------------------------------

    def predict(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Labels (``"B-PERS"``, ``"O"``, ...) for each word of each sentence,
        like camel-tools' ``NERecognizer.predict`` but always one label per
        word: a word with no wordpiece gets ``"O"``.

            recognizer.predict([["زار", "محمد", "بغداد"]])   # [['O', 'B-PERS', 'B-LOC']]
        """
        result: list[list[str]] = [["O"] * len(words) for words in sentences]
        for _, finished in self._label(sentences):
            for index, labels, _ in finished:
                result[index] = [label or "O" for label in labels]
        return result

    # -- the work ---------------------------------------------------------

    def _label(
        self, sentences: Sequence[Sequence[str]]
    ) -> Iterator[tuple[int, list[tuple[int, list[str | None], list[float]]]]]:
        """Run the model batch by batch. Yields ``(words done so far, sentences
        finished in this batch as (index, labels, scores))``."""
        pieces = self._word_pieces({word for words in sentences for word in words})
        states = [_Sentence(words, [None] * len(words), [0.0] * len(words)) for words in sentences]
        windows = [window for index, state in enumerate(states) for window in self._windows(index, state, pieces)]
        done = 0
        finished: list[tuple[int, list[str | None], list[float]]] = []

        def window_done(window: _Window) -> None:
            nonlocal done
            done += window.last - window.first
            state = states[window.sentence]
            state.pending -= 1
            if state.pending == 0:
                finished.append((window.sentence, state.labels, state.scores))

        visible = []
        for window in windows:
            if window.pieces:
                visible.append(window)
            else:  # nothing the model can see: its labels stay None
                window_done(window)
        lengths = [len(window.pieces) + 2 for window in visible]  # + [CLS] and [SEP]
        for batch in plan_batches(lengths, self.batch_pieces, self.batch_pieces * SORT_GROUP_BATCHES):
            self._run([visible[i] for i in batch], max(lengths[i] for i in batch), states)
            for i in batch:
                window_done(visible[i])
            yield done, finished
            finished = []
        if finished or not visible:
            yield done, finished

    def _word_pieces(self, words: set[str]) -> dict[str, list[int]]:
        """Wordpiece ids of each distinct word, tokenized on its own as
        camel-tools does (``[]`` for a lone diacritic the tokenizer drops)."""
        ordered = sorted(words)
        if not ordered:
            return {}
        encoded = self._tokenizer(ordered, add_special_tokens=False)["input_ids"]
        limit = min(MAX_WORD_PIECES, self.window_pieces)
        return {word: list(ids[:limit]) for word, ids in zip(ordered, encoded, strict=True)}

    def _windows(self, index: int, state: _Sentence, pieces: dict[str, list[int]]) -> list[_Window]:
        counts = [len(pieces[word]) for word in state.words]
        breaks = [_is_punctuation(word) for word in state.words]
        windows = []
        for first, last in plan_windows(counts, self.window_pieces, breaks):
            window = _Window(index, first, last)
            for i in range(first, last):
                ids = pieces[state.words[i]]
                if ids:
                    window.starts.append((i, len(window.pieces) + 1))  # +1: [CLS]
                    window.pieces.extend(ids)
            windows.append(window)
        state.pending = len(windows)
        return windows

    def _run(self, batch: list[_Window], longest: int, states: list[_Sentence]) -> None:
        """One forward pass over ``batch`` (padded to its longest window);
        writes each word's label and probability into its sentence."""
        import torch

        ids = torch.full((len(batch), longest), self._pad, dtype=torch.long)
        mask = torch.zeros((len(batch), longest), dtype=torch.long)
        for row, window in enumerate(batch):
            sequence = [self._cls, *window.pieces, self._sep]
            ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
            mask[row, : len(sequence)] = 1
        with torch.inference_mode():
            logits = self._model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).logits
            best, label_ids = logits.float().softmax(dim=-1).max(dim=-1)
        best_rows, label_rows = best.tolist(), label_ids.tolist()
        for row, window in enumerate(batch):
            state = states[window.sentence]
            for word, position in window.starts:
                state.labels[word] = self._id2label.get(label_rows[row][position], "O")
                state.scores[word] = best_rows[row][position]


def _is_punctuation(word: str) -> bool:
    return len(word) == 1 and unicodedata.category(word).startswith("P")


_loaded: dict[tuple[object, ...], BertRecognizer] = {}  # the last model loaded, by folder and file times
_loading = threading.Lock()


def find_bert_model(
    model_dir: str | os.PathLike[str] | Path | None = None, *, threads: int | None = None
) -> BertRecognizer:
    """Load camel-tools' BERT NER model (see ``locate.py`` for where from).

    The first call takes seconds (torch import, ~540 MB of weights): make it
    in the background. Later calls for the same unchanged folder return the
    same recognizer. Raises BertUnavailable, whose message is one line for
    the user, whatever goes wrong; never touches the network.
    """
    location = locate_model(model_dir)
    check_runtime()
    try:
        import torch
        from transformers import BertForTokenClassification, BertTokenizer
        from transformers.utils import logging as transformers_logging
    except Exception as error:
        raise BertUnavailable(
            f"camel-tools' BERT needs torch and transformers, which failed to load ({one_line(error, named=True)})"
        ) from None
    # As camel-tools does: no notes on unused weights; and no progress bars on stderr.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    fix = (
        INSTALL_HINT.replace("run", "reinstall with", 1)
        if location.origin == CAMEL_PACKAGE
        else "check the model folder"
    )
    with _loading:
        try:
            key = (*_fingerprint(location.path), location.origin, threads or default_threads())
            if key in _loaded:
                torch.set_num_threads(_loaded[key].threads)  # another model may have changed it
                return _loaded[key]
            model = BertForTokenClassification.from_pretrained(str(location.path), local_files_only=True)
            tokenizer = BertTokenizer.from_pretrained(str(location.path), local_files_only=True)
            recognizer = BertRecognizer(model, tokenizer, name=location.name, threads=threads)
        except Exception as error:  # corrupt weights, wrong architecture, out of memory, ...
            raise BertUnavailable(
                f"BERT model in {location.path} could not be loaded ({one_line(error, named=True)}); {fix}"
            ) from None
        _loaded.clear()  # one model in memory at a time: each is ~0.5 GB
        _loaded[key] = recognizer
        return recognizer


def _fingerprint(folder: Path) -> tuple[object, ...]:
    """The folder and its files' sizes and times: a changed file means a reload."""
    files = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file())
    return (str(folder.resolve()), *files)
