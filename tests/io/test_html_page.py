"""HTML pages → article text and title."""

from __future__ import annotations

import pytest

from reader.io.html_page import declared_charset, html_to_text

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="windows-1256">
<title>  الأمطار   تغرق
 شوارع الإسكندرية </title>
<style>p { color: red }</style>
<script>var tracking = "لا تظهر";</script>
</head><body>
<header><a href="/">موقع الأخبار</a></header>
<nav><ul><li>الرئيسية</li><li>سياسة</li></ul></nav>
<article>
  <header><h1>الأمطار تغرق شوارع الإسكندرية</h1></header>
  <p>غمرت   المياه
     شوارع <b>الإسكندرية</b> يوم الجمعة.</p>
  <h2>خسائر</h2>
  <p>قالت المحافظة إن 40 سيارة تضررت &amp; أن الكهرباء انقطعت.<br>وعادت مساءً.</p>
  <footer>وسوم: طقس</footer>
</article>
<aside>الأكثر قراءة</aside>
<form><input value="بحث"><button>ابحث</button></form>
<footer>جميع الحقوق محفوظة</footer>
<script>console.log("end")</script>
</body></html>
"""


def test_article_paragraphs_and_headings() -> None:
    page = html_to_text(PAGE)
    assert page.text == (
        "الأمطار تغرق شوارع الإسكندرية\n\n"
        "غمرت المياه شوارع الإسكندرية يوم الجمعة.\n\n"
        "خسائر\n\n"
        "قالت المحافظة إن 40 سيارة تضررت & أن الكهرباء انقطعت.\nوعادت مساءً."
    )


def test_title_comes_from_the_title_element_with_whitespace_collapsed() -> None:
    assert html_to_text(PAGE).title == "الأمطار تغرق شوارع الإسكندرية"


def test_title_falls_back_to_the_first_h1() -> None:
    page = html_to_text("<body><h1> خبر   عاجل </h1><p>نص</p><h1>ثان</h1></body>")
    assert page.title == "خبر عاجل"


def test_no_title() -> None:
    assert html_to_text("<p>نص فقط</p>").title is None


@pytest.mark.parametrize(
    "chrome",
    [
        "<script>alert('x')</script>",
        "<style>body{}</style>",
        "<noscript>فعّل جافاسكربت</noscript>",
        "<nav>القائمة</nav>",
        "<header>رأس الموقع</header>",
        "<footer>تذييل</footer>",
        "<aside>جانبي</aside>",
        "<form><label>الاسم</label><input><button>أرسل</button></form>",
        "<div hidden>مخفي</div>",
        '<div role="navigation">روابط</div>',
        "<!-- تعليق -->",
        "<template><p>قالب</p></template>",
        "<iframe>إطار</iframe>",
        '<img alt="صورة">',
    ],
)
def test_page_chrome_is_dropped(chrome: str) -> None:
    page = html_to_text(f"<body>{chrome}<p>المتن</p></body>")
    assert page.text == "المتن"


def test_article_is_preferred_to_the_rest_of_the_body() -> None:
    page = html_to_text("<body><div>إعلان</div><article><p>الخبر</p></article><div>روابط</div></body>")
    assert page.text == "الخبر"


def test_the_longest_article_wins() -> None:
    page = html_to_text(
        "<article><p>قصير</p></article><article><p>الخبر الرئيسي الطويل هنا</p></article><article><p>آخر</p></article>"
    )
    assert page.text == "الخبر الرئيسي الطويل هنا"


def test_main_is_used_when_there_is_no_article() -> None:
    page = html_to_text("<body><div>شريط</div><main><p>المحتوى</p></main></body>")
    assert page.text == "المحتوى"


def test_role_main_counts_as_main() -> None:
    page = html_to_text('<body><div>شريط</div><div role="main"><p>المحتوى</p></div></body>')
    assert page.text == "المحتوى"


def test_header_inside_an_article_keeps_the_headline() -> None:
    page = html_to_text("<article><header><h1>العنوان</h1></header><p>نص</p></article>")
    assert page.text == "العنوان\n\nنص"


def test_body_text_without_any_markup() -> None:
    assert html_to_text("just   text\n here").text == "just text here"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>سطر<br>سطر<br/>سطر</p>", "سطر\nسطر\nسطر"),
        ("<p>أول<br><br>ثان</p>", "أول\n\nثان"),
        ("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#1605; &nbsp;e</p>", 'a & b <c> "d" م \u00a0e'),
        ("<p>  مسافات \t كثيرة\n\nهنا  </p>", "مسافات كثيرة هنا"),
        ("<p>كلمة<b>ملتصقة</b> <i>ومنفصلة</i></p>", "كلمةملتصقة ومنفصلة"),
        ("<ul><li>واحد</li><li>اثنان</li></ul>", "واحد\n\nاثنان"),
        ("<blockquote>اقتباس</blockquote><p>بعده</p>", "اقتباس\n\nبعده"),
        ("<pre>\n  x = 1\n    y</pre>", "  x = 1\n    y"),
        (
            "<table><tr><th>المدينة</th><th>العدد</th></tr><tr><td>بغداد</td><td>5</td></tr></table>",
            "المدينة\tالعدد\nبغداد\t5",
        ),
        ("<div>أ<div>ب</div>ج</div>", "أ\n\nب\n\nج"),
    ],
)
def test_blocks_and_whitespace(markup: str, text: str) -> None:
    assert html_to_text(markup).text == text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<html><body><p>نص</html></body></p>", "نص"),
        ("<p>نص<script>غير مغلق", "نص"),
        ("<p>نص<style>p{}", "نص"),
        ("\x00<p>\x01نص\x02</p>", "\x00\n\n\x01نص\x02"),
        ("<![CDATA[x]]><?php echo 1 ?><p>نص</p>", "نص"),
        # What html.parser cannot read as a tag stays as the text it is.
        ("</p></div>نص<<>><p", "نص<<>><p"),
        ('<p title="unterminated>نص</p>', '<p title="unterminated>نص'),
    ],
)
def test_malformed_html_gives_sane_text(markup: str, text: str) -> None:
    assert html_to_text(markup).text == text


def test_malformed_html_keeps_its_words() -> None:
    page = html_to_text("<p>بدون إغلاق <b>غامق <i>مائل</p><div>التالي<p>فقرة")
    assert page.text == "بدون إغلاق غامق مائل\n\nالتالي\n\nفقرة"


def test_deep_nesting_does_not_hit_the_recursion_limit() -> None:
    depth = 5000
    page = html_to_text("<div>" * depth + "عميق" + "</div>" * depth)
    assert page.text == "عميق"


def test_a_page_of_only_chrome_has_no_text() -> None:
    assert html_to_text("<nav>قائمة</nav><script>x()</script>").text == ""


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1256">', "windows-1256"),
        (b"<meta charset=UTF-8>", "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">', "iso-8859-6"),
        (b"<title>none</title>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head><body>x</body></html>") == charset


def test_declared_charset_of_xhtml() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1256"?>\n<html/>') == "windows-1256"
