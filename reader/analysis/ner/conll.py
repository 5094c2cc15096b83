"""CoNLL files and span-level scoring, shared by training and evaluation.

A CoNLL file has one token and its BIO tag a line (``word TAB tag`` or
``word SPACE tag``; the tag is the last field) and a blank line between
sentences::

    أعلن O
    اتحاد B-ORG
    صناعة I-ORG

Scoring is conlleval-style exact span match: a predicted span counts only if
its type, first and last token all equal a gold span's. An ``I-`` tag that
does not continue a span of its type opens a new one (conlleval's rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Sentence = list[tuple[str, str]]  # (token, tag) pairs

#: The scored types, in report order. MISC is read but never scored.
SCORED_TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG")


class ConllError(ValueError):
    """A line that is not ``token tag``."""


def parse_conll(text: str) -> list[Sentence]:
    """Sentences of ``text`` in CoNLL format (see the module docstring)."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            if current:
                sentences.append(current)
                current = []
            continue
        if len(fields) < 2:
            raise ConllError(f"line {number}: expected 'token tag', got {line.strip()!r}")
        current.append((fields[0], fields[-1]))
    if current:
        sentences.append(current)
    return sentences


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of the UTF-8 CoNLL file at ``path``."""
    return parse_conll(Path(path).read_text(encoding="utf-8"))


#: Wojood's types as ANERcorp's: its GPE (countries, cities) and LOC
#: (geographic features) are both places; everything else (NORP, OCC, FAC,
#: DATE, EVENT ...) is not a name of ours.
WOJOOD_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def parse_nested_conll(text: str, types: dict[str, str] = WOJOOD_TYPES) -> list[Sentence]:
    """Sentences of a nested CoNLL text (Wojood: ``token TAG TAG ...``, outermost first), flattened.

    Each type's spans are read on their own (a token tagged ``I-ORG B-ORG``
    continues the outer organization), mapped through ``types`` (others
    dropped), and the outermost span wins where two overlap: بلدية نابلس is
    one organization, not an organization holding a place, as in ANERcorp.
    Head nouns ANERcorp leaves out of names are dropped (قرية اليامون →
    اليامون; ``_HEADS_OUTSIDE``).
    """
    sentences: list[Sentence] = []
    for rows in _nested_rows(text):
        tokens = [row[0] for row in rows]
        found: list[tuple[str, int, int]] = []
        for source, target in types.items():
            start: int | None = None
            for i, row in enumerate(rows):
                inside = f"I-{source}" in row[1:] and start is not None
                if not inside and start is not None:
                    found.append((target, start, i))
                    start = None
                if not inside and (f"B-{source}" in row[1:] or f"I-{source}" in row[1:]):
                    start = i
            if start is not None:
                found.append((target, start, len(rows)))
        tags = ["O"] * len(rows)
        found = [s for s in (_anercorp_span(tokens, *span) for span in found) if s is not None]
        for kind, first, last in sorted(found, key=lambda s: (s[1] - s[2], s[1])):
            if all(tag == "O" for tag in tags[first:last]):
                tags[first] = "B-" + kind
                tags[first + 1 : last] = ["I-" + kind] * (last - first - 1)
        sentences.append(list(zip(tokens, tags, strict=True)))
    return sentences


#: Head nouns ANERcorp leaves outside a name (مدينة الموصل: only الموصل is the
#: place; صحيفة الأهرام: only الأهرام), where Wojood includes them; folded.
_HEADS_OUTSIDE = {
    "LOC": frozenset(["مدينه", "قريه", "منطقه", "مخيم", "محافظه", "قضاء", "لواء", "حي", "بلده", "ولايه", "عاصمه"]),
    "ORG": frozenset(["جريده", "صحيفه", "مجله", "نشره", "قناه", "اذاعه", "شركه", "وكاله"]),
}
#: Wojood organizations that ANERcorp never tags (قوات الاحتلال: forces, not a body).
_NOT_NAMES = frozenset({"قوات"})


def _anercorp_span(tokens: Sequence[str], kind: str, first: int, last: int) -> tuple[str, int, int] | None:
    """A Wojood span in ANERcorp's conventions: head nouns dropped (see ``_HEADS_OUTSIDE``)."""
    from reader.analysis.ner.wordforms import normalize_word, proclitic_candidates

    heads = _HEADS_OUTSIDE.get(kind, frozenset())
    while first < last:
        forms = proclitic_candidates(normalize_word(tokens[first]))
        if _NOT_NAMES.intersection(forms):
            return None
        if last - first == 1 or not heads.intersection(forms):
            break
        first += 1
    return kind, first, last


def _nested_rows(text: str) -> Iterator[list[list[str]]]:
    rows: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            if rows:
                yield rows
                rows = []
            continue
        if len(fields) < 2:
            raise ConllError(f"line {number}: expected 'token tag', got {line.strip()!r}")
        rows.append(fields)
    if rows:
        yield rows


def read_wojood(path: str | Path) -> list[Sentence]:
    """Sentences of a Wojood file, with tags mapped to PERS/LOC/ORG (``parse_nested_conll``)."""
    return parse_nested_conll(Path(path).read_text(encoding="utf-8"))


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(type, first, last_exclusive)`` token spans of a BIO tag sequence.

    >>> bio_spans(["B-PERS", "I-PERS", "O", "I-LOC"])
    [('PERS', 0, 2), ('LOC', 3, 4)]
    """
    spans: list[tuple[str, int, int]] = []
    kind: str | None = None
    first = 0
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind is not None and not continues:
            spans.append((kind, first, i))
            kind = None
        if prefix in ("B", "I") and not continues:
            kind, first = label, i
    if kind is not None:
        spans.append((kind, first, len(tags)))
    return spans


@dataclass
class TypeScore:
    """Counts for one entity type; precision/recall/F1 derive from them."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Per-type scores and their micro average over ``SCORED_TYPES``."""

    by_type: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in SCORED_TYPES})

    @property
    def micro(self) -> TypeScore:
        total = TypeScore()
        for score in self.by_type.values():
            total.gold += score.gold
            total.predicted += score.predicted
            total.correct += score.correct
        return total

    def table(self) -> str:
        """A plain-text table: one row per type, then the micro average."""
        rows = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        named = [*self.by_type.items(), ("micro", self.micro)]
        for name, s in named:
            rows.append(f"{name:<6} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {s.gold:6d} {s.predicted:6d}")
        return "\n".join(rows)


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Scores:
    """Span-level exact-match scores of ``predicted`` tag sequences against ``gold``.

    Both are iterables of per-sentence tag sequences of equal lengths.
    """
    scores = Scores()
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(pred_tags):
            raise ValueError("a predicted sentence differs in length from its gold sentence")
        gold_spans = {s for s in bio_spans(gold_tags) if s[0] in scores.by_type}
        pred_spans = {s for s in bio_spans(pred_tags) if s[0] in scores.by_type}
        for kind, *_ in gold_spans:
            scores.by_type[kind].gold += 1
        for kind, *_ in pred_spans:
            scores.by_type[kind].predicted += 1
        for kind, *_ in gold_spans & pred_spans:
            scores.by_type[kind].correct += 1
    return scores
