"""The version is written once (pyproject.toml) and its CHANGELOG and AppStream entries agree; packaging/release.py."""

from __future__ import annotations

import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from pkgtools import REPO, release


def test_the_changelog_and_appstream_release_the_project_version() -> None:
    version = release.project_version()
    newest = release.released((REPO / release.CHANGELOG).read_text(encoding="utf-8"))[0]
    assert newest.version == version
    assert release.appstream_releases()[0] == (version, newest.date)


def test_the_installed_metadata_has_the_project_version() -> None:
    from reader.version import app_version

    assert app_version() == metadata.version("arabic-reader") == release.project_version()


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the three files a release writes."""
    for name in (release.PYPROJECT, release.CHANGELOG, release.METAINFO):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / name, tmp_path / name)
    return tmp_path


def _with_unreleased(root: Path, body: str) -> None:
    path = root / release.CHANGELOG
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("## [Unreleased]\n", 1)
    rest = rest[rest.index("\n## [") :]  # drop whatever the Unreleased section has now
    path.write_text(f"{head}## [Unreleased]\n\n{body}\n{rest}", encoding="utf-8")


def test_release_writes_the_version_into_all_three(checkout) -> None:
    _with_unreleased(
        checkout, "### Added\n- `make deb`: a Debian package <of the bundle> & more.\n- [Links](x) read as text."
    )
    release.release("9.8.7", "2027-01-02", root=checkout)
    assert release.project_version(checkout) == "9.8.7"
    entries = release.changelog_entries((checkout / release.CHANGELOG).read_text(encoding="utf-8"))
    assert [(e.version, e.date) for e in entries[:2]] == [("Unreleased", None), ("9.8.7", "2027-01-02")]
    assert entries[0].body == "" and entries[1].items()[0].startswith("make deb: a Debian package")
    assert release.appstream_releases(checkout)[0] == ("9.8.7", "2027-01-02")
    metainfo = (checkout / release.METAINFO).read_text(encoding="utf-8")
    assert "<li>make deb: a Debian package &lt;of the bundle&gt; &amp; more.</li>" in metainfo
    assert "<li>Links read as text.</li>" in metainfo
    changelog = (checkout / release.CHANGELOG).read_text(encoding="utf-8")
    assert "/compare/v9.8.7...HEAD" in changelog and "[9.8.7]: " in changelog
    if shutil.which("appstreamcli"):
        command = ["appstreamcli", "validate", "--no-net", "--pedantic", str(checkout / release.METAINFO)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("version", "unreleased", "message"),
    [
        ("1.2", "- something", "must look like"),
        ("0.0.1", "- something", "not newer"),
        ("9.0.0", "", "nothing under"),
    ],
)
def test_a_refused_release_changes_nothing(checkout, version, unreleased, message) -> None:
    _with_unreleased(checkout, unreleased)
    before = {
        name: (checkout / name).read_text(encoding="utf-8")
        for name in (release.PYPROJECT, release.CHANGELOG, release.METAINFO)
    }
    with pytest.raises(release.ReleaseError, match=message):
        release.release(version, "2027-01-02", root=checkout)
    assert before == {name: (checkout / name).read_text(encoding="utf-8") for name in before}
