"""Tests for reader/resources.py: one resolver for a checkout, an installed wheel and the app bundle."""

from __future__ import annotations

from pathlib import Path

from reader import resources


def test_a_checkout_uses_the_top_level_resources_folder(tmp_path) -> None:
    (tmp_path / "reader").mkdir()
    assert resources.locate_resources(tmp_path / "reader") == tmp_path / "resources"


def test_an_installed_package_uses_its_own_copy(tmp_path) -> None:
    (tmp_path / "reader" / "_resources").mkdir(parents=True)
    (tmp_path / "resources").mkdir()  # e.g. site-packages/resources of another project: not ours
    assert resources.locate_resources(tmp_path / "reader") == tmp_path / "reader" / "_resources"


def test_this_checkout_finds_the_model() -> None:
    assert resources.resource_path("models", "anercorp-crf.crfsuite").is_file()
    assert resources.resources_dir() == Path(resources.__file__).resolve().parent.parent / "resources"


def test_the_variable_overrides_both(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("ARABIC_READER_RESOURCES", str(tmp_path))
    assert resources.resource_path("models", "x.crfsuite") == tmp_path / "models" / "x.crfsuite"
    assert str(tmp_path) in resources.missing_resource_hint()
    monkeypatch.setenv("ARABIC_READER_RESOURCES", "")  # set but empty: ignored
    assert resources.resources_dir() != Path("")
    assert "reinstall arabic-reader" in resources.missing_resource_hint()
