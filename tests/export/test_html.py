"""The HTML export, parsed back: one element per mention, index, links, escaping."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.document import Analysis
from reader.entity_types import STYLES, TYPE_ORDER, EntityType
from reader.export import render_html
from reader.export.html import paragraph_ranges

from .builders import F, L, O, P, annotate, build
from .conftest import parse

# Every element the page may contain: anything else came from the article.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "nav", "ul", "li", "span", "a",
    "main", "article", "h1", "p", "br", "section", "h2", "h3", "ol", "footer",
}  # fmt: skip


def mention_elements(page):
    return page.select("article [data-type]")


# --- structure ----------------------------------------------------------------------------


def test_document_is_arabic_right_to_left_utf8(sample_page):
    html = sample_page.find("html")
    assert (html["lang"], html["dir"]) == ("ar", "rtl")
    assert sample_page.find("meta", charset=True)["charset"] == "utf-8"
    assert str(sample_page).lower().startswith("<!doctype html>")


def test_one_element_per_mention_with_type_entity_and_text(sample, sample_page):
    elements = mention_elements(sample_page)
    assert len(elements) == len(sample.mentions) > 30
    for index, (element, mention) in enumerate(zip(elements, sample.mentions, strict=True)):
        assert element["id"] == f"m{index}"
        assert element["data-type"] == mention.type.value
        assert element["data-entity"] == mention.entity
        assert element.get_text() == sample.source.text[mention.start : mention.end]
        assert "ent" in element["class"] and f"ent-{mention.type.value}" in element["class"]
        assert element.find(attrs={"data-type": True}) is None  # never nested


def test_mention_inside_a_word_leaves_the_clitic_outside(sample_page):
    # بالموصل with only الموصل marked: the ب is text right before the element.
    inside = [e for e in mention_elements(sample_page) if str(e.previous_sibling or "").endswith("ب")]
    assert {e.get_text() for e in inside} == {"الموصل", "بغداد"}


def test_title_is_the_first_paragraph_marked_as_heading(sample, sample_page):
    assert sample_page.title.get_text() == sample.source.title
    assert sample_page.find("h1") is None  # not shown twice
    headline = sample_page.select_one("article p.headline")
    assert headline is sample_page.select_one("article p")
    assert headline.get_text() == sample.source.title
    assert headline["role"] == "heading"


def test_a_title_not_in_the_text_is_an_h1_and_no_title_means_the_file_name():
    text = "قال العبادي إن المعركة تقترب من نهايتها."
    titled = parse(annotate(text, [("العبادي", P, "العبادي")], title="عنوان <المقال>"))
    assert titled.find("h1").get_text() == "عنوان <المقال>"
    assert titled.title.get_text() == "عنوان <المقال>"
    untitled = parse(annotate(text, [], path="/tmp/أخبار.txt"))
    assert untitled.find("h1") is None
    assert untitled.title.get_text() == "أخبار.txt"
    assert "أخبار.txt" in untitled.find("footer").get_text()


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    text = "\n\nالفقرة الأولى\nسطرها الثاني\n\n  \n\nالفقرة الثانية\n\n"
    page = parse(annotate(text, [("الثانية", L, "x")]))
    paragraphs = page.select("article p")
    assert [p.get_text() for p in paragraphs] == ["الفقرة الأولى\nسطرها الثاني", "الفقرة الثانية"]
    assert len(paragraphs[0].find_all("br")) == 1


def test_a_mention_across_a_blank_line_keeps_its_paragraphs_together():
    text = "أول\n\nثان\n\nثالث"
    analysis = build(text, [(0, 8, L, "أول ثان")])  # "أول\n\nثان"
    page = parse(analysis)
    assert [p.get_text() for p in page.select("article p")] == ["أول\n\nثان", "ثالث"]
    assert mention_elements(page)[0].get_text() == "أول\n\nثان"


def test_paragraph_ranges_trim_whitespace_but_never_a_mention():
    text = "  مقدمة  \n\n \t "
    assert paragraph_ranges(text, []) == [(2, 7)]
    whitespace_mention = build(text, [(12, 14, F, "?")])
    assert paragraph_ranges(text, whitespace_mention.mentions) == [(2, 7), (12, 14)]


# --- legend, index and links --------------------------------------------------------------


def test_legend_lists_every_type_with_its_mention_count(sample, sample_page):
    items = sample_page.select("nav.legend li[data-type]")
    assert [li["data-type"] for li in items] == [t.value for t in TYPE_ORDER]
    counts = sample.counts()
    for li, entity_type in zip(items, TYPE_ORDER, strict=True):
        assert STYLES[entity_type].label_ar in li.get_text()
        assert int(li.select_one("[data-count]")["data-count"]) == counts[entity_type]


def test_index_counts_equal_the_mentions_on_the_page(sample, sample_page):
    elements = mention_elements(sample_page)
    sections = sample_page.select("section.index-type")
    assert [s["data-type"] for s in sections] == [t.value for t in TYPE_ORDER]
    for section in sections:
        of_type = [e for e in elements if e["data-type"] == section["data-type"]]
        assert int(section["data-count"]) == len(of_type)
        assert STYLES[EntityType(section["data-type"])].label_ar in section.h3.get_text()
        assert f"{len(of_type)}" in section.h3.select_one(".count").get_text()
    entries = sample_page.select("li.entity")
    assert len(entries) == len(sample.entities)
    for entry in entries:
        mine = [e for e in elements if e["data-entity"] == entry["data-entity"]]
        assert int(entry["data-count"]) == len(mine) > 0
        assert entry.select_one(".count").get_text() == f"({len(mine)})"
        numbered = entry.select(".mention-links a")
        assert [a.get_text() for a in numbered] == [str(n) for n in range(1, len(mine) + 1)]
        assert [a["href"] for a in numbered] == [f"#{e['id']}" for e in mine]
        assert entry.select_one("a.entity-name")["href"] == f"#{mine[0]['id']}"


def test_variants_are_listed_beside_the_name(sample_page):
    abadi = sample_page.select_one('li.entity[data-entity="E0"]')
    assert abadi.select_one(".entity-name").get_text() == "حيدر العبادي"
    assert "العبادي" in abadi.select_one(".variants").get_text()


def test_every_link_resolves_and_ids_are_unique(sample_page):
    ids = [tag["id"] for tag in sample_page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    hrefs = [a["href"] for a in sample_page.find_all("a", href=True)]
    assert len(hrefs) > 2 * 37
    assert all(h.startswith("#") and h[1:] in ids for h in hrefs), hrefs


def test_each_mention_links_back_to_its_own_index_entry(sample_page):
    for element in mention_elements(sample_page):
        target = sample_page.find(id=element["href"][1:])
        assert target.name == "li" and target["data-entity"] == element["data-entity"]


def test_an_analysis_without_entities_still_renders():
    page = parse(Analysis(annotate("نص بلا كيانات", []).source))
    assert mention_elements(page) == []
    assert page.select("section.index-type") == []
    assert page.select_one("#index p").get_text()


# --- style: colors, dark, print, nothing external -----------------------------------------


def test_colors_come_from_entity_types_with_dark_tints_for_dark_mode(sample_page):
    css = sample_page.style.get_text()
    light, _, dark = css.rpartition("@media (prefers-color-scheme: dark) {")
    assert dark, "no dark-mode block for the type colors"
    for entity_type, style in STYLES.items():
        rule = '[data-type="{}"] {{ --c: {}; --tint: {}; }}'
        assert rule.format(entity_type.value, style.color, style.tint_light) in light
        assert rule.format(entity_type.value, style.color, style.tint_dark) in dark


def test_highlight_rule_never_breaks_the_text_run(sample_page):
    # Padding, margins, borders or inline-block on the mention would cut Arabic joining.
    css = sample_page.style.get_text()
    rule = re.search(r"\n\.ent \{(.*?)\}", css, re.S).group(1)
    assert "background-color" in rule and "text-decoration-color" in rule
    assert not re.search(r"padding|margin|border|display|inline-block", rule)


def test_print_stylesheet_drops_backgrounds_and_starts_the_index_on_a_new_page(sample_page):
    css = sample_page.style.get_text()
    printed = css[css.index("@media print") :]
    assert ".ent { background: none;" in printed
    assert ".index { break-before: page;" in printed


def test_page_loads_nothing_from_outside(sample_page):
    assert sample_page.find(["script", "link", "img", "iframe", "object", "embed"]) is None
    assert not sample_page.find_all(src=True)
    css = sample_page.style.get_text()
    assert "url(" not in css and "@import" not in css
    csp = sample_page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp


# --- direction -----------------------------------------------------------------------------


def test_an_english_article_reads_left_to_right_with_english_labels():
    text = "Iraqi forces retook three districts of Mosul, said Haider al-Abadi."
    page = parse(annotate(text, [("Mosul", L, "Mosul"), ("Haider al-Abadi", P, "Haider al-Abadi")]))
    html = page.find("html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")
    assert page.select_one("#index h2").get_text() == "Entity index"
    assert [li.get_text(" ", strip=True).split()[0] for li in page.select("nav.legend li")] == [
        STYLES[t].label_en for t in TYPE_ORDER
    ]


# --- escaping ------------------------------------------------------------------------------

HOSTILE = (
    "قال المتحدث باسم المفوضية في مؤتمر صحفي عقده اليوم في المدينة القديمة "
    'قال <script>alert("x")</script> إن <img src=x onerror=alert(1)> '
    "وصل إلى \"الموصل\" ' onmouseover='alert(2) &amp; </p></article><b>"
)


def test_markup_in_the_article_title_and_names_is_shown_as_text():
    analysis = annotate(
        HOSTILE,
        [("<img src=x onerror=alert(1)>", O, '"><script>1</script>'), ('"الموصل"', L, "' onclick='x")],
        title="<title></title><script>t()</script>",
    )
    page = parse(analysis)
    assert {tag.name for tag in page.find_all(True)} <= ALLOWED_TAGS
    assert page.find("b") is None
    assert page.select_one("article p").get_text() == HOSTILE
    assert page.title.get_text() == "<title></title><script>t()</script>"
    first, second = mention_elements(page)
    assert first.get_text() == "<img src=x onerror=alert(1)>"
    assert second.get_text() == '"الموصل"'
    assert not any(a.startswith("on") for tag in page.find_all(True) for a in tag.attrs)
    entry = page.select_one('li.entity[data-type="organization"]')
    assert entry.select_one(".entity-name").get_text() == '"><script>1</script>'
    assert second["title"] == "أماكن: ' onclick='x"


# Markup characters, Arabic letters (joining and not), digits, Latin, spaces and newlines.
# No NUL or CR: Source.text never has CR (line ends are unified) and no HTML can carry NUL.
ALPHABET = "<>&\"'=/;!- \n\tابتلمنهوىيءآأإةـًٌabcXYZ0123456789٠١٢٣"
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=80)
names = st.text(alphabet=ALPHABET, min_size=1, max_size=12)


@st.composite
def analyses(draw) -> Analysis:
    text = draw(texts)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=12))))
    spans = []
    for start, end in itertools.pairwise(cuts):
        if draw(st.booleans()):
            spans.append((start, end, draw(st.sampled_from(TYPE_ORDER)), draw(names)))
    title = draw(st.none() | names)
    return build(text, spans, title=title, path=draw(st.none() | st.just("/x/<a>&'.txt")))


def _without_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analyses())
def test_random_text_with_markup_characters_round_trips_as_text(analysis):
    page = parse(analysis)
    assert {tag.name for tag in page.find_all(True)} <= ALLOWED_TAGS
    text = analysis.source.text
    elements = mention_elements(page)
    assert len(elements) == len(analysis.mentions)
    for index, (element, mention) in enumerate(zip(elements, analysis.mentions, strict=True)):
        assert (element["id"], element["data-entity"]) == (f"m{index}", mention.entity)
        assert element.get_text() == text[mention.start : mention.end]
    for heading in page.select("article h1"):
        assert heading.get_text() == analysis.source.title
        heading.decompose()
    article = page.find("article")
    assert _without_whitespace(article.get_text()) == _without_whitespace(text)
    names_shown = [e.get_text() for e in page.select(".entity-name")]
    assert names_shown == [entity.name for entity in analysis.entities]
    ids = {tag["id"] for tag in page.find_all(id=True)}
    assert all(a["href"][1:] in ids for a in page.find_all("a", href=True))


def test_rendering_is_deterministic(sample):
    assert render_html(sample) == render_html(sample)


# --- bidi controls: shown as labels, never obeyed ------------------------------------------

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _restore_controls(page) -> None:
    """Put each control's character back where its label is (to compare with the source)."""
    for label in page.select(".ctl"):
        label.replace_with(chr(int(label["title"].split()[0][2:], 16)))


def test_overrides_are_shown_as_labels_and_never_written_raw():
    text = "صورة \u202egnp.exe\u202c وقال إن \u202e3500 جندي دخلوا \u2067الموصل\u2069"
    analysis = annotate(
        text, [("3500", F, "3500"), ("الموصل", L, "الموصل")], title="\u202eعنوان", path="/x/\u202efdp.exe"
    )
    html = render_html(analysis)
    assert not any(c in html for c in BIDI_CONTROLS)
    page = parse(analysis)
    labels = [(label.get_text(), label["title"]) for label in page.select("article p .ctl")]
    assert labels[:2] == [("RLO", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("PDF", "U+202C POP DIRECTIONAL FORMATTING")]
    assert [label for label, _ in labels] == ["RLO", "PDF", "RLO", "RLI", "PDI"]
    assert page.select_one("article h1 .ctl").get_text() == "RLO"
    assert page.title.get_text() == "‹RLO›عنوان"
    assert page.select_one("footer .ctl").get_text() == "RLO"
    _restore_controls(page)
    assert text in page.find("article").get_text()
    (figure,) = page.select('article [data-type="figure"]')
    assert figure.get_text() == "3500" and "iso" in figure["class"]


def test_paragraphs_and_whole_word_mentions_are_isolated(sample_page, sample):
    css = sample_page.style.get_text()
    assert re.search(r"article p \{[^}]*unicode-bidi: isolate", css)
    assert re.search(r"\.ent\.iso \{[^}]*unicode-bidi: isolate", css)
    text = sample.source.text
    for element, mention in zip(mention_elements(sample_page), sample.mentions, strict=True):
        inside_word = (mention.start > 0 and text[mention.start - 1].isalpha()) or (
            mention.end < len(text) and text[mention.end].isalpha()
        )
        # بـ|الموصل stays joined: a mention inside a word is not isolated.
        assert ("iso" in element["class"]) is not inside_word, mention.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_controls_never_reach_the_page(data):
    text = data.draw(st.text(alphabet=ALPHABET + BIDI_CONTROLS + "\u200f\u200d", min_size=1, max_size=80))
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = [(s, e, F, text[s:e]) for s, e in itertools.pairwise(cuts) if data.draw(st.booleans())]
    analysis = build(text, spans, title=data.draw(st.none() | st.just(text[:10] or "x")))
    html = render_html(analysis)
    assert not any(c in html for c in BIDI_CONTROLS)
    page = parse(analysis)
    for heading in page.select("article h1"):
        heading.decompose()
    _restore_controls(page)
    assert _without_whitespace(page.find("article").get_text()) == _without_whitespace(text)
    for element, mention in zip(mention_elements(page), analysis.mentions, strict=True):
        assert element.get_text() == text[mention.start : mention.end]


def test_the_offline_model_is_named_in_the_page_language() -> None:
    """An Arabic page names the offline model in Arabic, as the window does; an English page in English;
    a name it does not know is shown as it is."""
    from reader.analysis.recognizer import OFFLINE_MODEL_LABELS
    from reader.export import templates

    assert set(templates.RECOGNIZER_NAMES_AR) == set(OFFLINE_MODEL_LABELS.values())
    arabic, english = "قال الرئيس في بغداد إن الوضع هادئ.", "The minister spoke in Baghdad today."
    model = "offline model (CRF + BiLSTM)"
    page = render_html(build(arabic, [(14, 19, L, "بغداد")], recognizer=model))
    assert "النموذج المحلي (CRF + BiLSTM)" in page and "offline model" not in page
    assert model in render_html(build(english, [(23, 30, L, "Baghdad")], recognizer=model))
    assert "hand-built test analysis" in render_html(build(arabic, []))
