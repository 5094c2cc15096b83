"""CRF features of a sentence, computed once per distinct word form.

News text repeats its words a lot, so everything that depends on one word
alone — its normalized and clitic-free forms, affixes, shape, gazetteer
categories, how it was tagged in the training data — is computed the first
time the word is seen and cached, already prefixed for each window position.
A sentence's features are then the concatenation of cached lists (plus the
multi-word gazetteer marks, which depend on the neighbours): tagging costs a
few list copies per token, not string work.

Feature strings are short on purpose: they are the model's vocabulary.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.analysis.ner.clusters import WordClusters, WordContexts
from reader.analysis.ner.gazetteers import (
    FIRST_NAME,
    GENTILIC,
    ORGANIZATION_TRIGGER,
    PERSON_AFTER,
    PERSON_TITLE,
    PLACE_TRIGGER,
    Gazetteer,
)
from reader.analysis.ner.usage import shared_word_usage
from reader.analysis.ner.wordclasses import NameShape, WordClasses
from reader.analysis.ner.wordforms import article_stem, conjunction_stripped, normalize_word

#: Distinct word forms whose features are kept (about 1 KB each).
MAX_CACHED_WORDS = 300_000

#: Window offsets whose word features a token sees.
OFFSETS = (-2, -1, 1, 2)

_DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


#: Feature groups, each switchable for the ablation study (docs/model.md).
#: ``affixes``: character prefixes/suffixes of the clitic-free stem;
#: ``gazetteer``: gazetteer and trigger-word categories of the word and its window;
#: ``classes``: the training-data word classes; ``window2``: features of words ±2;
#: ``unseen-identity``: a word the training data has not seen (class UNK)
#: gets no word-identity feature, in training as at run time;
#: ``doc-cues``: what the *other* occurrences of the word in the document
#: have around them (see ``FeatureExtractor.document``);
#: ``conj-forms``: a word unseen as written but seen without its و/ف
#: (وغادة، ومدحت) gets that form's identity and class;
#: ``ctx-affixes``: the first/last two letters of the words ±1 (verb
#: prefixes and suffixes: وأضاف راوول، سجلها ...);
#: ``name-lm``: how much the word looks like a name (``NameShape``);
#: ``unk-shape``: for a word the training data never saw, that fact joined
#: with its prefix (``u=``: no article — most unseen words without ال are
#: names; ``u=ال``: an unseen noun or a nisba surname);
#: ``ngrams``: character 3-grams of the stem (transliterated foreign names
#: share them: ـوفسكي، ـينيو);
#: ``usage``: how the word is used in a large corpus (``usage.WordUsage``:
#: frequency, with the article, with suffixes); ``usage-window``: the same
#: for the words ±1; ``usage-conj``: an unseen-looking word with و/ف is
#: judged by its form without them when that form is far more frequent
#: (وبوين → بوين); ``conj-cues``: a word whose name-ness shows only
#: without its و/ف (وحسن، وموناكو) says so (``cj=``): a new name starts there;
#: ``cue-usage``: the word's article band joined with the cue of the word
#: before it (``cu=0V``: a never-with-article word after a reporting verb);
#: ``clusters``: the word's clusters learned from unlabeled news
#: (``clusters.WordClusters``: ``k1=``, ``k2=``, ``k3=``, coarse to fine);
#: ``clusters-window``: the coarse and middle clusters of the words ±1;
#: ``clusters-window2``: the middle cluster of the words ±2;
#: ``contexts``: which cue words precede the word across the unlabeled news
#: (``clusters.WordContexts``: ``xT2`` …);
#: ``neural``: the neural tagger's labels (``neural.crf_features``: ``nn=B-PERS`` …).
ALL_OPTIONS = frozenset(
    {"affixes", "gazetteer", "classes", "window2", "unseen-identity", "doc-cues", "conj-forms"}
    | {"ngrams", "ctx-affixes", "unk-shape", "name-lm", "usage", "usage-window", "conj-cues"}
    | {"cue-usage", "usage-conj", "clusters", "clusters-window", "clusters-window2", "contexts", "neural"}
)
#: The shipped model's groups (the ablation in docs/model.md says why).
DEFAULT_OPTIONS = frozenset(
    {"affixes", "gazetteer", "classes", "window2", "conj-forms", "doc-cues"}
    | {"usage", "conj-cues", "cue-usage", "clusters"}
)

# Document cues a word gives the word after it / before it (see ``document``).
_CUES_AS_PREVIOUS = {
    PERSON_TITLE: "T",
    PERSON_AFTER: "V",
    PLACE_TRIGGER: "L",
    ORGANIZATION_TRIGGER: "O",
    FIRST_NAME: "F",
}
_CUES_AS_NEXT = {PERSON_AFTER: "V"}
CLUSTER_OPTIONS = frozenset({"clusters", "clusters-window", "clusters-window2"})
_NO_CUES: frozenset[str] = frozenset()


class NeuralSource(Protocol):
    """Where the ``neural`` features of a document come from (``neural.NeuralFeatures``)."""

    def features(
        self,
        sentences: Sequence[Sequence[str]],
        words: Sequence[Sequence[_Word]],
        marks: Sequence[Sequence[str | None]],
    ) -> list[dict[int, list[str]]]:
        """For each sentence, the feature strings of its tokens that have any (by position)."""
        ...


class _Word:
    """Everything about one word form that does not depend on its neighbours."""

    __slots__ = (
        "at_m1",
        "at_m2",
        "at_p1",
        "at_p2",
        "cues_as_next",
        "cues_as_previous",
        "gentilic",
        "key",
        "neural",
        "neural_code",
        "norm",
        "own",
        "starts",
        "usage",
    )

    def __init__(
        self,
        norm: str,
        key: str,
        own: list[str],
        ctx: dict[int, list[str]],
        starts: tuple[str, ...] = (),
        cats: Sequence[str] = (),
    ) -> None:
        self.norm = norm  # normalized form
        self.key = key  # clitic-free form: occurrences with the same key are the same word
        self.own = own  # features of the word itself
        # Its features as seen from the word at offset -2, -1, +1, +2 from it.
        self.at_m2, self.at_m1 = ctx.get(-2, []), ctx.get(-1, [])
        self.at_p1, self.at_p2 = ctx.get(1, []), ctx.get(2, [])
        self.starts = starts  # forms that may open a multi-word gazetteer entry
        self.cues_as_previous = _NO_CUES
        self.cues_as_next = _NO_CUES
        self.gentilic = False
        self.usage = ""  # the word's article band (``usage``), for ``cue-usage``
        self.neural: tuple[str, ...] = ()  # the word's facts as the neural tagger reads them
        self.neural_code: object = None  # ... encoded by the tagger (``neural.NeuralFeatures``)
        if cats:  # most words have no gazetteer category
            self.cues_as_previous = frozenset(_CUES_AS_PREVIOUS[c] for c in cats if c in _CUES_AS_PREVIOUS)
            self.cues_as_next = frozenset(_CUES_AS_NEXT[c] for c in cats if c in _CUES_AS_NEXT)
            self.gentilic = GENTILIC in cats


# Sentence padding: the word just outside a sentence says "edge"; two out, nothing.
_NOTHING = _Word("", "", [], {})
_BEFORE = _Word("", "", [], {-2: ["-2:edge"], -1: ["-1:edge"]})
_AFTER = _Word("", "", [], {1: ["1:edge"], 2: ["2:edge"]})


def known_at(attributes: Iterable[str]) -> dict[int, dict[str, str]]:
    """Per window offset, the model's features at that offset, unprefixed → prefixed (one pass)."""
    prefixes = {f"{offset}": offset for offset in OFFSETS}
    known: dict[int, dict[str, str]] = {offset: {} for offset in OFFSETS}
    for attribute in attributes:
        prefix, colon, rest = attribute.partition(":")
        offset = prefixes.get(prefix) if colon else None
        if offset is not None:
            known[offset][rest] = attribute
    return known


class FeatureExtractor:
    """Turns token strings into crfsuite feature lists (one list of strings per token)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        classes: WordClasses,
        options: frozenset[str] = DEFAULT_OPTIONS,
        attributes: frozenset[str] | None = None,
        clusters: WordClusters | None = None,
        contexts: WordContexts | None = None,
        neural: NeuralSource | None = None,
        *,
        by_offset: dict[int, dict[str, str]] | None = None,
    ) -> None:
        """``attributes``: the feature strings a trained model has weights for.

        When given, a word's cached features keep only those: a feature the
        model does not know costs crfsuite a lookup and changes nothing, and L1
        training leaves only a few thousand of them. Tagging gets 2-3× faster.
        ``neural``: where the ``neural`` features come from (the network at run
        time, held-out predictions in training). ``by_offset``: ``known_at(attributes)``, when the
        caller has it already (read from the cache with them).
        """
        unknown = options - ALL_OPTIONS
        if unknown:
            raise ValueError(f"unknown feature options: {', '.join(sorted(unknown))}")
        if clusters is None and options & CLUSTER_OPTIONS:
            raise ValueError("the cluster features need a cluster table")
        self.clusters = clusters if options & CLUSTER_OPTIONS else None
        if contexts is None and "contexts" in options:
            raise ValueError("the context features need a context table")
        self.contexts = contexts if "contexts" in options else None
        if neural is not None and "neural" not in options:
            raise ValueError("a neural feature source needs the neural option")
        self.neural = neural
        self.gazetteer = gazetteer
        self.classes = classes
        self.options = options
        self.attributes = attributes
        # Per window offset, the features the model knows at that offset,
        # unprefixed → prefixed: a word's context features are looked up, not formatted.
        self._known_at: dict[int, dict[str, str]] | None = None
        if attributes is not None:
            self._known_at = by_offset if by_offset is not None else known_at(attributes)
        self._cache: dict[str, _Word] = {}  # token text → its features
        self._name_shape = NameShape(classes.by_stem) if "name-lm" in options else None
        self._usage = shared_word_usage() if "usage" in options else None

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists for one sentence's tokens (no document context, no network)."""
        words = [self._word(t) for t in tokens]
        return self._sentence(words, self._marks(words))

    def document(self, sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Feature lists for every sentence of a document (an article, or a chunk of one).

        With ``doc-cues``, a word also gets the cues seen around its *other*
        occurrences in the document: ``dc=T`` (after a title: الرئيس ...),
        ``dc=V`` (beside a reporting verb: قال ...), ``dc=L``/``dc=O`` (after a
        place/organization head noun), ``dc=F`` (after a first name), and
        ``dc=rep`` (the word occurs more than once). So كارتر alone, in a
        weak context, still learns it followed وزير الدفاع آشتون elsewhere.
        """
        words = [[self._word(t) for t in tokens] for tokens in sentences]
        marks = [self._marks(ws) for ws in words]
        features = [self._sentence(ws, ms) for ws, ms in zip(words, marks, strict=True)]
        if self.neural is not None:
            keep = self.attributes
            for feats, extra in zip(features, self.neural.features(sentences, words, marks), strict=True):
                for i, token_extra in extra.items():
                    feats[i] += token_extra if keep is None else [f for f in token_extra if f in keep]
        if "doc-cues" not in self.options:
            return features
        # A sentence the document repeats (a text pasted twice) counts once, so
        # each copy gets the features of the text alone.
        first_copy = distinct_sentences(sentences)
        occurrences = Counter(w.key for k, ws in enumerate(words) if first_copy[k] for w in ws)
        cue_counts: dict[str, Counter[str]] = defaultdict(Counter)
        local: list[dict[int, set[str]]] = []
        for k, ws in enumerate(words):
            cues_at: dict[int, set[str]] = {}
            last = len(ws) - 1
            for i, w in enumerate(ws):
                if w.cues_as_previous and i < last:
                    cues_at.setdefault(i + 1, set()).update(w.cues_as_previous)
                    # A title two words back, across a gentilic: الرئيس الأمريكي X.
                    if "T" in w.cues_as_previous and i + 2 <= last and ws[i + 1].gentilic:
                        cues_at.setdefault(i + 2, set()).add("T")
                if w.cues_as_next and i > 0:
                    cues_at.setdefault(i - 1, set()).update(w.cues_as_next)
            if first_copy[k]:
                for i, cues in cues_at.items():
                    cue_counts[ws[i].key].update(cues)
            local.append(cues_at)
        for ws, cues_at, feats in zip(words, local, features, strict=True):
            for i, w in enumerate(ws):
                if occurrences[w.key] > 1:
                    feats[i].append("dc=rep")
                counts = cue_counts.get(w.key)
                if counts:
                    mine = cues_at.get(i, ())
                    for cue, count in counts.items():
                        if count > (cue in mine):  # seen around another occurrence
                            feats[i].append("dc=" + cue)
        return features

    def normalized(self, tokens: Sequence[str]) -> list[str]:
        """The normalized forms of ``tokens`` (from the cache)."""
        return [self._word(t).norm for t in tokens]

    def neural_inputs(self, tokens: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
        """What the neural tagger reads of each token: its normalized form and its facts.

        The facts are the word's (``_Word.neural``: shape, clitic prefix, list
        categories, usage bands) and the multi-word list entry it is part of.
        """
        words = [self._word(t) for t in tokens]
        return [
            (w.norm, w.neural if mark is None else (*w.neural, "mg=" + mark))
            for w, mark in zip(words, self._marks(words), strict=True)
        ]

    def keys(self, tokens: Sequence[str]) -> list[str]:
        """The clitic-free forms of ``tokens`` (بالموصل → موصل), as the document features compare them."""
        return [self._word(t).key for t in tokens]

    def _marks(self, words: Sequence[_Word]) -> list[str | None]:
        """``B-CAT``/``I-CAT`` for the words inside a multi-word list entry (رام الله), else None."""
        starts = [w.starts for w in words]
        if "gazetteer" not in self.options or not any(starts):
            return [None] * len(words)
        return self.gazetteer.match_multi([w.norm for w in words], starts)

    def _sentence(self, words: Sequence[_Word], marks: Sequence[str | None]) -> list[list[str]]:
        n = len(words)
        padded = [_NOTHING, _BEFORE, *words, _AFTER, _NOTHING]
        out = [
            [*padded[i + 2].own, *padded[i].at_m2, *padded[i + 1].at_m1, *padded[i + 3].at_p1, *padded[i + 4].at_p2]
            for i in range(n)
        ]
        if "cue-usage" in self.options:
            # An unseen-looking word right after a title, a reporting verb or a first name.
            for i in range(1, n):
                cues, band = words[i - 1].cues_as_previous, words[i].usage
                if cues and band:
                    out[i] += ["cu=" + band + c for c in cues]
        for feats, mark in zip(out, marks, strict=True):
            if mark is not None:
                feats.append("mg=" + mark)
        return out

    def _word(self, token: str) -> _Word:
        cached = self._cache.get(token)
        if cached is None:
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()  # a bound on memory in a long session; refills fast
            cached = self._cache[token] = self._compute(token)
        return cached

    def _compute(self, token: str) -> _Word:
        options = self.options
        n = normalize_word(token)
        stem = article_stem(n)
        base = stem or n
        prefix = n[: len(n) - len(stem)] if stem else ""
        shape = _shape(token)
        cats = sorted(self.gazetteer.categories(n)) if "gazetteer" in options else []
        word_class = self.classes.by_word.get(n, "UNK")
        stem_class = self.classes.by_stem.get(base, "UNK")

        identity: list[str] = []
        if "conj-forms" in options and stem is None and word_class == "UNK":
            # وغادة → غادة: the word without its conjunction, if training saw that.
            form = conjunction_stripped(n)
            known = self.classes.by_word.get(form) if form else None
            if form is not None and known is not None:
                word_class = known
                identity.append("cf=" + form)
                base, stem_class = form, self.classes.by_stem.get(form, "UNK")
        if word_class != "UNK" or "unseen-identity" not in options:
            identity.append("w=" + n)
        if stem_class != "UNK" or "unseen-identity" not in options:
            identity.append("st=" + base)
        classes = ["lw=" + word_class, "ls=" + stem_class] if "classes" in options else []
        gaz = ["g=" + c for c in cats]
        if "conj-cues" in options and stem is None and shape == "ar":
            # وحسن، وموناكو: a name after "and" starts a new name (B-, not I-).
            form = conjunction_stripped(n)
            if form is not None:
                exact = self.gazetteer.single.get(n, frozenset())
                gaz += ["cj=" + c for c in cats if c not in exact]
                known = self.classes.by_word.get(form, "UNK")
                if known[:3] in ("PER", "LOC", "ORG"):
                    gaz.append("cj=" + known)

        unk = ["u=" + prefix] if "unk-shape" in options and shape == "ar" and word_class == "UNK" else []
        if self._name_shape is not None and shape == "ar" and len(base) > 1:
            unk.append("nl=" + self._name_shape.band(base))
        use: list[str] = []
        if self._usage is not None and shape == "ar":
            usage_word, usage_stem = n, base
            if "usage-conj" in options and stem is None:
                # وبوين: judge the word without its و/ف when that form is the common one.
                form = conjunction_stripped(n)
                freq = self._usage.log_frequency
                if form is not None and freq(form) > freq(n) + 1.0:
                    usage_word = usage_stem = form
            use = self._usage.features(usage_word, usage_stem)
        own = ["bias", *identity, *unk, *use, "pre=" + prefix, "sh=" + shape, "len=" + str(min(len(base), 8))]
        own += [*classes, *gaz]
        if shape == "ar" and "affixes" in options:
            own += ["p2=" + base[:2], "p3=" + base[:3], "s1=" + base[-1:], "s2=" + base[-2:], "s3=" + base[-3:]]
        if shape == "ar" and "ngrams" in options:
            own += ["c3=" + base[k : k + 3] for k in range(1, len(base) - 3)]

        near = [*identity, "sh=" + shape, *classes[:1], *gaz, *unk]
        far = [*identity[:1], *classes[:1], *gaz]
        if self.clusters is not None:
            ids = self.clusters.features(n)
            if "clusters" in options:
                own += ids
            if "clusters-window" in options:
                near += ids[:2]
            if "clusters-window2" in options:
                far += ids[1:2] if len(ids) > 1 else ids
        if self.contexts is not None:
            own += self.contexts.features(n)
        if "usage-window" in options:
            near += use
        if shape == "ar" and "ctx-affixes" in options:
            near += ["p2=" + n[:2], "s2=" + n[-2:]]
        offsets = OFFSETS if "window2" in options else (-1, 1)
        known_at = self._known_at
        if known_at is None:
            ctx = {offset: [f"{offset}:{f}" for f in (near if abs(offset) == 1 else far)] for offset in offsets}
        else:
            keep = self.attributes or frozenset()
            own = [f for f in own if f in keep]
            ctx = {}
            for offset in offsets:
                at_offset = known_at[offset]
                ctx[offset] = [at_offset[f] for f in (near if abs(offset) == 1 else far) if f in at_offset]
        starts = self.gazetteer.multi_starts(n) if "gazetteer" in options else ()
        word = _Word(n, base, own, ctx, starts, cats)
        if "cue-usage" in options:
            word.usage = next((f[len("art=") :] for f in use if f.startswith("art=")), "")
        if "neural" in options:
            word.neural = ("sh=" + shape, "pre=" + prefix, *gaz[: len(cats)], *use)
        return word


def distinct_sentences(sentences: Sequence[Sequence[str]]) -> list[bool]:
    """For each sentence, whether it is the first of its copies in the document.

    Document-level counts skip the later copies: repeating a text (pasting
    an article twice) must not change what the document says about a word.
    """
    seen: set[tuple[str, ...]] = set()
    first: list[bool] = []
    for sentence in sentences:
        key = tuple(sentence)
        first.append(key not in seen)
        seen.add(key)
    return first


def _shape(token: str) -> str:
    """``ar`` Arabic word, ``num`` digits, ``lat`` Latin, ``punct``, or ``mix``."""
    if all(c in _DIGITS or c in ".,٫٬" for c in token) and any(c in _DIGITS for c in token):
        return "num"
    if all("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in token):
        return "ar"
    if token.isascii() and token.isalpha():
        return "lat"
    if not any(c.isalnum() for c in token):
        return "punct"
    return "mix"
