"""Markdown → the text a reader sees, and the title."""

from __future__ import annotations

import pytest

from reader.io.markdown_page import markdown_to_text

DOCUMENT = """\
# زيارة *رسمية* إلى الرباط

وصل **وزير الخارجية** إلى [الرباط](https://example.org/rabat "عاصمة") صباح الأحد،
في زيارة تستمر يومين.

## أبرز النقاط

- توقيع 3 اتفاقيات
* مناقشة ملف _الطاقة_
1. لقاء مع رئيس الحكومة

> نأمل أن تكون الزيارة بداية مرحلة جديدة.

![صورة الوزير](minister.jpg)

```
الجدول الزمني:
  09:00 الوصول
```
"""


def test_markup_is_removed_and_paragraphs_are_separated_by_blank_lines() -> None:
    assert markdown_to_text(DOCUMENT).text == (
        "زيارة رسمية إلى الرباط\n\n"
        "وصل وزير الخارجية إلى الرباط صباح الأحد، في زيارة تستمر يومين.\n\n"
        "أبرز النقاط\n\n"
        "توقيع 3 اتفاقيات\n\n"
        "مناقشة ملف الطاقة\n\n"
        "لقاء مع رئيس الحكومة\n\n"
        "نأمل أن تكون الزيارة بداية مرحلة جديدة.\n\n"
        "الجدول الزمني:\n  09:00 الوصول"
    )


def test_title_is_the_first_heading_without_markup() -> None:
    assert markdown_to_text(DOCUMENT).title == "زيارة رسمية إلى الرباط"


def test_setext_heading_is_a_title() -> None:
    page = markdown_to_text("الحصاد\n======\n\nنص")
    assert (page.title, page.text) == ("الحصاد", "الحصاد\n\nنص")


def test_no_heading_no_title() -> None:
    assert markdown_to_text("فقرة فقط").title is None


def test_an_empty_heading_does_not_become_the_title() -> None:
    assert markdown_to_text("#\n\nفقرة\n\n## العنوان").title == "العنوان"


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("سطر أول\nسطر ثان", "سطر أول سطر ثان"),  # soft break renders as a space
        ("سطر أول  \nسطر ثان", "سطر أول\nسطر ثان"),  # hard break
        ("سطر أول\\\nسطر ثان", "سطر أول\nسطر ثان"),
        ("نص `code` هنا", "نص code هنا"),
        ("a &amp; b &copy; \\*ليس مائلاً\\*", "a & b © *ليس مائلاً*"),
        ("~~محذوف~~ باق", "محذوف باق"),
        ("رابط <https://example.org> هنا", "رابط https://example.org هنا"),
        ("قبل ![صورة](x.png) بعد", "قبل بعد"),
        ("نص <span>داخل</span> وسم", "نص داخل وسم"),
        ("<div>\nكتلة <b>HTML</b>\n</div>", "كتلة HTML"),
        ("    مسافة بادئة\n    كود", "مسافة بادئة\nكود"),
        ("---\n\nبعد الخط", "بعد الخط"),
        ("| المدينة | العدد |\n|---|---|\n| بغداد | 5 |", "المدينة\tالعدد\nبغداد\t5"),
        ("1. أول\n2. ثان\n\n   فقرة داخل البند", "أول\n\nثان\n\nفقرة داخل البند"),
        ("> - بند في اقتباس", "بند في اقتباس"),
    ],
)
def test_inline_and_block_markup(source: str, text: str) -> None:
    assert markdown_to_text(source).text == text


def test_empty_document() -> None:
    page = markdown_to_text("")
    assert (page.text, page.title) == ("", None)


@pytest.mark.parametrize(
    "source",
    [">" * 5000 + " نص", "- " * 5000 + "نص", "*" * 20000 + "نص" + "_" * 20000, "[" * 5000 + "نص" + "]" * 5000],
)
def test_pathological_nesting_does_not_crash(source: str) -> None:
    # markdown-it stops nesting at its limit; the text may be lost, never the program.
    assert isinstance(markdown_to_text(source).text, str)


def test_inline_script_and_style_content_is_dropped():
    page = markdown_to_text(
        "# عاجل <script>alert(1)</script> من الموصل\n\nقال <STYLE>p{color:red}</STYLE>الوزير "
        "<script type=x>a <b>b</b></script>في بغداد <b>اليوم</b>"
    )
    assert page.title == "عاجل من الموصل"
    assert page.text == "عاجل من الموصل\n\nقال الوزير في بغداد اليوم"
    assert "alert" not in page.text and "color" not in page.text


def test_an_unclosed_inline_script_hides_only_the_rest_of_its_paragraph():
    page = markdown_to_text("قال <script>alert(1)\n\nفي بغداد")
    assert page.text == "قال\n\nفي بغداد"


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "vbscript:msgbox(1)", "file:///etc/passwd", "data:text/html,x", "http://x"]
)
def test_every_link_is_its_text_whatever_its_target(target):
    assert markdown_to_text(f"زار [الوزير]({target}) بغداد").text == "زار الوزير بغداد"
