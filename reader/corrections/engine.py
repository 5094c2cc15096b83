"""Applying the lexicon and corrections to the model's analysis of one document.

    model mentions → lexicon (never/always) → corrections, in the order made → grouping

Precedence is correction > lexicon > model: a lexicon match replaces the
model mentions it overlaps (unless a longer model mention of the same type
already covers it) and removes those inside a "never" match; a correction
overrides both. The invariants of ``document.check_analysis`` hold after every step:
mentions sorted, never overlapping, each one's text the slice it covers.
Entities are regrouped after every change, so a marked بالموصل joins the
place الموصل; each mention keeps its ``source``.

``Corrector`` holds the state of one open document and applies corrections
one at a time (the window does that, and undoes by restoring an earlier
``state``); ``apply`` is the one-shot form.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.analysis.grouping import KeyCache, entity_members, group_entities, key_name, span_keys
from reader.corrections.kinds import Correction, Mark, Merge, Rename, Retype, Split, Unmark, check_name
from reader.corrections.lexicon import Lexicon
from reader.document import Analysis, Span, entity_id
from reader.entity_types import EntityType

#: How many analyses of earlier states a Corrector keeps (undo, redo).
KEEP_BUILT = 8

#: Entity id → (its type, the indices of its spans): a grouping (``grouping.entity_members``).
Members = dict[str, tuple[EntityType, list[int]]]


@dataclass(frozen=True, slots=True)
class CorrectedState:
    """Where a document stands after some corrections (immutable: keep one per undo step).

    ``spans`` sorted and disjoint; ``pins`` maps a span's start to the entity
    id the user put it in; ``names`` maps entity ids to names the user gave.
    """

    spans: tuple[Span, ...]
    pins: Mapping[int, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)


class Corrector:
    """The lexicon and corrections applied to one document's model analysis.

    >>> corrector = Corrector(model_analysis, lexicon)      # doctest: +SKIP
    >>> corrector.apply(Mark(10, 16, EntityType.PLACE))     # doctest: +SKIP
    True
    >>> corrector.analysis()                                # doctest: +SKIP
    """

    def __init__(self, analysis: Analysis, lexicon: Lexicon | None = None) -> None:
        self.model = analysis
        self.text = analysis.source.text
        self._cache = KeyCache()
        model_spans = tuple(Span(m.start, m.end, m.type, m.value, source=m.source) for m in analysis.mentions)
        spans = _with_lexicon(self.text, model_spans, lexicon) if lexicon else model_spans
        lexicon_free = spans is model_spans
        self.state = CorrectedState(spans)
        # Untouched (no lexicon match, no correction): the model's analysis itself, not a regrouping.
        self._untouched = self.state if lexicon_free else None
        self._built: list[tuple[CorrectedState, Analysis]] = []
        self._members: tuple[CorrectedState, Members] | None = None

    # -- reading -------------------------------------------------------------

    def analysis(self) -> Analysis:
        """The analysis of the current state (computed once per state)."""
        for built_state, built in self._built:
            if built_state is self.state:
                return built
        if self.state is self._untouched:
            return self.model
        state = self.state
        mentions, entities = group_entities(self.text, state.spans, pinned=self._pinned(state), cache=self._cache)
        if state.names:
            entities = tuple(replace(e, name=state.names[e.id]) if e.id in state.names else e for e in entities)
        model = self.model
        result = Analysis(model.source, mentions, entities, model.recognizer, model.notes)
        # The last few, so that undo and redo show an earlier state without regrouping.
        self._built = [(state, result), *self._built[: KEEP_BUILT - 1]]
        return result

    def members(self) -> Members:
        """Entity id → (type, span indices) in the current state: the grouping, without building mentions."""
        if self._members is not None and self._members[0] is self.state:
            return self._members[1]
        state = self.state
        members = entity_members(self.text, state.spans, pinned=self._pinned(state), cache=self._cache)
        self._members = (state, members)
        return members

    @staticmethod
    def _pinned(state: CorrectedState) -> dict[int, str]:
        """The pins as span indices, as grouping takes them."""
        if not state.pins:
            return {}
        index_of = {span.start: i for i, span in enumerate(state.spans)}
        return {index_of[start]: identity for start, identity in state.pins.items() if start in index_of}

    # -- changing ------------------------------------------------------------

    def apply(self, correction: Correction) -> bool:
        """Apply one correction; False (and nothing changes) when it no longer applies
        (offsets outside the text, an entity this document does not have)."""
        step = self._next(correction)
        if step is None:
            return False
        self.state, members = step
        if members is not None:
            self._members = (self.state, members)
        return True

    def _next(self, c: Correction) -> tuple[CorrectedState, Members | None] | None:
        """The state after ``c``, and its grouping when it is known without regrouping."""
        state = self.state
        if isinstance(c, Mark | Unmark | Split) and not 0 <= c.start < c.end <= len(self.text):
            return None
        if isinstance(c, Mark):
            value = _figure_value(self.text[c.start : c.end]) if c.type is EntityType.FIGURE else None
            return _overlay(state, Span(c.start, c.end, c.type, value, source="correction")), None
        if isinstance(c, Unmark):
            lo, hi = _overlapping(state.spans, c.start, c.end)
            return (_overlay(state, None, lo, hi), None) if lo < hi else None
        if isinstance(c, Split):
            return self._split(c)
        members = self.members()
        if c.entity not in members:
            return None
        entity_type, indices = members[c.entity]
        if isinstance(c, Rename):
            try:
                name = check_name(c.name)
            except ValueError:
                return None
            return replace(state, names={**state.names, c.entity: name}), members
        if isinstance(c, Retype):
            if c.type is entity_type:
                return None
            new_id = entity_id(c.type, c.entity.partition(":")[2])
            names = dict(state.names)
            if c.entity in names:
                names[new_id] = names.pop(c.entity)
            moved = replace(_move(self.text, state, indices, new_id, c.type), names=names)
            return moved, _moved(members, c.entity, new_id, c.type, entity_type)
        if isinstance(c, Merge):
            if c.into == c.entity or c.into not in members:
                return None
            target_type, target = members[c.into]
            names = {k: v for k, v in state.names.items() if k != c.entity}
            moved = _move(self.text, state, indices, c.into, target_type)
            pins = dict(moved.pins)
            for i in target:
                pins[moved.spans[i].start] = c.into
            return CorrectedState(moved.spans, pins, names), _moved(members, c.entity, c.into, target_type, entity_type)
        raise TypeError(f"not a correction: {c!r}")

    def _split(self, c: Split) -> tuple[CorrectedState, None] | None:
        state = self.state
        i = bisect.bisect_left(state.spans, c.start, key=lambda s: s.start)
        if i == len(state.spans) or (state.spans[i].start, state.spans[i].end) != (c.start, c.end):
            return None
        members = self.members()
        old, (entity_type, indices) = next((k, v) for k, v in members.items() if i in v[1])
        if len(indices) == 1:
            return None  # already alone
        _, keys = span_keys(self.text, state.spans, self._cache)
        new_id = entity_id(entity_type, key_name(keys[i]))
        if new_id == old:
            taken = set(members) | set(state.pins.values())
            n = 2
            while f"{old}#{n}" in taken:
                n += 1
            new_id = f"{old}#{n}"
        spans = list(state.spans)
        spans[i] = replace(state.spans[i], type=entity_type, source="correction")
        return CorrectedState(tuple(spans), {**state.pins, c.start: new_id}, state.names), None


def apply(analysis: Analysis, corrections: Iterable[Correction] = (), lexicon: Lexicon | None = None) -> Analysis:
    """``analysis`` (the model's) with ``lexicon`` and then ``corrections`` applied, regrouped.

    Corrections that no longer apply (an entity the document no longer has)
    are skipped.
    """
    corrector = Corrector(analysis, lexicon)
    for correction in corrections:
        corrector.apply(correction)
    return corrector.analysis()


# -- state changes ----------------------------------------------------------------


def _overlapping(spans: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    """``[lo, hi)``: the indices of the spans that overlap ``[start, end)`` (spans sorted, disjoint)."""
    lo = bisect.bisect_right(spans, start, key=lambda s: s.end)
    hi = bisect.bisect_left(spans, end, key=lambda s: s.start)
    return lo, max(lo, hi)


def _overlay(state: CorrectedState, span: Span | None, lo: int = -1, hi: int = -1) -> CorrectedState:
    """``state`` with spans ``[lo, hi)`` (default: those ``span`` overlaps) replaced by ``span``."""
    if span is not None and lo < 0:
        lo, hi = _overlapping(state.spans, span.start, span.end)
    removed = state.spans[lo:hi]
    spans = state.spans[:lo] + ((span,) if span is not None else ()) + state.spans[hi:]
    pins = state.pins
    if removed and any(s.start in pins for s in removed):
        gone = {s.start for s in removed}
        pins = {start: identity for start, identity in pins.items() if start not in gone}
    return CorrectedState(spans, pins, state.names)


def _move(
    text: str, state: CorrectedState, indices: Sequence[int], new_id: str, new_type: EntityType
) -> CorrectedState:
    """Spans ``indices`` as corrections of ``new_type``, pinned to ``new_id`` (so they stay together)."""
    spans = list(state.spans)
    pins = dict(state.pins)
    for i in indices:
        span = spans[i]
        value = None
        if new_type is EntityType.FIGURE:
            value = span.value if span.type is EntityType.FIGURE else _figure_value(text[span.start : span.end])
        spans[i] = Span(span.start, span.end, new_type, value, source="correction")
        pins[span.start] = new_id
    return CorrectedState(tuple(spans), pins, state.names)


def _moved(members: Members, old: str, new: str, new_type: EntityType, old_type: EntityType) -> Members | None:
    """The grouping after entity ``old`` moved into ``new`` (a retype, a merge), or None
    when only regrouping can tell: figures are grouped by value, and whether a
    span is a figure changes the clitics other names lose (``span_keys``)."""
    if EntityType.FIGURE in (new_type, old_type):
        return None
    out = dict(members)
    _, moving = out.pop(old)
    joined = sorted(out[new][1] + moving) if new in out else moving
    out[new] = (new_type, joined)
    return out


def _figure_value(text: str) -> int | float | None:
    from reader.analysis.figures import parse_figure

    return parse_figure(text)


def _with_lexicon(text: str, spans: tuple[Span, ...], lexicon: Lexicon) -> tuple[Span, ...]:
    """The model's ``spans`` with the lexicon's matches in ``text`` applied (see the module docstring)."""
    matches = lexicon.find(text)
    if not matches:
        return spans
    removed: set[int] = set()
    added: list[Span] = []
    for match in matches:
        lo, hi = _overlapping(spans, match.start, match.end)
        if match.type is None:
            removed.update(i for i in range(lo, hi) if match.start <= spans[i].start and spans[i].end <= match.end)
            continue
        if any(
            spans[i].start <= match.start
            and match.end <= spans[i].end
            and spans[i].end - spans[i].start > match.end - match.start
            and spans[i].type is match.type
            for i in range(lo, hi)
        ):
            continue  # the model already says so, with more words around it
        value = _figure_value(text[match.start : match.end]) if match.type is EntityType.FIGURE else None
        added.append(Span(match.start, match.end, match.type, value, source="lexicon"))
        removed.update(range(lo, hi))
    kept = [span for i, span in enumerate(spans) if i not in removed]
    return tuple(sorted(kept + added, key=lambda s: s.start))
