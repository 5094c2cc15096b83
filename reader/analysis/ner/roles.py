"""Names whose role in the sentence says their type: media cited as sources, clubs playing.

A news agency or a newspaper is often named after a place (الأناضول، الشرق
الأوسط) and a football club after its city (برشلونة، روما); the CRF, which
knows the words mostly as places, tags them places. The words around them
say otherwise, and a few rules read them after tagging:

- a name right after a media head noun — وكالة، صحيفة، قناة، مراسل … —
  is an organization (ذكرت وكالة الأناضول، قال مراسل الجزيرة);
- وكالة (الـ)أنباء + a country or its adjective is an organization as a
  whole (وكالة الأنباء الفرنسية), though the 2007 training text mostly
  leaves it untagged;
- a place right after a match verb — فاز، تغلب، تعادل … — or after
  على/أمام/مع/ضد following such a verb is a club (فاز برشلونة على روما).

Rules only retype a tagged name or add a span where none was: they never
split or shorten the CRF's spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis.ner.gazetteers import COUNTRY, GENTILIC, PLACE, Gazetteer
from reader.analysis.ner.wordforms import normalize_word, proclitic_candidates

#: ``(type, first, last_exclusive)`` within a sentence.
Found = tuple[str, int, int]


def _folded(words: str) -> frozenset[str]:
    return frozenset(normalize_word(w) for w in words.split())


MEDIA_HEADS = _folded(
    "وكالة وكالتا وكالات صحيفة صحيفتا جريدة مجلة قناة فضائية تلفزيون إذاعة شبكة موقع مراسل مراسلة "
    "مراسلو مراسلي ومراسل لقناة لصحيفة لوكالة"
)
NEWS = _folded("أنباء الأنباء للأنباء")
AGENCY = _folded("وكالة وكالتا")
MATCH_VERBS = _folded(
    "فاز يفوز تفوز تغلب يتغلب تتغلب تعادل يتعادل تتعادل خسر يخسر تخسر هزم يهزم تهزم انتصر ينتصر سحق "
    "اكتسح أقصى يقصي استضاف يستضيف تستضيف التقى يلتقي تلتقي واجه يواجه تواجه"
)
MATCH_LINKS = _folded("على أمام مع ضد")
_HEAD, _VERB = 1, 2
#: How far (tokens) a link word may follow the match verb: فاز برشلونة الإسباني على.
MATCH_REACH = 5


class RoleRules:
    """Retypes and adds spans of one sentence from the role words around them."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._roles: dict[str, int] = {}  # normalized word → its role, cached (news repeats words)

    def _role(self, word: str) -> int:
        role = self._roles.get(word)
        if role is None:
            if len(self._roles) > 200_000:
                self._roles.clear()
            role = _HEAD if self._is(word, MEDIA_HEADS) else _VERB if self._is(word, MATCH_VERBS) else 0
            self._roles[word] = role
        return role

    def apply(self, normalized: Sequence[str], found: Sequence[Found]) -> list[Found]:
        """``found`` with media and clubs retyped, plus untagged news agencies; sorted by start."""
        spans = sorted(found, key=lambda s: s[1])
        roles = [self._role(word) for word in normalized]
        heads = [role == _HEAD for role in roles]
        verbs = [role == _VERB for role in roles]
        if not any(heads) and not any(verbs):
            return spans  # the common case: nothing to read
        covered = [False] * len(normalized)
        for _, first, last in spans:
            covered[first:last] = [True] * (last - first)
        for i in range(len(normalized) - 2):
            if (
                not any(covered[i : i + 3])
                and self._is(normalized[i], AGENCY)
                and normalized[i + 1] in NEWS
                and self._names_a_country(normalized[i + 2])
            ):
                spans.append(("ORG", i, i + 3))
        last_verb = -MATCH_REACH - 2
        verb_before: list[int] = []  # the last match verb before each token
        for i, verb in enumerate(verbs):
            verb_before.append(last_verb)
            if verb:
                last_verb = i
        out: list[Found] = []
        for kind, first, last in sorted(spans, key=lambda s: s[1]):
            if first > 0 and kind in ("LOC", "PERS") and heads[first - 1]:
                kind = "ORG"
            elif first > 0 and kind == "LOC":
                before = normalized[first - 1]
                after_link = before in MATCH_LINKS and first - verb_before[first] <= MATCH_REACH + 1
                if verbs[first - 1] or after_link:
                    kind = "ORG"
            out.append((kind, first, last))
        return out

    @staticmethod
    def _is(word: str, words: frozenset[str]) -> bool:
        return any(form in words for form in proclitic_candidates(word))

    def _names_a_country(self, word: str) -> bool:
        return bool(self.gazetteer.categories(word) & {COUNTRY, GENTILIC, PLACE})
