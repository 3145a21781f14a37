"""Dedupe quality: pairwise precision, recall and F1 of baotinh.stories.decision beside a plain
MinHash-LSH.

Sets (see baotinh/evaluation/stories.py): our own variants (tests/fixtures/dedupe), the five
seeds and the magizbox corpus (read from ../shared, never copied; skipped with a note when
absent). The baseline uses the same 5-word shingles and 128-value signatures, LSH tuned to a
Jaccard of 0.5 (32 bands x 4 rows) and accepts a pair on an estimated Jaccard of 0.5, stories
being connected components. The floors that CI enforces are in tests/test_dedupe_eval.py.

    .venv/bin/python -m benchmarks.dedupe_eval [--show-errors]
    make eval-dedupe
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from baotinh.evaluation import stories as ev
from baotinh.stories.memory import cluster_records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="list false merges and misses")
    args = parser.parse_args()

    sets: dict[str, list[ev.Labelled]] = {"variants": ev.load_variants()}
    shared = ev.shared_dir()
    if (shared / "seeds").is_dir():
        sets["seeds"] = ev.load_seeds()
    else:
        print(f"(seeds skipped: {shared / 'seeds'} is missing)")
    if (shared / ev.MAGIZBOX).is_dir():
        sets["magizbox"] = ev.load_magizbox()
    else:
        print(f"(magizbox skipped: {shared / ev.MAGIZBOX} is missing)")
    sets["all"] = [item for items in list(sets.values()) for item in items]

    print(
        f"{'set':10} {'docs':>5} {'pairs':>6}   {'ours P':>7} {'R':>6} {'F1':>6} {'ms':>6}"
        f"   {'baseline P':>10} {'R':>6} {'F1':>6} {'ms':>6}"
    )
    for name, items in sets.items():
        gold = ev.gold_of(items)
        row = [f"{name:10} {len(items):>5}"]
        errors = None
        for method in (ev.ours, ev.baseline):
            started = time.perf_counter()
            scores = ev.pairwise(method(items), gold)
            elapsed = (time.perf_counter() - started) * 1000
            if method is ev.ours:
                row.append(f"{scores.true_pairs:>6}  ")
                errors = scores
            row.append(
                f" {scores.precision:>7.3f} {scores.recall:>6.3f} {scores.f1:>6.3f} {elapsed:>6.0f}"
            )
        print("".join(row).replace("  ", "  ", 1))
        if args.show_errors and errors and name != "all":
            for a, b in errors.false_merges:
                print(f"    merged, different articles: {a}  {b}")
            for a, b in errors.missed:
                print(f"    missed, one story:          {a}  {b}")

    relations = Counter(r["relation"] for r in cluster_records([i.record for i in sets["all"]]))
    print(
        "\nrelations to the canonical member (all sets together):", dict(sorted(relations.items()))
    )
    if "seeds" in sets:
        labels = ev.ours(sets["all"])
        merged = len({labels[item.key] for item in sets["seeds"]}) < len(sets["seeds"])
        print(f"seeds merged with each other: {'YES' if merged else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
