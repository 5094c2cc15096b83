"""reader.io.load: files of every encoding and format in, Source out; every
bad input a one-line LoadError; the source file never touched."""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import threading
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader.io.loader as loader
from reader.document import Source
from reader.io import MAX_BYTES, LoadError, load

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

# Written for these tests. Representable in every codec below (no Arabic-Indic
# digits or ٪, which Windows-1256 and ISO-8859-6 lack).
ARTICLE = (
    "افتتح وزير النقل الأردني سامر الخطيب يوم الخميس الطريق الجديد بين عمان والعقبة، "
    "وقال إن طوله 320 كيلومتراً وكلفته نحو ثلاثمئة مليون دينار.\n"
    "وأضاف الخطيب في حفل أقيم بالعقبة أن البنك الأوروبي لإعادة الإعمار والتنمية موّل "
    "ثلث المشروع، وأن 1500 عامل شاركوا في بنائه خلال أربع سنوات.\n"
    "\n"
    "وشكر الوزير الصندوق الكويتي للتنمية والوكالة التابعة للأمم المتحدة؛ فهل ينتهي "
    "الازدحام في الصيف المقبل؟\n"
)

CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"]
EXPECTED_ENCODING = {"utf-16": "utf-16-le", "utf-8-sig": "utf-8-sig"}  # Python's utf-16 writes a LE BOM


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path, **kwargs: object) -> str:
    with pytest.raises(LoadError) as caught:
        load(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot open '{path}': ")
    assert caught.value.path == str(path)
    return message


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize("codec", CODECS)
def test_every_encoding_round_trips(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, f"article-{codec}.txt", ARTICLE.encode(codec))
    source = load(path)
    assert source == Source(
        text=ARTICLE, path=str(path), encoding=EXPECTED_ENCODING.get(codec, codec), format="text", title=None
    )


@pytest.mark.parametrize("codec", CODECS)
def test_forced_encoding_round_trips(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode(codec))
    forced = "utf-16-le" if codec == "utf-16" else codec
    assert load(path, encoding=forced).text == ARTICLE


def test_forced_encoding_that_fails_is_a_load_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode("cp1256"))
    message = load_error(path, encoding="utf-8")
    assert "not valid UTF-8 text" in message


def test_unknown_forced_encoding_is_a_load_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    assert "'klingon' is not a text encoding" in load_error(path, encoding="klingon")


def test_bom_is_removed(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", codecs.BOM_UTF8 + "\ufeffقال".encode())
    # Only the first U+FEFF is a BOM; a second one is text and stays.
    assert load(path).text == "\ufeffقال"


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1256"])
def test_line_endings_are_unified(tmp_path: Path, ending: str, codec: str) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.replace("\n", ending).encode(codec))
    assert load(path).text == ARTICLE


def test_mixed_line_endings(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "أ\r\nب\rج\nد\r\r\nهـ".encode())
    assert load(path).text == "أ\nب\nج\nد\n\nهـ"


def test_text_is_otherwise_kept_exactly(tmp_path: Path) -> None:
    # Diacritics, tatweel, non-breaking and double spaces, trailing spaces,
    # presentation forms, Persian letters: the reader sees what was written.
    text = "  كَتَبَ   الطـــالب\u00a0الدرس \t\nﻻ پیام\u200c\u200fها  \n\n\n"
    path = write(tmp_path, "a.txt", text.encode())
    assert load(path).text == text


def test_control_and_bidi_characters_are_kept(tmp_path: Path) -> None:
    text = "قال \u202eevil\u202c و\u2066x\u2069 \x1b[1mbold\x07 \u200e2024\u200f\n"
    path = write(tmp_path, "a.txt", text.encode())
    source = load(path)
    assert source.text == text  # offsets into the file's text stay valid
    assert source.text.index("\u202e") == 4


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.xhtml", "html"),
        ("a.md", "markdown"),
        ("a.Markdown", "markdown"),
        ("a.txt", "text"),
        ("a", "text"),
        ("a.log", "text"),
    ],
)
def test_format_by_suffix(tmp_path: Path, name: str, expected: str) -> None:
    path = write(tmp_path, name, "# عنوان\n\nنص <b>غامق</b>\n".encode())
    assert load(path).format == expected


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html>",
        "  \n<!doctype HTML>",
        "<html lang='ar'>",
        "\ufeff<!doctype html>",
        '<?xml version="1.0"?><html>',
    ],
)
@pytest.mark.parametrize("name", ["page", "page.php", "page.asp"])
def test_html_is_sniffed_without_a_txt_suffix(tmp_path: Path, start: str, name: str) -> None:
    path = write(tmp_path, name, f"{start}<title>ت</title><p>نص</p>".encode())
    source = load(path)
    assert (source.format, source.text, source.title) == ("html", "نص", "ت")


def test_a_txt_file_is_text_even_if_it_looks_like_html(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", "<!doctype html><p>نص</p>".encode())
    assert load(path).text == "<!doctype html><p>نص</p>"


def test_utf_16_html_without_suffix_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path, "page", "<!doctype html><p>نص</p>".encode("utf-16"))
    assert load(path).format == "html"


def test_html_file(tmp_path: Path) -> None:
    page = (
        "<html><head><title>العنوان</title><script>x=1</script></head>"
        "<body><nav>قائمة</nav><article><h1>الخبر</h1><p>فقرة &amp; أخرى</p></article></body></html>"
    )
    source = load(write(tmp_path, "a.html", page.encode()))
    assert (source.text, source.title, source.format) == ("الخبر\n\nفقرة & أخرى", "العنوان", "html")


def test_html_meta_charset_is_respected(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1256"><title>بغداد</title></head><body><p>{}</p></body></html>'
    source = load(write(tmp_path, "a.html", page.format(ARTICLE).encode("cp1256")))
    assert source.encoding == "cp1256"
    assert source.title == "بغداد"


def test_html_crlf_is_unified_before_extraction(tmp_path: Path) -> None:
    source = load(write(tmp_path, "a.html", "<pre>أ\r\nب</pre>".encode()))
    assert source.text == "أ\nب"


def test_markdown_file(tmp_path: Path) -> None:
    source = load(write(tmp_path, "a.md", "# العنوان\r\n\r\nنص **مهم**\r\n".encode("cp1256")))
    assert (source.text, source.title, source.format, source.encoding) == (
        "العنوان\n\nنص مهم",
        "العنوان",
        "markdown",
        "cp1256",
    )


# --- bad input -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope.txt").endswith(": no such file")


def test_directory(tmp_path: Path) -> None:
    assert load_error(tmp_path).endswith(": it is a folder, not a file")


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", ARTICLE.encode())

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader, "open", refuse, raising=False)
    assert load_error(path).endswith(": permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", ARTICLE.encode())
    path.chmod(0)
    try:
        assert load_error(path).endswith(": permission denied")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_empty_file(tmp_path: Path) -> None:
    assert load_error(write(tmp_path, "a.txt", b"")).endswith(": it is empty")


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", "\u00a0\u2003\n".encode(), codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_whitespace_only_file(tmp_path: Path, data: bytes) -> None:
    assert load_error(write(tmp_path, "a.txt", data)).endswith(": it contains only whitespace")


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.html", b"<html><nav>menu</nav><script>x()</script></html>"), ("a.md", b"![](photo.jpg)\n\n---\n")],
)
def test_markup_without_readable_text(tmp_path: Path, name: str, data: bytes) -> None:
    assert load_error(write(tmp_path, name, data)).endswith(": it has no readable text")


def test_png(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    message = load_error(write(tmp_path, "photo.txt", png))
    assert message.endswith(": it is a binary file (a PNG image), not text")


def test_zip(tmp_path: Path) -> None:
    path = tmp_path / "article.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:t>نص</w:t>" * 100)
    assert "it is a binary file (a ZIP archive" in load_error(path)


def test_nul_bytes(tmp_path: Path) -> None:
    assert "binary file" in load_error(write(tmp_path, "a.dat", "قال\x00\x00\x00\x01".encode() * 3))


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 4 * 1024 * 1024)
    path = write(tmp_path, "big.txt", b"x" * (5 * 1024 * 1024))
    assert load_error(path).endswith(": it is 5.0 MB, over the 4 MB limit")


@pytest.mark.parametrize(
    ("name", "limit", "message"),
    [
        ("big.html", "MAX_HTML_BYTES", "it is 2.0 MB of HTML, over the 1 MB limit for HTML"),
        ("big.md", "MAX_MARKDOWN_BYTES", "it is 2.0 MB of Markdown, over the 1 MB limit for Markdown"),
    ],
)
def test_markup_has_a_lower_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, limit: str, message: str
) -> None:
    monkeypatch.setattr(loader, limit, 1024 * 1024)
    path = write(tmp_path, name, b"<p>x</p>\n" * (2 * 1024 * 1024 // 9 + 1))
    assert load_error(path).endswith(message)
    assert load(write(tmp_path, "big.txt", path.read_bytes())).format == "text"


def test_the_real_limit_is_64_mb() -> None:
    assert MAX_BYTES == 64 * 1024 * 1024


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    assert load_error(path).endswith("it is not a regular file (a device, pipe or socket)")


def test_symlink_to_a_file_loads(tmp_path: Path) -> None:
    target = write(tmp_path, "a.txt", ARTICLE.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert load(link).text == ARTICLE


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert load_error(link).endswith(": no such file")


# --- the source file is never written ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.txt", ARTICLE.replace("\n", "\r\n").encode("cp1256")),
        ("a.html", b"\xef\xbb\xbf<p>" + ARTICLE.encode() + b"</p>"),
        ("a.md", ("# t\n" + ARTICLE).encode("utf-16")),
        ("a.bin", b"\x89PNG\r\n\x1a\n" + bytes(100)),
    ],
)
def test_source_file_is_unchanged(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = path.stat()
    with contextlib.suppress(LoadError):
        load(path)
    after = path.stat()
    assert path.read_bytes() == data
    assert after.st_mtime_ns == before.st_mtime_ns
    assert (after.st_size, after.st_mode) == (before.st_size, before.st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# --- samples -------------------------------------------------------------------------------


def test_sample_cairo_water_is_windows_1256_with_crlf() -> None:
    path = SAMPLES / "cairo-water-cp1256.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw
    source = load(path)
    assert source.encoding == "cp1256"
    assert source.text == raw.decode("cp1256").replace("\r\n", "\n")
    assert "بالقاهرة" in source.text and "للأمم المتحدة" in source.text


def test_sample_html_page() -> None:
    source = load(SAMPLES / "mosul-reconstruction.html")
    assert source.format == "html"
    assert source.title == "البنك الدولي يخصص 400 مليون دولار لإعادة إعمار الموصل"
    assert source.text.startswith(source.title + "\n\n")
    for chrome in ("الرئيسية", "analytics", "font-family", "الأكثر قراءة", "اشترك", "جميع الحقوق"):
        assert chrome not in source.text
    for clitic in ("بالموصل", "والموصل", "للأمم"):
        assert clitic in source.text


def test_sample_markdown() -> None:
    source = load(SAMPLES / "tetouan-floods.md")
    assert source.format == "markdown"
    assert source.title == "أمطار غزيرة تغلق الطرق في شمال المغرب وتجلي مئات الأسر"
    assert "**" not in source.text and "](" not in source.text and "\n- " not in source.text
    assert "flood.jpg" not in source.text


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*") if p.is_file()))
def test_every_sample_loads(name: str) -> None:
    source = load(SAMPLES / name)
    assert len(source.text.split()) >= 100
    assert "\r" not in source.text and "\ufffd" not in source.text


# --- properties ----------------------------------------------------------------------------

# Any text a file may hold: letters of many scripts, marks, digits, punctuation,
# spaces and line breaks, emoji; no NUL, no other C0 controls, no surrogates.
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\r\n\t ابتثجحخدذرزسشصضطظعغفقكلمنهوي"),
    min_size=1,
    max_size=300,
).filter(lambda text: text.strip() != "")

# Arabic and Latin words a Windows-1256 file may hold, in random order.
WORDS = st.sampled_from(
    [
        "قال",
        "الرئيس",
        "إن",
        "الحكومة",
        "ستعمل",
        "على",
        "دعم",
        "المزارعين",
        "في",
        "الموصل",
        "وبغداد",
        "والبصرة",
        "للأمم",
        "المتحدة",
        "بالموصل",
        "وزير",
        "الخارجية",
        "عن",
        "من",
        "إلى",
        "التي",
        "الذي",
        "هذه",
        "كانت",
        "ألف",
        "مليون",
        "دولار",
        "شخص",
        "مدينة",
        "اليوم",
        "عام",
        "ثلاثة",
        "خمسة",
        "تقرير",
        "منظمة",
        "الصحة",
        "العالمية",
        "Reuters",
        "UN",
        "Mosul",
        "said",
        "report",
        "2017",
        "3500",
        "1,5",
        "%",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "، ", ". ", "\n", "\n\n", "؛ ", "؟ ", " (", ") ", ": ", " - "])
CP1256_TEXT = (
    st.lists(st.tuples(WORDS, SEPARATORS), min_size=2, max_size=80)
    .map(lambda pairs: "".join(word + sep for word, sep in pairs))
    .filter(lambda text: any("\u0600" <= c <= "\u06ff" for c in text))
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def unify(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@FAST
@given(text=ANY_TEXT, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"]))
def test_any_unicode_text_round_trips(tmp_path: Path, text: str, codec: str) -> None:
    data = (codecs.BOM_UTF16_BE if codec == "utf-16-be" else b"") + text.encode(codec)
    path = write(tmp_path, "p.txt", data)
    assert load(path).text == unify(text)


@FAST
@given(text=CP1256_TEXT, crlf=st.booleans())
def test_arabic_latin_text_round_trips_through_windows_1256(tmp_path: Path, text: str, crlf: bool) -> None:
    data = (text.replace("\n", "\r\n") if crlf else text).encode("cp1256")
    path = write(tmp_path, "p.txt", data)
    source = load(path)
    assert source.text == text
    assert source.encoding in ("utf-8", "cp1256")  # pure ASCII is (also) UTF-8


KMSG = Path("/proc/kmsg")


@pytest.mark.skipif(not os.access(KMSG, os.R_OK), reason="/proc/kmsg is readable by root on Linux only")
def test_a_kernel_file_that_never_ends_is_refused_without_hanging() -> None:
    # Regular in stat, but a read waits for the next kernel message, forever.
    assert load_error(KMSG).endswith(": it is a special file that never ends (reading it would wait forever)")


class _WaitingFile:
    """A file whose read would block until ``release`` is set (a stuck device)."""

    def __init__(self, release: threading.Event, answer: bytes | None) -> None:
        self.release, self.answer = release, answer

    def __enter__(self) -> _WaitingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def read(self, size: int) -> bytes | None:
        self.release.wait(30)
        return self.answer


def test_a_read_that_would_block_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ready = threading.Event()
    ready.set()
    monkeypatch.setattr(loader, "open", lambda *a, **k: _WaitingFile(ready, None), raising=False)
    message = load_error(write(tmp_path, "a.txt", ARTICLE.encode()))
    assert message.endswith(": it is a special file that never ends (reading it would wait forever)")


def test_a_read_that_stalls_is_abandoned_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(loader, "READ_STALL_SECONDS", 0.2)
    monkeypatch.setattr(loader, "open", lambda *a, **k: _WaitingFile(release, b""), raising=False)
    started = time.monotonic()
    try:
        message = load_error(write(tmp_path, "a.txt", ARTICLE.encode()))
    finally:
        release.set()  # let the abandoned reader finish
    assert message.endswith(": reading it stalled for 0.2 s (a device or network file that does not answer)")
    assert time.monotonic() - started < 5


def test_files_are_opened_non_blocking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flags_seen: list[int] = []
    real_open = os.open

    def spy(path: str, flags: int, *args: object) -> int:
        flags_seen.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(loader.os, "open", spy)
    assert load(write(tmp_path, "a.txt", ARTICLE.encode())).text == ARTICLE
    assert flags_seen and all(f & os.O_NONBLOCK for f in flags_seen)
