"""Analysis → one self-contained HTML page (markup comes from ``templates.py``).

The page shows the article's paragraphs with every mention wrapped in one
element, a color legend, and an entity index grouped by type. Ids make every
part linkable and match the JSON export's positions:

- mention ``i`` of ``Analysis.mentions`` is ``<a class="ent ent-TYPE" id="m{i}"
  href="#ANCHOR" data-type="TYPE" data-entity="ENTITY-ID">`` — the highlight
  and the link back to its index entry in one element; a mention the reader
  corrected, or their lexicon tagged, also has ``data-source="correction"``
  (or ``"lexicon"``) and a dashed underline;
- an entity is ``<li class="entity" id="ANCHOR">``, its name linking to the
  first mention, numbers 1 2 3 … to each mention. ``ANCHOR`` is
  ``document.anchor_id(entity id)`` (``e-b15ec17deb``): like the id, it
  names the entity, not its position, so a link to it stays valid when the
  article changes elsewhere.

All text (article, title, names, variants, ids) goes through ``html.escape``;
the text itself is never altered: ``<script>`` in an article is shown as text.

Bidi controls cannot deceive (a file named ``\u202egnp.exe`` must not read
"exe.png", a figure 3500 must not read 0053): each embedding, override or
isolate (U+202A–U+202E, U+2066–U+2069) is shown as a small label such as
``RLO`` instead of being written out, so the page contains none of them; every
paragraph, and every mention that stands as its own word, is isolated
(``unicode-bidi: isolate``) so nothing reorders across its edges.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from html import escape
from pathlib import PurePath

from reader.arabic import TATWEEL
from reader.document import Analysis, Entity, Mention, anchor_id
from reader.entity_types import STYLES, TYPE_ORDER, EntityType
from reader.export import templates
from reader.export.direction import text_direction
from reader.export.errors import require_valid
from reader.invisible import has_controls, show_controls, split_controls

# A paragraph break: a newline followed by one or more blank (whitespace-only) lines.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")


def render_html(analysis: Analysis) -> str:
    """The complete HTML document for ``analysis`` (ExportError if it is inconsistent)."""
    require_valid(analysis)
    source = analysis.source
    direction = text_direction(source.text)
    lang = "ar" if direction == "rtl" else "en"
    strings = templates.STRINGS[lang]
    labels = {t: (STYLES[t].label_ar if lang == "ar" else STYLES[t].label_en) for t in TYPE_ORDER}

    # First entity with an id wins: ids should be unique, duplicates must not break links.
    anchors = {entity.id: anchor_id(entity.id) for entity in analysis.entities}
    entities = {entity.id: entity for entity in reversed(analysis.entities)}

    title = source.title or source.display_name or strings["untitled"]
    return templates.PAGE.substitute(
        lang=lang,
        dir=direction,
        title=_attribute(title),
        css=templates.CSS.substitute(fonts=templates.FONTS[direction]),
        type_css=templates.type_css({t.value: STYLES[t] for t in TYPE_ORDER}),
        extra_css="",
        legend_label=escape(strings["legend"]),
        legend_items=render_legend(analysis, labels),
        index_label=escape(strings["index"]),
        article=render_article(analysis, anchors, entities, labels),
        index_sections=render_index(analysis, labels, strings),
        meta=render_meta(analysis, strings, lang),
    )


def paragraph_ranges(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph: ``text`` split at blank lines.

    A break that falls inside a mention is not a break (the mention must stay
    one element). Whitespace at a paragraph's edges is left out unless a
    mention covers it; paragraphs of only whitespace are dropped.

    >>> paragraph_ranges("عنوان\\n\\nفقرة أولى\\nسطر ثان\\n", [])
    [(0, 5), (7, 24)]
    """
    starts = [m.start for m in mentions]

    def mentions_between(lo: int, hi: int) -> list[Mention]:
        first = bisect_left(starts, lo)
        # the mention just before `first` may start before lo and still reach into [lo, hi)
        if first > 0 and mentions[first - 1].end > lo:
            first -= 1
        return [m for m in mentions[first : bisect_left(starts, hi)] if m.end > lo]

    ranges: list[tuple[int, int]] = []

    def add(lo: int, hi: int) -> None:
        inside = mentions_between(lo, hi)
        segment = text[lo:hi]
        start = lo + len(segment) - len(segment.lstrip())
        end = lo + len(segment.rstrip())
        if inside:
            start, end = min(start, inside[0].start), max(end, inside[-1].end)
        if start < end:
            ranges.append((start, end))

    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if mentions_between(match.start(), match.end()):
            continue
        add(start, match.start())
        start = match.end()
    add(start, len(text))
    return ranges


def render_article(
    analysis: Analysis,
    anchors: dict[str, str],
    entities: dict[str, Entity],
    labels: dict[EntityType, str],
) -> str:
    """The article's paragraphs as ``<p>`` elements with mentions wrapped.

    If the source has a title and the first paragraph is that title, the
    paragraph itself is marked as the heading (no second copy of the title);
    otherwise the title is an ``<h1>`` above the text.
    """
    source, mentions = analysis.source, analysis.mentions
    text = source.text
    ranges = paragraph_ranges(text, mentions)
    blocks: list[str] = []
    headline = bool(source.title and ranges) and (
        text[ranges[0][0] : ranges[0][1]].strip() == (source.title or "").strip()
    )
    if source.title and not headline:
        blocks.append(f"<h1>{_content(source.title)}</h1>")
    render_mention = _MentionRenderer(text, anchors, entities, labels)
    index = 0  # next mention to place; mentions are sorted, paragraphs too
    for number, (start, end) in enumerate(ranges):
        parts: list[str] = []
        position = start
        while index < len(mentions) and mentions[index].start < end:
            mention = mentions[index]
            parts.append(_text(text[position : mention.start]))
            parts.append(render_mention(index, mention))
            position = mention.end
            index += 1
        parts.append(_text(text[position:end]))
        opening = '<p class="headline" role="heading" aria-level="1">' if headline and number == 0 else "<p>"
        blocks.append(opening + "".join(parts) + "</p>")
    return "\n".join(blocks)


def _text(segment: str) -> str:
    """Escaped article text; a single newline becomes a line break (and stays text)."""
    return _content(segment).replace("\n", "<br>\n")


def _content(text: str) -> str:
    """Escaped text for element content, bidi controls shown as labels."""
    if not has_controls(text):
        return escape(text)
    return "".join(
        escape(run)
        if control is None
        else templates.CONTROL.format(abbreviation=control.abbreviation, description=control.description)
        for run, control in split_controls(text)
    )


def _attribute(text: str) -> str:
    """Escaped text for an attribute or the page title (no markup): ``‹RLO›`` labels."""
    return escape(show_controls(text))


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` begins or ends in the middle of a word (بـ|الموصل)."""
    return (start > 0 and _is_word_character(text[start - 1])) or (end < len(text) and _is_word_character(text[end]))


def _is_word_character(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN" or char == TATWEEL  # letters, marks, digits, tatweel


class _MentionRenderer:
    """Mention → its one element. Attributes shared by an entity's mentions
    (escaped id, anchor, tooltip) are built once per entity and type: a long
    article has hundreds of thousands of mentions but few entities."""

    def __init__(
        self,
        text: str,
        anchors: dict[str, str],
        entities: dict[str, Entity],
        labels: dict[EntityType, str],
    ) -> None:
        self.text, self.anchors, self.entities, self.labels = text, anchors, entities, labels
        self.attributes: dict[tuple[str, EntityType], dict[str, str]] = {}

    def __call__(self, index: int, mention: Mention) -> str:
        key = (mention.entity, mention.type)
        attributes = self.attributes.get(key)
        if attributes is None:
            attributes = self.attributes[key] = self._attributes(*key)
        # The shown text is the source slice, never Mention.text: the page shows the source.
        text = _text(self.text[mention.start : mention.end])
        template = templates.MENTION if "anchor" in attributes else templates.MENTION_UNLINKED
        iso = "" if _inside_word(self.text, mention.start, mention.end) else " iso"
        source = "" if mention.source == "model" else templates.SOURCE_ATTRIBUTE.format(source=escape(mention.source))
        return template.format(id=f"m{index}", text=text, iso=iso, source=source, **attributes)

    def _attributes(self, entity_id: str, entity_type: EntityType) -> dict[str, str]:
        attributes = {"type": escape(EntityType(entity_type).value), "entity": _attribute(entity_id)}
        anchor = self.anchors.get(entity_id)
        if anchor is not None:
            name = self.entities[entity_id].name
            attributes["anchor"] = anchor
            attributes["tooltip"] = _attribute(f"{self.labels[EntityType(entity_type)]}: {name}")
        return attributes


def render_legend(analysis: Analysis, labels: dict[EntityType, str]) -> str:
    """One legend item per type, in TYPE_ORDER, with its mention count."""
    counts = analysis.counts()
    return "\n".join(
        templates.LEGEND_ITEM.format(type=t.value, label=escape(labels[t]), count=counts[t]) for t in TYPE_ORDER
    )


def render_index(analysis: Analysis, labels: dict[EntityType, str], strings: dict[str, str]) -> str:
    """The entity index: a section per type present, an entry per entity."""
    sections: list[str] = []
    for entity_type in TYPE_ORDER:
        items = [_index_entry(entity, strings) for entity in analysis.entities if entity.type is entity_type]
        if not items:
            continue
        count = sum(e.count for e in analysis.entities if e.type is entity_type)
        sections.append(
            templates.INDEX_SECTION.format(
                type=entity_type.value,
                label=escape(labels[entity_type]),
                count=count,
                items="\n".join(items),
            )
        )
    return "\n".join(sections) or f"<p>{escape(strings['empty_index'])}</p>"


def _index_entry(entity: Entity, strings: dict[str, str]) -> str:
    name = _content(entity.name)
    if entity.mentions:
        name_html = f'<a class="entity-name" href="#m{entity.mentions[0]}">{name}</a>'
    else:
        name_html = f'<span class="entity-name">{name}</span>'
    links = " ".join(f'<a href="#m{i}">{n}</a>' for n, i in enumerate(entity.mentions, start=1))
    others = [v for v in entity.variants if v != entity.name]
    variants = (
        templates.VARIANTS.format(
            label=escape(strings["variants"]),
            variants=_content(strings["list_separator"].join(others)),
        )
        if others
        else ""
    )
    return templates.INDEX_ENTRY.format(
        anchor=anchor_id(entity.id),
        type=escape(EntityType(entity.type).value),
        entity=_attribute(entity.id),
        count=entity.count,
        name_html=name_html,
        mentions_label=escape(strings["mentions"]),
        mention_links=links,
        variants=variants,
    )


def render_meta(analysis: Analysis, strings: dict[str, str], lang: str = "en") -> str:
    """The footer line: source file name and recognizer, when known (its name in the page's ``lang``)."""
    parts = []
    if analysis.source.path:
        name = PurePath(analysis.source.path).name
        parts.append(f"{escape(strings['source'])}: {_content(name)}")
    if analysis.recognizer:
        name = analysis.recognizer
        if lang == "ar":
            name = templates.RECOGNIZER_NAMES_AR.get(name, name)
        parts.append(f"{escape(strings['recognizer'])}: {escape(name)}")
    return " · ".join(parts)
