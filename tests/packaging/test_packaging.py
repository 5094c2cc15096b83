"""Tests for packaging/: the desktop entry, the AppStream metadata and the SVG icon agree and are valid."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DESKTOP = REPO / "packaging" / "arabic-reader.desktop"
METAINFO = REPO / "packaging" / "io.github.arabic_reader.metainfo.xml"
ICON = REPO / "resources" / "icons" / "arabic-reader.svg"
ARABIC = re.compile("[\u0600-\u06ff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def split_list(value: str) -> list[str]:
    return [item for item in value.split(";") if item]


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_desktop_entry_launches_the_console_script_on_one_file() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    command, *arguments = entry["Exec"].split()
    assert command in project()["scripts"]
    assert arguments == ["%f"]


def test_desktop_entry_is_named_in_english_and_arabic() -> None:
    entry = desktop_entry()
    assert entry["Name"] == "Arabic Reader"
    for key in ("Name[ar]", "Comment[ar]", "Keywords[ar]"):
        assert ARABIC.search(entry[key]), key


def test_desktop_entry_icon_is_the_shipped_svg() -> None:
    assert (ICON.parent / f"{desktop_entry()['Icon']}.svg") == ICON
    assert ICON.is_file()


def test_desktop_entry_and_appstream_agree() -> None:
    entry = desktop_entry()
    root = metainfo()
    mime_types = split_list(entry["MimeType"])
    assert set(mime_types) == {"text/plain", "text/html", "text/markdown", "application/xhtml+xml"}
    assert [m.text for m in root.iter("mediatype")] == mime_types
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == entry["Exec"].split()[0]
    assert [c.text for c in root.iter("category")] == split_list(entry["Categories"])
    assert root.findtext("name") == entry["Name"]


def test_appstream_has_what_software_centers_show() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == "io.github.arabic_reader" == METAINFO.name.removesuffix(".metainfo.xml")
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    assert set(summaries) == {None, "ar"} and ARABIC.search(summaries["ar"] or "")
    assert root.find("content_rating") is not None
    images = [i.text or "" for i in root.iter("image")]
    assert images and all(re.search(r"/docs/img/[\w-]+\.png$", url) for url in images)


def test_appstream_release_is_the_package_version() -> None:
    newest = metainfo().find("releases/release")
    assert newest is not None and newest.get("version") == project()["version"]


def test_icon_is_a_square_256_svg_using_the_four_entity_colors() -> None:
    from reader.entity_types import STYLES

    svg = ET.parse(ICON).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 256 256"
    text = ICON.read_text(encoding="utf-8").upper()
    for style in STYLES.values():
        assert style.color.upper() in text


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (apt: desktop-file-utils)",
)
def test_desktop_file_validate_accepts_the_entry() -> None:
    command = ["desktop-file-validate", str(DESKTOP)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed (apt: appstream)")
def test_appstreamcli_validates_the_metadata() -> None:
    command = ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    # warnings and errors fail; infos (e.g. tags newer than the installed appstream) are fine
    assert not re.search(r"^[WE]: ", result.stdout, re.MULTILINE), result.stdout
