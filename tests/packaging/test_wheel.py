"""``make dist``: the wheel and the sdist carry the model, and the wheel works once installed in a fresh venv."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from pkgtools import REPO, articles, clean_environment, png_tints, release, run, same_analysis

pytestmark = pytest.mark.slow

SHIPPED = (
    "models/anercorp-crf.crfsuite",
    "models/anercorp-crf.pass2.crfsuite",
    "models/anercorp-crf.lexicon.json",
    "models/MODEL_CARD.md",
    "icons/arabic-reader.svg",
    "translations/arabic-reader_ar.ts",
    "samples/mosul-offensive.txt",
)


def test_the_wheel_carries_resources_and_no_torch(built_dist) -> None:
    with zipfile.ZipFile(built_dist["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(metadata_name).decode())
    for part in SHIPPED:
        assert f"reader/_resources/{part}" in names
    assert not any(n.endswith(".qm") or "__pycache__" in n for n in names)
    assert metadata["Version"] == release.project_version()
    requirements = " ".join(metadata.get_all("Requires-Dist") or []).lower()
    assert "camel-tools" in requirements and "torch" not in requirements and "transformers" not in requirements


def test_the_sdist_builds_the_same_wheel(built_dist) -> None:
    with tarfile.open(built_dist["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"setup.py", "pyproject.toml", "README.md"} <= names
    for part in SHIPPED:
        assert f"resources/{part}" in names


@pytest.fixture(scope="module")
def installed(built_dist, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed (with the project's constraints); its bin/."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
    ]
    result = subprocess.run(
        [*pip, "-c", str(REPO / "constraints.txt"), str(built_dist["wheel"])],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working folder outside the checkout, with two articles in it."""
    articles(tmp_path / "articles")
    return tmp_path / "articles"


def test_installed_wheel_analyzes_from_another_folder(installed, elsewhere, tmp_path) -> None:
    env = clean_environment(tmp_path / "home", PATH=f"{installed}:/usr/bin:/bin")
    result = run(["arabic-reader", "analyze", "first.txt"], env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mentions"]
    assert same_analysis(result.stdout, elsewhere / "first.txt")
    version = run(["arabic-reader", "--version"], env, cwd=elsewhere)
    assert version.stdout.split() == ["arabic-reader", release.project_version()]


def test_installed_wheel_exports_and_screenshots(installed, elsewhere, tmp_path) -> None:
    env = clean_environment(tmp_path / "home", PATH=f"{installed}:/usr/bin:/bin")
    result = run(["arabic-reader", "export", "third.md", "-o", "third.html"], env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert re.search(r'class="ent ent-place[" ]', (elsewhere / "third.html").read_text(encoding="utf-8"))
    shot = tmp_path / "window.png"
    result = run(["arabic-reader", "open", "first.txt", "--screenshot", str(shot)], env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert all(count > 500 for count in png_tints(shot).values()), png_tints(shot)


def test_installed_wheel_names_a_missing_model_in_one_line(installed, elsewhere, tmp_path) -> None:
    empty = tmp_path / "no-resources"
    empty.mkdir()
    env = clean_environment(tmp_path / "home", PATH=f"{installed}:/usr/bin:/bin", ARABIC_READER_RESOURCES=str(empty))
    result = run(["arabic-reader", "analyze", "first.txt"], env, cwd=elsewhere)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert "model was not found" in result.stderr and "ARABIC_READER_RESOURCES" in result.stderr
