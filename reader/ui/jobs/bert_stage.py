"""When the window runs camel-tools' BERT recognizer after the offline model (Qt-free).

The reader switches it on (View ▸ Also Use the BERT Recognizer, saved as
``Preferences.use_bert``); it runs only where the model is installed.
``BertStage`` is the ``second_stage`` policy ``ArticleSession`` asks after
each offline result: a recognizer factory, or None for no second stage.

    stage = BertStage(preferences)
    stage.usable()   # (False, "camel-tools' BERT NER model is not installed: run `camel_data -i ner-arabert` …")
    stage()          # None: not installed, or not asked for
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.errors import one_line


class BertStage:
    """``stage()`` → a factory loading camel-tools' BERT, or None. ``allowed=False`` turns it off (tests)."""

    def __init__(self, preferences: Any, allowed: bool = True) -> None:
        self.preferences = preferences
        self.allowed = allowed
        self._check: tuple[bool, str] | None = None

    def usable(self) -> tuple[bool, str]:
        """Whether BERT can run here, and one line saying why not.

        Asked once (it looks for the model's files): installing the model
        takes a restart.
        """
        if not self.allowed:
            return False, ""
        if self._check is None:
            try:
                from reader.analysis.bert import bert_available

                self._check = bert_available(self.preferences.bert_model_dir or None)
            except Exception as error:
                self._check = (False, one_line(error))
        return self._check

    def __call__(self) -> Callable[[], Any] | None:
        if not (self.preferences.use_bert and self.usable()[0]):
            return None
        model_dir = self.preferences.bert_model_dir or None

        def load_bert() -> Any:  # on the worker thread: torch and the weights take seconds
            from reader.analysis.bert import find_bert_model

            return find_bert_model(model_dir)

        return load_bert
