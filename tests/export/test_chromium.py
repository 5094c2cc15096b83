"""The HTML export in a real browser: Debian's headless Chromium, driven by Playwright.

Checks what Python's parser cannot: the DOM Chromium builds from the file, the
computed direction, dark and print styles, that nothing is fetched, and that
Arabic letters stay joined when a highlight starts inside a word (بـ|الموصل).

Playwright drives the system browser (``executable_path``); its own browser
download (``playwright install``) is never used. Skips, with the reason, where
Chromium or Playwright is missing. Set EXPORT_SCREENSHOT_DIR=docs/img to
refresh the screenshots in docs/export.md.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.document import anchor_id
from reader.entity_types import STYLES, EntityType
from reader.export import export

from .builders import SAMPLE, F, L, O, annotate, build, sample_analysis

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) is not installed")

# No network, no first-run work, no background services: the page is a local file.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def rgb(hex_color: str) -> str:
    """``#0072B2`` → ``rgb(0, 114, 178)``, as getComputedStyle reports colors."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """An exported file opened in a fresh page, recording requests and console errors."""

    def __init__(self, browser, path: Path, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())

    def __call__(self, script: str, argument=None):
        return self.page.evaluate(script, argument)


@pytest.fixture
def open_export(browser, tmp_path):
    pages: list[Page] = []

    def opener(analysis, name: str = "export.html", **context_options) -> Page:
        path = tmp_path / name
        export(analysis, path)
        pages.append(Page(browser, path, **context_options))
        return pages[-1]

    yield opener
    for page in pages:
        page.context.close()


def test_chromium_builds_one_element_per_mention_and_runs_right_to_left(open_export):
    analysis = sample_analysis()
    page = open_export(analysis)
    assert page("getComputedStyle(document.body).direction") == "rtl"
    assert page("document.documentElement.lang") == "ar"
    found = page(
        "[...document.querySelectorAll('article [data-type]')]"
        ".map(e => [e.id, e.dataset.type, e.dataset.entity, e.textContent])"
    )
    expected = [
        [f"m{i}", m.type.value, m.entity, analysis.source.text[m.start : m.end]]
        for i, m in enumerate(analysis.mentions)
    ]
    assert found == expected
    dangling = page(
        "[...document.querySelectorAll('a[href]')]"
        ".filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length"
    )
    assert dangling == 0
    assert page.requests == [page.page.url]  # the file itself and nothing else
    assert page.errors == []


def test_hostile_article_stays_text_in_chromium(open_export):
    text = (
        "قال المتحدث في المدينة القديمة إن <script>alert(1)</script> "
        'و<img src=x onerror=alert(2)> و" onmouseover="alert(3) وصلت إلى الموصل</p><b>'
    )
    annotations = [("<img src=x onerror=alert(2)>", O, "<b>x</b>"), ("الموصل", L, '"><i>')]
    analysis = annotate(text, annotations, title="<script>")
    page = open_export(analysis)
    assert page("document.querySelectorAll('script, img, b, i, iframe').length") == 0
    assert page("document.querySelector('article p').textContent") == text
    assert page("document.querySelectorAll('article [data-type]').length") == 2
    organization = next(e for e in analysis.entities if e.type is O)
    anchor = anchor_id(organization.id)  # entities are anchored by a hash of their id
    assert page(f"document.querySelector('#{anchor} .entity-name').textContent") == "<b>x</b>"
    assert page.errors == [] and page.requests == [page.page.url]


def test_bidi_overrides_cannot_reorder_what_the_reader_sees(open_export):
    """An override before a file name or a figure: shown as a label, and the
    characters stay in reading order (gnp.exe is not "exe.png", 3500 not 0053)."""
    text = "وصلت صورة \u202egnp.exe\u202c وقال إن \u202e3500 جندي دخلوا المدينة"
    start = text.index("3500")
    page = open_export(build(text, [(start, start + 4, F, "3500")]))
    lefts = """([selector, word]) => {
      const root = document.querySelector(selector);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(word);
        if (at < 0) continue;
        return [...word].map((_, i) => { const r = document.createRange();
          r.setStart(node, at + i); r.setEnd(node, at + i + 1); return r.getBoundingClientRect().left; });
      }
      return null;
    }"""
    for selector, word in (("article p", "gnp.exe"), ("#m0", "3500")):
        xs = page(lefts, [selector, word])
        assert xs == sorted(xs), f"{word} is drawn out of order: {xs}"
    assert page("document.querySelectorAll('article .ctl').length") == 3


def test_highlight_inside_a_word_keeps_the_letters_joined(open_export):
    """بالموصل with only الموصل highlighted shapes exactly like the unbroken word.

    Each letter's advance width is measured in the split word and in the same
    word without any element; a broken join (isolated alef instead of its
    final form) changes the widths. The control with ``display: inline-block``
    on the highlight proves the measure notices a broken join.
    """
    word = "بالموصل"
    text = f"المخيمات المحيطة {word} وأربيل\n\nالمخيمات المحيطة {word} وأربيل"
    start = text.index(word) + 1  # only الموصل: the ب stays outside the highlight
    page = open_export(build(text, [(start, start + 6, L, "الموصل")]))
    widths = """() => {
      const width = (node, i) => { const r = document.createRange(); r.setStart(node, i);
        r.setEnd(node, i + 1); return r.getBoundingClientRect().width; };
      const [split, whole] = document.querySelectorAll('article p');
      const mention = split.querySelector('.ent'), before = mention.previousSibling;
      const inside = mention.firstChild, plain = whole.firstChild;
      const at = plain.data.indexOf('بالموصل');
      const splitWidths = [width(before, before.data.length - 1)];
      for (let i = 0; i < inside.data.length; i++) splitWidths.push(width(inside, i));
      const wholeWidths = [...'بالموصل'].map((_, i) => width(plain, at + i));
      return [splitWidths, wholeWidths];
    }"""

    def largest_difference(a, b):
        assert len(a) == len(b) == len(word)
        return max(abs(x - y) for x, y in zip(a, b, strict=True))

    # Layout rounds to 1/64 px; a letter in another form differs by a quarter pixel or more.
    split, whole = page(widths)
    assert largest_difference(split, whole) < 0.05, f"shaped differently: {split} vs {whole}"
    page.page.add_style_tag(content=".ent { display: inline-block; }")
    broken, _ = page(widths)
    assert largest_difference(broken, whole) > 0.15, (
        "the inline-block control did not change any letter: is an Arabic font installed? "
        "(Debian: fonts-noto-core or fonts-dejavu-core)"
    )


def test_dark_mode_uses_dark_tints_and_print_drops_backgrounds(open_export):
    analysis = sample_analysis()
    place = next(i for i, m in enumerate(analysis.mentions) if m.type is EntityType.PLACE)
    style = STYLES[EntityType.PLACE]
    probe = f"""() => {{ const s = getComputedStyle(document.getElementById('m{place}'));
        return [s.backgroundColor, s.textDecorationColor, s.textDecorationLine,
                getComputedStyle(document.documentElement).backgroundColor,
                getComputedStyle(document.getElementById('index')).breakBefore]; }}"""
    light = open_export(analysis, "light.html", color_scheme="light")
    assert light(probe)[:4] == [rgb(style.tint_light), rgb(style.color), "underline", "rgb(253, 253, 251)"]
    dark = open_export(analysis, "dark.html", color_scheme="dark")
    assert dark(probe)[:4] == [rgb(style.tint_dark), rgb(style.color), "underline", "rgb(27, 28, 30)"]
    dark.page.emulate_media(media="print")
    printed = dark(probe)
    assert printed[0] == "rgba(0, 0, 0, 0)"  # no background on paper...
    assert printed[1:3] == [rgb(style.color), "underline"]  # ...the colored underline stays
    assert printed[3] == "rgb(255, 255, 255)" and printed[4] == "page"


def pipeline_sample():
    """The real pipeline's analysis of the sample article (what the docs show)."""
    from reader.analysis.pipeline import analyze
    from reader.io import load

    return analyze(load(str(SAMPLE)))


def test_screenshots_light_dark_and_a_highlight_inside_a_word(open_export, tmp_path):
    docs_folder = os.environ.get("EXPORT_SCREENSHOT_DIR")
    folder = Path(docs_folder or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    # The docs show what the app really finds; a plain test run skips loading the model.
    analysis = pipeline_sample() if docs_folder else sample_analysis()
    size = {"viewport": {"width": 1200, "height": 1600}}
    for scheme in ("light", "dark"):
        page = open_export(analysis, f"{scheme}.html", color_scheme=scheme, **size)
        page.page.screenshot(path=folder / f"export-{scheme}.png")
        assert (folder / f"export-{scheme}.png").stat().st_size > 50_000
    # بالموصل with only الموصل highlighted (the hand-built reading), six times enlarged.
    hand_built = sample_analysis()
    inside = next(
        i for i, m in enumerate(hand_built.mentions)
        if m.text == "الموصل" and hand_built.source.text[m.start - 1] == "ب"
    )  # fmt: skip
    page = open_export(hand_built, "joining.html", device_scale_factor=6, **size)
    box = page.page.locator(f"#m{inside}").bounding_box()
    clip = {"x": box["x"] - 70, "y": box["y"] - 4, "width": box["width"] + 110, "height": box["height"] + 8}
    page.page.screenshot(path=folder / "export-joining.png", clip=clip)
    assert (folder / "export-joining.png").stat().st_size > 5_000
