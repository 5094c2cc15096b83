"""The reader's lexicon and corrections at one moment, as plain data: what a library index applies.

A library applies the user's data to thousands of articles in worker
processes, and must later tell which articles were adjusted with an older
state. ``UserStore.snapshot()`` reads everything once into a ``UserData``,
which

- travels to worker processes (it pickles; the compiled lexicon is rebuilt there);
- applies without a database: ``apply_user_data(analysis, data)``, exactly as
  the store would (``reader.corrections.engine.apply``);
- names its states by digests: ``lexicon_digest`` for the whole lexicon,
  ``corrections_digest(key)`` for one document's corrections (``""`` when it
  has none), so an index that remembers them per article re-applies only
  where they changed.

    data = UserStore.open().snapshot()
    analysis = apply_user_data(model_analysis, data)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from reader.corrections.kinds import Correction, to_record
from reader.corrections.lexicon import Lexicon, LexiconEntry
from reader.document import Analysis, document_key

#: Digests are this many bytes of BLAKE2b, in hex.
DIGEST_BYTES = 8


class UserData:
    """A lexicon and the active corrections of every corrected document (by ``document_key``)."""

    def __init__(
        self,
        lexicon_entries: Iterable[LexiconEntry] = (),
        corrections: Mapping[str, Sequence[Correction]] | None = None,
    ) -> None:
        self.lexicon_entries: tuple[LexiconEntry, ...] = tuple(lexicon_entries)
        self.corrections: dict[str, tuple[Correction, ...]] = {
            key: tuple(found) for key, found in (corrections or {}).items() if found
        }
        self._lexicon: Lexicon | None = None
        self._digest: str | None = None

    def __getstate__(self) -> tuple[Any, ...]:
        return self.lexicon_entries, self.corrections

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    def lexicon(self) -> Lexicon:
        """The lexicon, compiled on first use."""
        if self._lexicon is None:
            self._lexicon = Lexicon(self.lexicon_entries)
        return self._lexicon

    def apply(self, analysis: Analysis) -> Analysis:
        """``analysis`` (the model's) with the lexicon and its document's corrections applied."""
        from reader.corrections.engine import apply

        found = self.corrections.get(document_key(analysis.source.text), ())
        return apply(analysis, found, self.lexicon() if self.lexicon_entries else None)

    @property
    def lexicon_digest(self) -> str:
        """Names the lexicon's content: equal digests, equal matches in every text."""
        if self._digest is None:
            self._digest = lexicon_digest(self.lexicon_entries)
        return self._digest

    def corrections_digest(self, key: str) -> str:
        """Names the active corrections of the document ``key``; ``""`` when it has none."""
        found = self.corrections.get(key, ())
        if not found:
            return ""
        return _digest([to_record(c) for c in found])


def lexicon_digest(entries: Iterable[LexiconEntry]) -> str:
    """The digest of a lexicon's entries (their order does not matter: keys are unique)."""
    return _digest(sorted(lexicon_rows(entries)))


def lexicon_rows(entries: Iterable[LexiconEntry]) -> list[tuple[str, str]]:
    """``(text, type or "")`` per entry: how a library remembers the lexicon it applied."""
    return [(e.text, e.type.value if e.type is not None else "") for e in entries]


def _digest(value: object) -> str:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).hexdigest()


#: The digest of the empty lexicon: what an article analyzed without user data was adjusted with.
EMPTY_LEXICON_DIGEST = lexicon_digest(())
