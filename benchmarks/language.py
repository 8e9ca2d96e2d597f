"""How well the strength classifier reads the labelled development sentences, and how fast.

    .venv/bin/python benchmarks/language.py [--data ../shared/data/commitments] [--examples 3]

Reads `parakweet.tsv` and `aeslc.tsv` (labels by two annotators with the guide; see the
folder's README) and scores `trustledger.language.classify` on the agreed labels (rows labelled
`disputed` are dropped). Per file: macro-F1 over the four classes, precision, recall and F1 per
class, the confusion matrix, the errors grouped by kind (what the sentence is, what it was read
as, and the effect of the words that decided the reading) and the throughput on one core.

Example sentences are printed for parakweet.tsv only (Apache-2.0). aeslc.tsv is licensed
non-commercial and is for measuring only: its sentences are never printed, so nothing of it
ends up in a commit; only figures and error kinds are shown for it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from trustledger.language.strength import Reading, Strength, classify

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "commitments"
CLASSES = (Strength.COMMITMENT, Strength.BEST_EFFORT, Strength.GOOD_INTENTION, Strength.NONE)
SHORT = {
    Strength.COMMITMENT: "commit",
    Strength.BEST_EFFORT: "best_eff",
    Strength.GOOD_INTENTION: "good_int",
    Strength.NONE: "none",
}
PRINTABLE = {"parakweet.tsv"}  # files whose sentences may be shown (their licence allows it)


@dataclass(frozen=True)
class Scored:
    text: str
    gold: Strength
    reading: Reading


@dataclass(frozen=True)
class ClassFigures:
    precision: float
    recall: float
    f1: float
    support: int


def load(path: Path) -> list[tuple[str, Strength]]:
    """The agreed rows of one file: (sentence, label); disputed rows are dropped."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["text"], Strength(r["label"])) for r in rows if r["label"] != "disputed"]


def figures(scored: list[Scored]) -> dict[Strength, ClassFigures]:
    out = {}
    for c in CLASSES:
        tp = sum(1 for s in scored if s.gold is c and s.reading.strength is c)
        predicted = sum(1 for s in scored if s.reading.strength is c)
        actual = sum(1 for s in scored if s.gold is c)
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[c] = ClassFigures(p, r, f1, actual)
    return out


def macro_f1(scored: list[Scored]) -> float:
    per_class = figures(scored)
    return sum(f.f1 for f in per_class.values()) / len(per_class)


def error_kind(s: Scored) -> str:
    """What went wrong, named by the gold label, the reading and the deciding words' effect."""
    effect = s.reading.cues[-1].effect if s.reading.cues else "no first-person clause found"
    if s.gold is Strength.NONE:
        head = "none read as " + s.reading.strength.words
    elif s.reading.strength is Strength.NONE:
        head = f"missed {s.gold.words}"
    elif s.reading.strength.rank > s.gold.rank:
        head = f"missed hedge: {s.gold.words} read as {s.reading.strength.words}"
    else:
        head = f"over-hedged: {s.gold.words} read as {s.reading.strength.words}"
    return f"{head} [{effect}]"


def throughput(sentences: list[str], seconds: float = 1.0) -> float:
    """Sentences per second on one core (CPU time of this process)."""
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for text in sentences:
            classify(text)
        done += len(sentences)
    return done / (time.process_time() - start)


def report(name: str, rows: list[tuple[str, Strength]], examples: int) -> float:
    scored = [Scored(text, gold, classify(text)) for text, gold in rows]
    per_class = figures(scored)
    macro = sum(f.f1 for f in per_class.values()) / len(per_class)
    print(f"\n## {name}: {len(scored)} sentences with agreed labels")
    print(f"macro-F1 {macro:.3f}")
    print(f"{'class':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>6}")
    for c, f in per_class.items():
        print(f"{c.value:<16}{f.precision:>10.3f}{f.recall:>8.3f}{f.f1:>7.3f}{f.support:>6}")
    print("\nconfusion (rows: label, columns: reading)")
    print(f"{'':<16}" + "".join(f"{SHORT[c]:>10}" for c in CLASSES))
    matrix = Counter((s.gold, s.reading.strength) for s in scored)
    for gold in CLASSES:
        print(f"{gold.value:<16}" + "".join(f"{matrix[gold, c]:>10}" for c in CLASSES))
    kinds: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        if s.reading.strength is not s.gold:
            kinds[error_kind(s)].append(s)
    print(f"\nerrors by kind ({sum(len(v) for v in kinds.values())})")
    for kind, wrong in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(wrong):>4}  {kind}")
        if name in PRINTABLE:
            for s in wrong[:examples]:
                print(f"        {s.text[:150]}")
    rate = throughput([text for text, _ in rows])
    print(f"\nthroughput: {rate:,.0f} sentences/s on one core")
    return macro


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--data", type=Path, default=DEFAULT_DATA)
    options.add_argument("--examples", type=int, default=3, help="examples per error kind")
    args = options.parse_args()
    files = [args.data / name for name in ("parakweet.tsv", "aeslc.tsv")]
    if not all(f.is_file() for f in files):
        print(f"The labelled sentences are not at {args.data}: nothing to measure.")
        sys.exit(0)
    for path in files:
        report(path.name, load(path), args.examples)


if __name__ == "__main__":
    main()
