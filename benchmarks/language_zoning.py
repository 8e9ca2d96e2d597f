"""Speed of zoning and sentence splitting on generated mail bodies (default 4 MB).

    .venv/bin/python benchmarks/language_zoning.py [--megabytes 4] [--runs 3]

Each body has a greeting, hard-wrapped paragraphs with abbreviations, numbers, a list, a
signature, a disclaimer on some, and a quoted reply below; the figures are bodies and sentences
per second for zone() followed by split_sentences() on one core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import textwrap
import time

from trustledger.language.sentences import split_sentences
from trustledger.language.zoning import zone

OPENINGS = ["Hi {name},", "Dear Ms. {name},", "{name},", "Hello team,"]
SENTENCES = [
    "Thanks for the call on Tuesday, it helped a lot.",
    "I will send the revised contract by Friday at 10:30 a.m. at the latest.",
    "We are still waiting for the signed order No. 4471 from the U.S. office.",
    "Dr. Lind said the migration costs about 3.5 days, e.g. for the data checks.",
    "Could you confirm the numbers for the end of the quarter?",
    "I'll try to get the figures to you early next week.",
    "The report is on https://example.com/reports/q1.pdf as discussed.",
    "We hope to finish the rollout in two weeks, i.e. before the 21st.",
    "Let me know if you need anything from our side.",
    "Acme Inc. has agreed to the new terms.",
]
LIST = "Next steps:\n- I send the minutes\n- {name} books the rooms\n1. Review\n2. Sign off\n"
SIGNATURE = "Best regards,\n{name} Weber\nHead of IT | Acme GmbH\n+49 30 1234 5678\n"
DISCLAIMER = (
    "This e-mail and any attachments are confidential and may be privileged. If you are "
    "not the intended recipient, please notify the sender and delete it.\n"
)
QUOTE = "On Mon, Mar 1, 2027 at 9:12 AM, {name} Reyes <dana@example.com>\nwrote:\n"


def body(rng: random.Random) -> str:
    name = rng.choice(["Ana", "Omar", "Dana", "Kim"])
    paragraphs = [rng.choice(OPENINGS).format(name=name)]
    for _ in range(rng.randint(1, 4)):
        words = " ".join(rng.choices(SENTENCES, k=rng.randint(2, 5)))
        paragraphs.append(textwrap.fill(words, 72))
    if rng.random() < 0.3:
        paragraphs.append(LIST.format(name=name))
    paragraphs.append(SIGNATURE.format(name=name))
    if rng.random() < 0.3:
        paragraphs.append(textwrap.fill(DISCLAIMER, 72))
    quoted = "\n".join("> " + line for line in textwrap.fill(" ".join(SENTENCES), 72).split("\n"))
    paragraphs.append(QUOTE.format(name=name) + quoted)
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(15)
    bodies: list[str] = []
    size = 0
    while size < args.megabytes * 1024 * 1024:
        bodies.append(body(rng))
        size += len(bodies[-1])
    timings = []
    sentences = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        sentences = sum(len(split_sentences(zone(text).body)) for text in bodies)
        timings.append(time.perf_counter() - started)
    best, median = min(timings), statistics.median(timings)
    print(f"{len(bodies):,} bodies, {size / 1024 / 1024:.1f} MB, {sentences:,} sentences kept")
    print(f"zone + split_sentences: median {median:.2f} s, best {best:.2f} s over {args.runs} runs")
    print(f"{sentences / median:,.0f} sentences/s, {len(bodies) / median:,.0f} bodies/s (median)")


if __name__ == "__main__":
    main()
