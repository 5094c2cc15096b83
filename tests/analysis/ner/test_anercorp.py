"""The shipped model on the real ANERcorp test split (skipped where the data is absent)."""

import time
from pathlib import Path

import pytest

from reader.analysis.ner import OfflineRecognizer
from reader.analysis.ner.conll import read_conll
from reader.analysis.ner.evaluate import evaluate
from reader.analysis.ner.train import TEST_FILE, default_data_dir

TEST_PATH: Path = default_data_dir() / TEST_FILE

#: A regression floor just under the shipped model's score (0.708, see
#: docs/model.md). The issue's target is 0.75: this model does not reach it.
MIN_MICRO_F1 = 0.70


@pytest.mark.skipif(not TEST_PATH.is_file(), reason=f"ANERcorp test split not found at {TEST_PATH}")
def test_shipped_model_scores_on_the_test_split():
    sentences = read_conll(TEST_PATH)
    started = time.perf_counter()
    scores = evaluate(OfflineRecognizer.load(), sentences)
    elapsed = time.perf_counter() - started
    print(f"\n{scores.table()}\n({elapsed:.1f} s)")
    assert scores.micro.f1 >= MIN_MICRO_F1
    # Floors per type, also just under the shipped scores (0.67 / 0.86 / 0.49).
    for kind, floor in (("PERS", 0.65), ("LOC", 0.84), ("ORG", 0.46)):
        assert scores.by_type[kind].f1 >= floor, kind
