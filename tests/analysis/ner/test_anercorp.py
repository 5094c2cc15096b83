"""The shipped model on the real ANERcorp test split (skipped where the data is absent)."""

import time
from pathlib import Path

import pytest

from reader.analysis.ner import OfflineRecognizer
from reader.analysis.ner.conll import read_conll
from reader.analysis.ner.evaluate import evaluate
from reader.analysis.ner.train import TEST_FILE, default_data_dir

TEST_PATH: Path = default_data_dir() / TEST_FILE

#: The issue's target; the shipped model scores 0.763 (see docs/model.md).
MIN_MICRO_F1 = 0.75


@pytest.mark.skipif(not TEST_PATH.is_file(), reason=f"ANERcorp test split not found at {TEST_PATH}")
def test_shipped_model_scores_on_the_test_split():
    sentences = read_conll(TEST_PATH)
    started = time.perf_counter()
    scores = evaluate(OfflineRecognizer.load(), sentences)
    elapsed = time.perf_counter() - started
    print(f"\n{scores.table()}\n({elapsed:.1f} s)")
    assert scores.micro.f1 >= MIN_MICRO_F1
    # Floors per type, just under the shipped scores (0.748 / 0.874 / 0.591).
    for kind, floor in (("PERS", 0.73), ("LOC", 0.86), ("ORG", 0.57)):
        assert scores.by_type[kind].f1 >= floor, kind
