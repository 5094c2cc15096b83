"""What a reader can correct in one document: six kinds of correction, as plain data.

A correction names a mention by its offsets ``[start, end)`` in the
document's shown text, or an entity by its stable id (``place:موصل``):

- ``Mark(start, end, type)``: this stretch is a TYPE (whatever the model said
  about it or around it);
- ``Unmark(start, end)``: nothing in this stretch is an entity;
- ``Retype(entity, type)``: the entity and all its mentions are a TYPE;
- ``Rename(entity, name)``: call the entity NAME;
- ``Merge(entity, into)``: the entity is ``into`` (its mentions join it);
- ``Split(start, end)``: this mention is not the entity it was grouped with.

Each kind turns into a ``(kind, JSON)`` record for storage and back:

    >>> to_record(Mark(4, 10, EntityType.PLACE))
    ('mark', '{"end":10,"start":4,"type":"place"}')
    >>> from_record("retype", '{"entity":"person:رويترز","type":"organization"}')
    Retype(entity='person:رويترز', type=<EntityType.ORGANIZATION: 'organization'>)
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from reader.entity_types import EntityType

#: Longest name a rename or a lexicon entry accepts (characters): a long
#: organization name is about 80; more is a pasted paragraph.
MAX_NAME_CHARS = 200


class CorrectionError(ValueError):
    """A correction that cannot be made; ``str(error)`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    type: EntityType


@dataclass(frozen=True, slots=True)
class Unmark:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Retype:
    entity: str
    type: EntityType


@dataclass(frozen=True, slots=True)
class Rename:
    entity: str
    name: str


@dataclass(frozen=True, slots=True)
class Merge:
    entity: str
    into: str


@dataclass(frozen=True, slots=True)
class Split:
    start: int
    end: int


Correction = Mark | Unmark | Retype | Rename | Merge | Split

KINDS: dict[str, type[Correction]] = {
    "mark": Mark,
    "unmark": Unmark,
    "retype": Retype,
    "rename": Rename,
    "merge": Merge,
    "split": Split,
}
_KIND_OF = {cls: kind for kind, cls in KINDS.items()}


def kind_of(correction: Correction) -> str:
    return _KIND_OF[type(correction)]


def to_record(correction: Correction) -> tuple[str, str]:
    """``(kind, JSON of its fields)``: how a correction is stored."""
    fields: dict[str, Any] = {
        name: (value.value if isinstance(value, EntityType) else value)
        for name in correction.__slots__
        for value in [getattr(correction, name)]
    }
    return kind_of(correction), json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_record(kind: str, data: str) -> Correction:
    """The correction a stored record describes (CorrectionError if it describes none)."""
    cls = KINDS.get(kind)
    if cls is None:
        raise CorrectionError(f"unknown correction kind {kind!r}")
    try:
        fields = json.loads(data)
        values = {name: fields[name] for name in cls.__slots__}
        for name in ("start", "end"):
            if name in values and (type(values[name]) is not int or values[name] < 0):
                raise ValueError(f"{name} is not an offset")
        if "type" in values:
            values["type"] = EntityType(values["type"])
        for name in ("entity", "into", "name"):
            if name in values and not isinstance(values[name], str):
                raise ValueError(f"{name} is not text")
        return cls(**values)
    except (ValueError, TypeError, KeyError) as error:
        raise CorrectionError(f"a stored {kind} correction is unreadable: {error}") from None


def parse_type(value: str) -> EntityType:
    """``person``/``place``/``organization``/``figure`` (any case) → EntityType, else CorrectionError."""
    try:
        return EntityType(value.strip().lower())
    except ValueError:
        choices = ", ".join(t.value for t in EntityType)
        raise CorrectionError(f"unknown type {value!r}: use one of {choices}") from None


# Characters that change how text is laid out without being seen: bidi
# embeddings, overrides and isolates, and the direction marks.
_DIRECTION_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_name(text: str, what: str = "name") -> str:
    """``text`` stripped, if it can be a name; else CorrectionError saying why in one line.

    A name is one line of at most ``MAX_NAME_CHARS`` characters with at least
    one letter or digit, and no invisible direction or control characters
    (they would make two identical-looking names differ).

    >>> check_name("  الموصل ")
    'الموصل'
    """
    if not isinstance(text, str):
        raise CorrectionError(f"the {what} is not text")
    stripped = text.strip()
    if not stripped:
        raise CorrectionError(f"the {what} is empty")
    if len(stripped) > MAX_NAME_CHARS:
        raise CorrectionError(f"the {what} is {len(stripped):,} characters long; at most {MAX_NAME_CHARS} are allowed")
    for char in stripped:
        if char in _DIRECTION_CONTROLS:
            raise CorrectionError(
                f"the {what} contains an invisible direction mark (U+{ord(char):04X}); type it without one"
            )
        category = unicodedata.category(char)
        if char in "\n\r\t\v\f\u2028\u2029" or category in ("Cc", "Cs", "Co", "Cn"):
            raise CorrectionError(f"the {what} contains a line break or control character (U+{ord(char):04X})")
    if not any(unicodedata.category(c)[0] in "LN" for c in stripped):
        raise CorrectionError(f"the {what} {stripped!r} has no letter or digit")
    return stripped
