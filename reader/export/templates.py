"""Markup and style of the HTML export: the page skeleton, the CSS, the labels.

Only templates live here; ``html.py`` fills them. Every value substituted into
a template is already escaped by the caller. The page and the CSS are
``string.Template``s (CSS is full of braces); the small per-item templates are
``str.format`` strings. The page loads nothing from
outside (no fonts, stylesheets, scripts or images) and a Content-Security-Policy
forbids it, so the file looks the same opened from disk without a network and
stays inert even if some text were ever left unescaped.
"""

from __future__ import annotations

from string import Template

from reader.entity_types import TypeStyle

# The head every page shares: ``$lang``/``$dir`` come from the text's direction,
# ``$type_css`` from STYLES, ``$extra_css`` is a page's own rules.
_HEAD = """\
<!doctype html>
<html lang="$lang" dir="$dir">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="arabic-reader">
<title>$title</title>
<style>
$css
$type_css
$extra_css</style>
</head>
"""

PAGE = Template(
    _HEAD
    + """\
<body>
<nav class="legend" aria-label="$legend_label">
<ul>
$legend_items
</ul>
<a class="to-index" href="#index">$index_label</a>
</nav>
<main>
<article class="text">
$article
</article>
</main>
<section class="index" id="index" aria-labelledby="index-heading">
<h2 id="index-heading">$index_label</h2>
$index_sections
</section>
<footer class="meta">
$meta
</footer>
</body>
</html>
"""
)

# One entity across a library (reader.library.dossier): its numbers, spellings and
# companions, then every article and sentence naming it.
DOSSIER = Template(
    _HEAD
    + """\
<body>
<main>
<h1>$heading</h1>
<p class="summary">$summary</p>
$variants
$related
$articles
</main>
</body>
</html>
"""
)

DOSSIER_CSS = """\
.summary { color: var(--muted); }
.dossier-article { border-block-start: 1px solid var(--rule); margin-block-start: 1.5em; }
.dossier-article h2 { font-size: 1.15em; margin-block: 0.8em 0.2em; }
.dossier-article .where { color: var(--muted); font-size: 0.8em; }
.sentences { padding-inline-start: 1.2em; }
.sentences li { margin-block: 0.4em; }
.related li { display: inline; margin-inline-end: 1em; }
"""

# Item templates are str.format strings: there is one per mention, so they sit
# on the hot path (str.format is several times faster than Template), and
# unlike the CSS they contain no braces of their own.
LEGEND_ITEM = (
    '<li data-type="{type}"><span class="swatch" aria-hidden="true"></span>'
    '{label} <span class="count" data-count="{count}">{count}</span></li>'
)

INDEX_SECTION = """\
<section class="index-type" id="index-{type}" data-type="{type}" data-count="{count}">
<h3><span class="swatch" aria-hidden="true"></span>{label} <span class="count">{count}</span></h3>
<ol>
{items}
</ol>
</section>"""

# The name links to the first mention; the numbers link to every mention in order.
INDEX_ENTRY = (
    '<li class="entity" id="{anchor}" data-type="{type}" data-entity="{entity}" data-count="{count}">'
    '{name_html} <span class="count">({count})</span> '
    '<span class="mention-links" aria-label="{mentions_label}">{mention_links}</span>'
    "{variants}</li>"
)

VARIANTS = ' <span class="variants">{label}: {variants}</span>'

# One element per mention: the highlight and the link back to its index entry.
# ``source`` is empty for the model's mentions, else ` data-source="correction"` or "lexicon".
MENTION = (
    '<a class="ent ent-{type}{iso}" id="{id}" href="#{anchor}" data-type="{type}" '
    'data-entity="{entity}"{source} title="{tooltip}">{text}</a>'
)

# A mention whose entity is missing from the index: still one element, no link.
MENTION_UNLINKED = (
    '<a class="ent ent-{type}{iso}" id="{id}" data-type="{type}" data-entity="{entity}"{source}>{text}</a>'
)
SOURCE_ATTRIBUTE = ' data-source="{source}"'

# A bidi control of the article (reader.invisible.CONTROLS), shown as its label
# instead of being obeyed: ‹RLO›gnp.exe‹PDF› cannot pass for "exe.png".
CONTROL = '<span class="ctl" title="{description}">{abbreviation}</span>'

# Labels in the page's language, which follows the text's direction.
STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        "legend": "دليل الألوان",
        "index": "فهرس الكيانات",
        "mentions": "مواضع الورود",
        "variants": "الصيغ",
        "source": "المصدر",
        "recognizer": "أداة التعرّف",
        "untitled": "مقالة بلا عنوان",
        "list_separator": "، ",
        "empty_index": "لم يُعثر على كيانات.",
    },
    "en": {
        "legend": "Color legend",
        "index": "Entity index",
        "mentions": "Occurrences",
        "variants": "Forms",
        "source": "Source",
        "recognizer": "Recognizer",
        "untitled": "Untitled article",
        "list_separator": ", ",
        "empty_index": "No entities found.",
    },
}

# The recognizers' names (``Analysis.recognizer``) in an Arabic page: the offline
# model's (``reader.analysis.recognizer.OFFLINE_MODEL_LABELS``, as the window
# says them); any other name is shown as it is.
RECOGNIZER_NAMES_AR: dict[str, str] = {
    "offline model (CRF + BiLSTM)": "النموذج المحلي (CRF + BiLSTM)",
    "offline model (CRF)": "النموذج المحلي (CRF)",
    "offline model (CRF + BiLSTM, with your corrections)": "النموذج المحلي (CRF + BiLSTM، مع تصحيحاتك)",
    "offline model (CRF, with your corrections)": "النموذج المحلي (CRF، مع تصحيحاتك)",
}

FONTS = {
    # System fonts only: nothing is downloaded. Naskh faces first for Arabic text.
    "rtl": '"Noto Naskh Arabic", "Amiri", "Scheherazade New", "Segoe UI", '
    '"Geeza Pro", "Arabic Typesetting", "Noto Sans Arabic", "DejaVu Sans", serif',
    "ltr": 'Georgia, "Noto Serif", "DejaVu Serif", "Times New Roman", "Noto Naskh Arabic", "Segoe UI", serif',
}

# Logical properties (inline-start, block-end) so one stylesheet serves rtl and ltr.
CSS = Template(
    """\
:root { color-scheme: light dark; --page: #fdfdfb; --ink: #1d1d1b; --muted: #5f5f5a; --rule: #d8d8d2; }
* { box-sizing: border-box; }
html { background: var(--page); color: var(--ink); }
body {
  font-family: $fonts;
  font-size: 1.2rem; line-height: 1.9;
  max-width: 42em; margin: 0 auto; padding: 1.5em 1.25em 4em;
}
h1, h2, h3 { line-height: 1.4; }
h1, .headline { font-size: 1.6em; font-weight: bold; margin-block: 0.6em; line-height: 1.5; }
article p { margin-block: 0 1em; unicode-bidi: isolate; }
a { color: inherit; }
/* The highlight: background tint plus a colored underline. No padding, margin,
   border or inline-block here: any of those would cut the text run and break
   Arabic joining when a mention starts or ends inside a word (بـ|الموصل). */
.ent {
  background-color: var(--tint);
  text-decoration-line: underline;
  text-decoration-color: var(--c);
  text-decoration-thickness: 0.12em;
  text-underline-offset: 0.3em;
  text-decoration-skip-ink: none;
}
/* A mention standing as its own word is isolated: nothing around it can
   reorder it, nor it its neighbours. One that starts or ends inside a word
   (بـ|الموصل) is not: isolation would split the word and break its joining. */
.ent.iso { unicode-bidi: isolate; }
/* A bidi control, shown as a label (as editors show control characters). */
.ctl {
  unicode-bidi: isolate; direction: ltr;
  font: 0.6em/1 ui-monospace, "DejaVu Sans Mono", monospace; vertical-align: 0.25em;
  color: var(--muted); border: 1px solid var(--rule); border-radius: 0.25em;
  padding-inline: 0.15em; margin-inline: 0.05em;
}
.ent:hover, .ent:focus-visible { text-decoration-thickness: 0.22em; }
/* The reader's own corrections and lexicon: a dashed underline, same color. */
.ent[data-source] { text-decoration-style: dashed; }
.ent:target, .entity:target { outline: 0.15em solid var(--c); outline-offset: 0.1em; }
.swatch {
  display: inline-block; width: 0.9em; height: 0.9em; border-radius: 0.2em;
  background: var(--c); margin-inline-end: 0.35em; vertical-align: -0.1em;
}
.legend {
  display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3em 1.2em;
  font-size: 0.85em; border-block-end: 1px solid var(--rule); padding-block-end: 0.4em;
  margin-block-end: 1.5em;
}
.legend ul { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; list-style: none; margin: 0; padding: 0; }
.legend .count, .index .count { color: var(--muted); font-size: 0.85em; }
.legend .to-index { margin-inline-start: auto; }
.index { border-block-start: 2px solid var(--rule); margin-block-start: 2.5em; }
.index h2 { font-size: 1.3em; }
.index h3 { font-size: 1.05em; margin-block: 1.2em 0.3em; }
.index ol { margin: 0; padding-inline-start: 1.6em; }
.entity-name { font-weight: bold; text-decoration-color: var(--c); }
.mention-links { margin-inline-start: 0.5em; }
.mention-links a { font-size: 0.8em; padding-inline: 0.2em; color: var(--muted); }
.variants { color: var(--muted); font-size: 0.85em; margin-inline-start: 0.5em; }
.variants::before { content: "· "; }
.meta { color: var(--muted); font-size: 0.8em; margin-block-start: 2em; }
@media (prefers-color-scheme: dark) {
  :root { --page: #1b1c1e; --ink: #e6e4df; --muted: #a5a39d; --rule: #3b3c3f; }
}
@media print {
  :root { --page: #fff; --ink: #000; --muted: #444; }
  body { max-width: none; font-size: 12pt; padding: 0; }
  /* Backgrounds are dropped when printing; the colored underline carries the type. */
  .ent { background: none; text-decoration-thickness: 2px; }
  .ent, .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { text-decoration: none; }  /* .ent is more specific and keeps its underline */
  .to-index { display: none; }
  .index { break-before: page; border: none; }
  .ent:target, .entity:target { outline: none; }
}
"""
)

TYPE_RULE = Template('[data-type="$type"] { --c: $color; --tint: $tint; }')


def type_css(type_styles: dict[str, TypeStyle]) -> str:
    """Per-type color variables: light tints by default, dark tints in dark mode.

    ``type_styles`` maps the contract string (``"person"``) to its TypeStyle.
    """
    light = [TYPE_RULE.substitute(type=name, color=s.color, tint=s.tint_light) for name, s in type_styles.items()]
    dark = ["  " + TYPE_RULE.substitute(type=name, color=s.color, tint=s.tint_dark) for name, s in type_styles.items()]
    return "\n".join([*light, "@media (prefers-color-scheme: dark) {", *dark, "}"])
