"""Classification quality: topic accuracy and macro-F1 beside a majority-class and a keyword
baseline, and precision/recall/F1 of cited documents, campaigns and provinces.

Sets: our labelled articles (tests/fixtures/classify/labelled.jsonl), VnExpress headlines and the
five seeds (both read from ../shared at run time). See baotinh/classify_eval.py.

    .venv/bin/python benchmarks/classify_eval.py [--failures]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from baotinh.classify_eval import (  # noqa: E402
    SHARED,
    evaluate_sets,
    evaluate_topics,
    load_labelled,
    load_seeds,
    load_vnexpress,
    report_sets,
    report_topics,
)
from baotinh.topics import load_model  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list what was got wrong")
    args = parser.parse_args()
    model = load_model()
    print(f"topic model {model.version}, trained on {model.trained_on}\n")
    labelled = load_labelled()
    topic_sets = {"labelled (ours)": labelled}
    if SHARED.is_dir():
        topic_sets["vnexpress headlines"] = load_vnexpress()
    else:
        print(f"{SHARED} is missing: VnExpress headlines and seeds not evaluated\n")
    print(f"{'set':22}{'method':10}{'n':>6}{'accuracy':>10}{'macro-F1':>10}")
    for name, items in topic_sets.items():
        scores = evaluate_topics(items, model)
        print("\n".join(report_topics(name, scores)))
        if args.failures:
            ours = scores["ours"]
            print(
                "    per topic F1: " + ", ".join(f"{t} {f:.2f}" for t, f in ours.per_topic.items())
            )
            for item_id, gold, predicted in ours.confusions[:40]:
                print(f"    {item_id}: {gold} → {predicted}")
    print(f"\n{'set':22}{'label':12}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>7}")
    label_sets = {"labelled (ours)": labelled}
    if SHARED.is_dir():
        label_sets["seeds"] = load_seeds()
    for name, items in label_sets.items():
        scores = evaluate_sets(items)
        print("\n".join(report_sets(name, scores)))
        if args.failures:
            for label, score in scores.items():
                for miss in score.misses:
                    print(f"    {label} {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
