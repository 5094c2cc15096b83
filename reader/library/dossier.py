"""One entity's dossier: every article and sentence of the library naming it, as one HTML page.

    write_dossier(library, library.resolve("العبادي"), "abadi.html")
    # abadi.html, and abadi_articles/ with each article's highlighted export

The page lists the entity's numbers, spellings and the entities sharing its
sentences, then each article (oldest first) with every sentence naming the
entity, the mention highlighted and linked to the same mention in that
article's own highlighted export (``reader.export``, ``#m<i>`` anchors).
It is built from the export's stylesheet and colors and escapes all text
the same way; like the export, it loads nothing from outside.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

from reader.entity_types import STYLES, TYPE_ORDER, EntityType
from reader.export import export, templates
from reader.export.direction import text_direction
from reader.io import check_writable, write_atomic
from reader.library.queries import ArticleHits, ArticleSummary, EntitySummary, Hit, Library

#: Entities listed as sharing sentences with the dossier's entity.
RELATED_SHOWN = 20

_STRINGS = {
    "ar": {
        "dossier": "ملف",
        "summary": "{articles} مقالة، {mentions} موضع ورود، من {first} إلى {last}",
        "variants": "الصيغ",
        "related": "يَرِد معه في الجمل نفسها",
        "shared": "{sentences} جملة في {articles} مقالة",
        "file_date": "تاريخ الملف",
        "open": "المقالة كاملة",
        "separator": "، ",
    },
    "en": {
        "dossier": "Dossier",
        "summary": "{articles} articles, {mentions} mentions, {first} to {last}",
        "variants": "Forms",
        "related": "Appears in the same sentences as",
        "shared": "{sentences} sentences in {articles} articles",
        "file_date": "file date",
        "open": "whole article",
        "separator": ", ",
    },
}


def write_dossier(
    library: Library, entities: Sequence[EntitySummary], path: str | os.PathLike[str], *, overwrite: bool = True
) -> int:
    """Write the dossier of ``entities`` to ``path`` and each article's export beside it; the number of articles.

    The exports go to the folder ``<name>_articles`` next to the page, named
    by article. Raises ``reader.io.WriteError`` or ``reader.export.ExportError``
    (one line) when something cannot be written; without ``overwrite``, an
    existing page is ``TargetExistsError`` before anything is written.
    """
    page = Path(path)
    check_writable(page, overwrite=overwrite)
    folder = page.with_name(page.stem + "_articles")
    found = library.find(entities)
    links: dict[int, str] = {}
    anchors: dict[int, dict[int, int]] = {}
    if found:
        folder.mkdir(exist_ok=True)
    for hits in found:
        analysis = library.article_analysis(hits.article.id)
        name = _export_name(hits.article)
        export(analysis, folder / name, overwrite=True)  # the page's own folder, written with it
        links[hits.article.id] = f"{quote(folder.name)}/{quote(name)}"
        anchors[hits.article.id] = {m.start: i for i, m in enumerate(analysis.mentions)}

    def link(article: ArticleSummary, hit: Hit | None) -> str | None:
        base = links.get(article.id)
        if base is None or hit is None:
            return base
        index = anchors[article.id].get(hit.start)
        return base if index is None else f"{base}#m{index}"

    write_atomic(page, render_dossier(library, entities, found, link), overwrite=overwrite)
    return len(found)


def render_dossier(
    library: Library,
    entities: Sequence[EntitySummary],
    found: Sequence[ArticleHits] | None = None,
    link: Callable[[ArticleSummary, Hit | None], str | None] = lambda article, hit: None,
) -> str:
    """The dossier page; ``link(article, hit)`` gives the href of an article (hit None) or of a mention."""
    if not entities:
        raise ValueError("a dossier needs an entity")
    main = entities[0]
    found = library.find(entities) if found is None else found
    direction = text_direction(main.name)
    lang = "ar" if direction == "rtl" else "en"
    strings = _STRINGS[lang]
    label = STYLES[main.type].label_ar if lang == "ar" else STYLES[main.type].label_en
    dates = [hits.article.date for hits in found]
    summary = strings["summary"].format(
        articles=len(found),
        mentions=sum(len(h.hits) for h in found),
        first=min(dates, default="—"),
        last=max(dates, default="—"),
    )
    variants = sorted({v for e in entities for v in e.variants})
    return templates.DOSSIER.substitute(
        lang=lang,
        dir=direction,
        title=escape(f"{strings['dossier']}: {main.name}"),
        css=templates.CSS.substitute(fonts=templates.FONTS[direction]),
        type_css=templates.type_css({t.value: STYLES[t] for t in TYPE_ORDER}),
        extra_css=templates.DOSSIER_CSS,
        heading=(
            f'<span class="ent ent-{main.type.value}" data-type="{main.type.value}">{escape(main.name)}</span>'
            f' <span class="count">({escape(label)})</span>'
        ),
        summary=escape(summary),
        variants=(
            f'<p class="variants">{escape(strings["variants"])}: {escape(strings["separator"].join(variants))}</p>'
            if variants
            else ""
        ),
        related=_related(library, entities, strings),
        articles="\n".join(_article(library, hits, main.type, strings, link) for hits in found),
    )


def _related(library: Library, entities: Sequence[EntitySummary], strings: dict[str, str]) -> str:
    related = library.related(entities, limit=RELATED_SHOWN)
    if not related:
        return ""
    items = "\n".join(
        f'<li><span class="ent ent-{r.entity.type.value}" data-type="{r.entity.type.value}">{escape(r.entity.name)}</span>'
        f' <span class="count">({escape(strings["shared"].format(sentences=r.sentences, articles=r.articles))})</span></li>'
        for r in related
    )
    return f'<h2>{escape(strings["related"])}</h2>\n<ul class="related">\n{items}\n</ul>'


def _article(
    library: Library,
    hits: ArticleHits,
    kind: EntityType,
    strings: dict[str, str],
    link: Callable[[ArticleSummary, Hit | None], str | None],
) -> str:
    article = hits.article
    text = library.article_text(article.id)
    href = link(article, None)
    title = escape(article.title or Path(article.path).name)
    heading = f'<a href="{escape(href)}">{title}</a>' if href else title
    date = escape(article.date if article.date_stated else f"{article.date} ({strings['file_date']})")
    items = []
    for start, end, inside in _sentences(text, hits.hits):
        parts, position = [], start
        for hit in inside:
            parts.append(escape(text[position : hit.start]))
            target = link(article, hit)
            attributes = f'class="ent ent-{kind.value}" data-type="{kind.value}"'
            if target:
                attributes += f' href="{escape(target)}"'
            parts.append(f"<a {attributes}>{escape(text[hit.start : hit.end])}</a>")
            position = hit.end
        parts.append(escape(text[position:end]))
        items.append("<li>" + "".join(parts).replace("\n", " ") + "</li>")
    return (
        f'<section class="dossier-article">\n<h2>{heading}</h2>\n'
        f'<p class="where">{date} · {escape(article.path)}</p>\n'
        f'<ol class="sentences">\n' + "\n".join(items) + "\n</ol>\n</section>"
    )


def _sentences(text: str, hits: Sequence[Hit]) -> list[tuple[int, int, list[Hit]]]:
    """The sentences of ``text`` holding ``hits``: ``(start, end, hits inside)``, in order."""
    from reader.analysis.tokens import sentence_spans

    ranges = sentence_spans(text)
    starts = [start for start, _ in ranges]
    grouped: dict[int, list[Hit]] = {}
    for hit in hits:
        index = max(0, bisect_right(starts, hit.start) - 1)
        grouped.setdefault(index, []).append(hit)
    result = []
    for index in sorted(grouped):
        start, end = ranges[index]
        inside = grouped[index]
        result.append((min(start, inside[0].start), max(end, inside[-1].end), inside))
    return result


def _export_name(article: ArticleSummary) -> str:
    """A file name for an article's export: its id and a safe form of its file name."""
    stem = re.sub(r"[^\w.-]+", "-", Path(article.path).stem).strip("-.")[:60] or "article"
    return f"{article.id:06d}-{stem}.html"
