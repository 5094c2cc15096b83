"""Invisible characters: seen through by the analysis, made visible to the reader.

Text pasted from the web and word processors carries characters with no
glyph: bidi marks (RLM U+200F), embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069), joiners (ZWJ, ZWNJ), soft hyphens. They
must never change what the analysis finds, and the reorderings they cause
must never fool a reader. Two jobs, one table of characters:

- **Analysis** sees through them. :func:`fold_invisible` removes them (a
  zero-width space becomes a space) and keeps a map back to the shown
  text: ``بغ\\u00adداد`` is analysed as ``بغداد`` and its mention covers the
  whole shown word, soft hyphen included. A mention found in the folded text
  starts and ends on visible characters of the shown text.

- **Display** shows the controls that can reorder text (embeddings,
  overrides, isolates) as small labels, the way editors show control
  characters, instead of obeying them: ``\\u202egnp.exe\\u202c`` would read
  "exe.png"; shown as ``‹RLO›gnp.exe‹PDF›`` it cannot deceive.
  :func:`split_controls` cuts a text into plain runs and controls (the HTML
  export wraps each control in a labelled element; the reading view can do
  the same); :func:`show_controls` is the plain-text form (titles,
  tooltips). The shown text itself (``Source.text``) keeps every character.

    >>> show_controls("\\u202egnp.exe\\u202c")
    '‹RLO›gnp.exe‹PDF›'
    >>> folded = fold_invisible("في \\u2067بغ\\u00adداد\\u2069 اليوم")
    >>> folded.text
    'في بغداد اليوم'
    >>> folded.to_shown(3, 8)  # بغداد in the folded text → the shown span
    (4, 10)

No Qt, no I/O: the core (analysis, exports) and the window all use this.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Control:
    """A bidi control shown as a label: ``abbreviation`` (RLO) and Unicode ``name``."""

    char: str
    abbreviation: str
    name: str

    @property
    def marker(self) -> str:
        """The plain-text label shown in place of the character: ``‹RLO›``."""
        return f"‹{self.abbreviation}›"

    @property
    def description(self) -> str:
        """``U+202E RIGHT-TO-LEFT OVERRIDE``, for tooltips."""
        return f"U+{ord(self.char):04X} {self.name}"


#: Controls that reorder the text around them, shown as labels, never obeyed.
#: Marks (LRM, RLM, ALM) and joiners only affect their neighbours and are
#: common in genuine Arabic text (Word puts RLMs after numbers): they are kept
#: as they are, and folded away by the analysis.
CONTROLS: dict[str, Control] = {
    c.char: c
    for c in (
        Control("\u202a", "LRE", "LEFT-TO-RIGHT EMBEDDING"),
        Control("\u202b", "RLE", "RIGHT-TO-LEFT EMBEDDING"),
        Control("\u202c", "PDF", "POP DIRECTIONAL FORMATTING"),
        Control("\u202d", "LRO", "LEFT-TO-RIGHT OVERRIDE"),
        Control("\u202e", "RLO", "RIGHT-TO-LEFT OVERRIDE"),
        Control("\u2066", "LRI", "LEFT-TO-RIGHT ISOLATE"),
        Control("\u2067", "RLI", "RIGHT-TO-LEFT ISOLATE"),
        Control("\u2068", "FSI", "FIRST STRONG ISOLATE"),
        Control("\u2069", "PDI", "POP DIRECTIONAL ISOLATE"),
    )
}

# Default-ignorable format characters the analysis removes: soft hyphen,
# combining grapheme joiner, Arabic letter mark, zero-width non-joiner and
# joiner, LRM/RLM, the bidi controls above, word joiner and invisible
# operators, deprecated format controls, variation selectors, a BOM inside
# the text, and tag characters. Visible format characters (the Arabic
# number sign U+0600, the end-of-ayah sign U+06DD) are not among them.
_REMOVED_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x180E, 0x180E),
    (0x200C, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
#: The characters :func:`fold_invisible` removes, for other folds to reuse (Find).
REMOVED_CHARACTERS = frozenset(chr(c) for lo, hi in _REMOVED_RANGES for c in range(lo, hi + 1))
_REMOVED = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _REMOVED_RANGES)
#: Every character :func:`fold_invisible` takes out (or, U+200B, turns into a space).
INVISIBLE = re.compile(f"[{_REMOVED}\u200b]")
_REMOVED_RUN = re.compile(f"[{_REMOVED}]+")
_CONTROL = re.compile("[" + "".join(CONTROLS) + "]")
# A zero-width space separates words: it becomes a space, so no offset moves.
_ZERO_WIDTH_SPACE = "\u200b"


class RemovedRuns:
    """Where runs of characters were removed from a text: maps offsets back.

    For each removed run: the offset in the shortened text it precedes, and
    how many characters were removed up to and including it. Offsets before
    the first run are unchanged. Also used by Find (``analysis.textmatch``),
    which removes diacritics the same way.
    """

    __slots__ = ("_at", "_removed")

    def __init__(self, text: str, runs: re.Pattern[str]) -> None:
        self._at: list[int] = []
        self._removed: list[int] = []
        removed = 0
        for run in runs.finditer(text):
            self._at.append(run.start() - removed)
            removed += run.end() - run.start()
            self._removed.append(removed)

    def __bool__(self) -> bool:
        return bool(self._at)

    def original_offset(self, index: int) -> int:
        """The original offset of the kept character at ``index`` of the shortened text."""
        k = bisect_right(self._at, index)
        return index + (self._removed[k - 1] if k else 0)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``[start, end)`` (non-empty) of the shortened text:
        from its first kept character to its last, with removed ones between them."""
        if not self._at:
            return start, end
        return self.original_offset(start), self.original_offset(end - 1) + 1


@dataclass(frozen=True, slots=True)
class FoldedText:
    """The text the analysis reads (``text``) and the way back to the shown text."""

    text: str
    runs: RemovedRuns

    @property
    def changed(self) -> bool:
        """Whether any character was removed (a ZWSP → space changes no offset)."""
        return bool(self.runs)

    def to_shown(self, start: int, end: int) -> tuple[int, int]:
        """The shown span of folded ``[start, end)``: see :meth:`RemovedRuns.original_span`."""
        return self.runs.original_span(start, end)


def fold_invisible(text: str) -> FoldedText:
    """``text`` as the analysis should read it (see the module docstring).

    >>> fold_invisible("الموصل\\u200f").text
    'الموصل'
    """
    if _ZERO_WIDTH_SPACE in text:
        text = text.replace(_ZERO_WIDTH_SPACE, " ")
    runs = RemovedRuns(text, _REMOVED_RUN)
    return FoldedText(_REMOVED_RUN.sub("", text) if runs else text, runs)


def is_invisible(char: str) -> bool:
    """Whether ``char`` is one the analysis sees through (and no mention starts or ends with)."""
    return INVISIBLE.fullmatch(char) is not None


def split_controls(text: str) -> Iterator[tuple[str, Control | None]]:
    """``text`` cut into runs: ``(plain_text, None)`` and ``(char, Control)`` for each control.

    >>> [(run, c and c.abbreviation) for run, c in split_controls("a\\u202eb")]
    [('a', None), ('\\u202e', 'RLO'), ('b', None)]
    """
    position = 0
    for match in _CONTROL.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], None
        yield match.group(), CONTROLS[match.group()]
        position = match.end()
    if position < len(text):
        yield text[position:], None


def has_controls(text: str) -> bool:
    """Whether ``text`` holds any control :data:`CONTROLS` lists."""
    return _CONTROL.search(text) is not None


def show_controls(text: str) -> str:
    """``text`` with each control replaced by its label (``‹RLO›``): safe as plain text."""
    if not has_controls(text):
        return text
    return _CONTROL.sub(lambda m: CONTROLS[m.group()].marker, text)
