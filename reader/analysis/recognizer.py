"""The recognizer interface: tokenized text in, typed spans out.

A recognizer sees a ``TokenizedText`` (possibly one chunk of a long article:
the pipeline feeds long documents in sentence-aligned chunks so it can report
progress and be cancelled) and returns ``Span``s with offsets into
``TokenizedText.text``. Spans a recognizer returns may overlap or be unsorted;
the pipeline resolves that. Document-wide evidence (a name tagged once is
tagged everywhere) is applied after all chunks, by the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from reader.analysis.tokens import Sentence, Token
from reader.document import Span

#: The offline model's names (``reader.analysis.ner.model.model_label``) by
#: (has the neural tagger, is the reader's own model retrained with their
#: corrections). Here, not beside the model, so the window can translate them
#: (``reader.ui.window.qt_status_bar.recognizer_label``) without loading it.
OFFLINE_MODEL_LABELS: dict[tuple[bool, bool], str] = {
    (True, False): "offline model (CRF + BiLSTM)",
    (False, False): "offline model (CRF)",
    (True, True): "offline model (CRF + BiLSTM, with your corrections)",
    (False, True): "offline model (CRF, with your corrections)",
}


@dataclass(frozen=True, slots=True)
class TokenizedText:
    """Text with its tokens and sentences. Offsets index ``text``."""

    text: str
    tokens: Sequence[Token]
    sentences: Sequence[Sentence]

    def sentence_tokens(self, sentence: Sentence) -> Sequence[Token]:
        return self.tokens[sentence.first : sentence.last]


@runtime_checkable
class Recognizer(Protocol):
    """Finds entities in text. ``name`` is shown to the user (status bar, About)."""

    name: str

    def recognize(self, doc: TokenizedText) -> list[Span]:
        """Spans found in ``doc``, offsets into ``doc.text``."""
        ...
