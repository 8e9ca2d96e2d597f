"""A floor under the strength classifier on the labelled development sentences in ../shared.

The full figures (per class, confusion, errors by kind, throughput) come from
`benchmarks/language.py`; this test only makes a regression fail. The files are measured, never
learned from here (aeslc.tsv is licensed for measuring only), and no sentence is printed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trustledger.language.strength import Strength, classify

# ../shared beside the repository, as tests/conftest.py finds it.
COMMITMENTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "commitments"

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(
        not COMMITMENTS.is_dir(),
        reason=f"the labelled sentences are not at {COMMITMENTS} (../shared is absent)",
    ),
]


def macro_f1(path: Path) -> float:
    """Macro-F1 over the four classes on the rows whose two annotators agreed."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    pairs = [
        (Strength(r["label"]), classify(r["text"]).strength)
        for r in rows
        if r["label"] != "disputed"
    ]
    scores = []
    for c in Strength:
        tp = sum(1 for gold, read in pairs if gold is c and read is c)
        predicted = sum(1 for _, read in pairs if read is c)
        actual = sum(1 for gold, _ in pairs if gold is c)
        scores.append(2 * tp / (predicted + actual) if predicted + actual else 0.0)
    return sum(scores) / len(scores)


@pytest.mark.parametrize(("name", "floor"), [("parakweet.tsv", 0.93), ("aeslc.tsv", 0.85)])
def test_the_classifier_keeps_its_floor_on_the_development_files(name: str, floor: float) -> None:
    score = macro_f1(COMMITMENTS / name)
    assert score >= floor, f"macro-F1 on {name} fell to {score:.3f} (floor {floor})"
