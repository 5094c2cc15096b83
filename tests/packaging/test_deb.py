"""``make deb``: the Debian package of the bundle: its files, its dependencies, lintian, and a real install."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pkgtools import articles, build_deb, png_tints, release, run, system_libs

INSTALLED_FILES = (
    "./opt/arabic-reader/arabic-reader",
    "./opt/arabic-reader/_internal/reader/_resources/models/anercorp-crf.crfsuite",
    "./usr/share/applications/arabic-reader.desktop",
    "./usr/share/icons/hicolor/scalable/apps/arabic-reader.svg",
    "./usr/share/metainfo/io.github.arabic_reader.metainfo.xml",
    "./usr/share/man/man1/arabic-reader.1.gz",
    "./usr/share/doc/arabic-reader/copyright",
    "./usr/share/doc/arabic-reader/changelog.gz",
    "./usr/share/lintian/overrides/arabic-reader",
)
#: What Qt's X11 plugin needs on Debian 12 and a fresh desktop may lack (issue 10's first finding).
XCB_PACKAGES = {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxkbcommon-x11-0"}


def field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_debian_changelog_comes_from_the_changelog() -> None:
    text = build_deb.debian_changelog(
        "# Changelog\n\n## [Unreleased]\n\n- not yet\n\n## [0.2.0] - 2026-12-24\n\n### Added\n"
        "- A long entry that goes on and on about a feature, far past the seventy-six columns a line may take.\n"
        "- `make deb`.\n\n## [0.1.0] - 2026-11-26\n\nFirst release.\n\n[0.1.0]: https://example.org\n"
    )
    assert text.startswith("arabic-reader (0.2.0) unstable; urgency=medium\n\n  * A long entry")
    assert "not yet" not in text and "  * make deb.\n" in text and "  * First release.\n" in text
    assert " -- arabic-reader developers <" in text and "Thu, 24 Dec 2026 00:00:00 +0000" in text
    assert max(len(line) for line in text.splitlines() if line.startswith("  ")) <= 80


@pytest.mark.slow
def test_deb_installs_the_bundle_the_desktop_files_and_depends_on_the_xcb_libraries(deb, bundle) -> None:
    assert deb.name == f"arabic-reader_{release.project_version()}_{build_deb.debian_architecture()}.deb"
    assert field(deb, "Version") == release.project_version()
    depends = field(deb, "Depends")
    assert depends == system_libs.depends(bundle)
    assert {item.split()[0] for item in depends.split(", ")} >= XCB_PACKAGES
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True).stdout
    paths = {line.split()[5] for line in listing.splitlines()}
    assert set(INSTALLED_FILES) <= paths
    assert "./usr/bin/arabic-reader -> /opt/arabic-reader/arabic-reader" in listing
    assert all(line.split()[1] == "root/root" for line in listing.splitlines())


@pytest.mark.slow
def test_lintian_finds_no_error(deb) -> None:
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (apt: lintian; CI installs it)")
    result = subprocess.run(["lintian", "--fail-on", "error", str(deb)], capture_output=True, text=True, timeout=900)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr
    # The warnings kept, and why (packaging/README.md): PyInstaller's prebuilt
    # bootloader is not a position-independent executable; ICU's data library
    # and a few Python extension modules need no other library.
    warnings = {line.split()[2] for line in result.stdout.splitlines() if line.startswith("W:")}
    assert warnings <= {"hardening-no-pie", "shared-library-lacks-prerequisites"}, result.stdout


def _may_install_packages() -> str | None:
    """Why this machine must not get the package installed by a test, or None."""
    if os.geteuid() != 0 or shutil.which("dpkg") is None or shutil.which("apt-get") is None:
        return "installing a .deb needs root, dpkg and apt-get"
    if os.environ.get("CI") != "true" and os.environ.get("ARABIC_READER_TEST_INSTALL") != "1":
        return "installs system-wide: runs in CI (CI=true) or with ARABIC_READER_TEST_INSTALL=1"
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "arabic-reader"], capture_output=True, text=True)
    if "installed" in status.stdout.split():
        return "arabic-reader is already installed here; the test does not replace it"
    return None


@pytest.mark.slow
def test_deb_installs_runs_and_removes_cleanly(deb, tmp_path) -> None:
    reason = _may_install_packages()
    if reason:
        pytest.skip(reason)
    depends = [item.split()[0] for item in field(deb, "Depends").split(", ")]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *depends]
    if subprocess.run(apt, capture_output=True, env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env)
        subprocess.run(apt, capture_output=True, env=env, check=True)
    installed = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, env=env)
    try:
        assert installed.returncode == 0, installed.stdout + installed.stderr
        folder = tmp_path / "articles"
        first, _second, _third = articles(folder)
        user_env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        assert shutil.which("arabic-reader", path=user_env["PATH"]) == "/usr/bin/arabic-reader"
        result = run(["arabic-reader", "analyze", first.name], user_env, cwd=folder)
        assert result.returncode == 0 and '"mentions"' in result.stdout, result.stderr
        shot = tmp_path / "installed.png"
        result = run(["arabic-reader", "open", first.name, "--screenshot", str(shot)], user_env, cwd=folder)
        assert result.returncode == 0, result.stderr
        assert all(count >= 500 for count in png_tints(shot).values())
    finally:
        removed = subprocess.run(["dpkg", "--purge", "arabic-reader"], capture_output=True, text=True, env=env)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert "arabic-reader' not empty" not in removed.stdout + removed.stderr  # (dpkg always says so of /opt)
    for path in ("/opt/arabic-reader", "/usr/bin/arabic-reader", "/usr/share/applications/arabic-reader.desktop"):
        assert not os.path.lexists(path), path
    assert subprocess.run(["dpkg", "-L", "arabic-reader"], capture_output=True).returncode != 0


def test_man_page_names_every_subcommand() -> None:
    page = (build_deb.PACKAGING / "debian" / "arabic-reader.1").read_text(encoding="utf-8")
    for subcommand in ("open", "analyze", "export"):
        assert f".B arabic-reader {subcommand}" in page
