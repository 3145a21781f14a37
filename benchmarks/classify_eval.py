"""Classification quality: topic accuracy and macro-F1 beside a majority-class and a keyword
baseline, and precision/recall/F1 of cited documents, campaigns and provinces.

Sets: our labelled articles (baotinh/labels/data/labelled.jsonl), VnExpress headlines, the
five seeds, and the real articles labelled by reading them (tests/fixtures/classify/real/; their
text is read from ../shared at run time). See baotinh/evaluation/labels.py. The last line gives the
figures as key=value pairs.

    .venv/bin/python -m benchmarks.classify_eval [--failures]
"""

from __future__ import annotations

import argparse

from baotinh.evaluation.labels import (
    HELDOUT_LABELS,
    SHARED,
    SetScore,
    TopicScore,
    evaluate_sets,
    evaluate_topics,
    load_labelled,
    load_real,
    load_seeds,
    load_vnexpress,
    report_sets,
    report_topics,
)
from baotinh.labels.topics import load_model

# The held-out set's misses are never listed: reading them would make it one more set tuned to.
HELD_OUT = "real, held out"
# Short names for the key=value line.
KEYS = {
    "labelled (ours)": "labelled",
    "vnexpress headlines": "vnexpress",
    "seeds": "seeds",
    "real (read by us)": "real",
    HELD_OUT: "heldout",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list what was got wrong")
    args = parser.parse_args()
    model = load_model()
    print(f"topic model {model.version}, trained on {model.trained_on}\n")
    labelled = load_labelled()
    topic_sets = {"labelled (ours)": labelled}
    label_sets = {"labelled (ours)": labelled}
    if SHARED.is_dir():
        real = load_real()
        topic_sets["vnexpress headlines"] = load_vnexpress()
        topic_sets["real (read by us)"] = real
        label_sets["seeds"] = load_seeds()
        label_sets["real (read by us)"] = real
        if HELDOUT_LABELS.exists():
            heldout = load_real(HELDOUT_LABELS)
            topic_sets[HELD_OUT] = heldout
            label_sets[HELD_OUT] = heldout
    else:
        print(f"{SHARED} is missing: VnExpress headlines, seeds and real articles not evaluated\n")
    figures: dict[str, float] = {}

    print(f"{'set':22}{'method':10}{'n':>6}{'accuracy':>10}{'macro-F1':>10}")
    for name, items in topic_sets.items():
        scores = evaluate_topics(items, model)
        print("\n".join(report_topics(name, scores)))
        ours = scores["ours"]
        figures[f"{KEYS[name]}_topic_acc"] = ours.accuracy
        figures[f"{KEYS[name]}_topic_macro_f1"] = ours.macro_f1
        if args.failures and name != HELD_OUT:
            print_topic_failures(ours, limit=None if name.startswith("real") else 40)

    print(f"\n{'set':22}{'label':20}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>7}")
    for name, items in label_sets.items():
        set_scores = evaluate_sets(items, model)
        print("\n".join(report_sets(name, set_scores)))
        for label, score in set_scores.items():
            figures[f"{KEYS[name]}_{label}_f1"] = score.f1
            if name.startswith("real"):  # the real sets' precision and recall too
                figures[f"{KEYS[name]}_{label}_p"] = score.precision
                figures[f"{KEYS[name]}_{label}_r"] = score.recall
        if args.failures and name != HELD_OUT:
            print_set_failures(set_scores)

    print()
    print(" ".join(f"{key}={value:.3f}" for key, value in figures.items()))
    return 0


def print_topic_failures(score: TopicScore, limit: int | None) -> None:
    print("    per topic F1: " + ", ".join(f"{t} {f:.2f}" for t, f in score.per_topic.items()))
    for item_id, gold, predicted in score.confusions[:limit]:
        print(f"    {item_id}: {gold} → {predicted}")


def print_set_failures(scores: dict[str, SetScore]) -> None:
    for label, score in scores.items():
        for miss in score.misses:
            print(f"    {label} {miss}")


if __name__ == "__main__":
    raise SystemExit(main())
