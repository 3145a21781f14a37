"""Structural choices of the topic model measured on the project's own material only: the
written full-length items in five held-out fifths (each fifth predicted by a model trained on
everything else), and the labelled set (never trained on) by a model trained on everything.
No evaluation text is read.

    .venv/bin/python -m benchmarks.topics_structure [--configs base lead1 c4 c16]

A configuration sets the model's module constants (such as `_TEXT_TOKENS`) and C. On branch
topics3 the lead (the text's first sentence, at most 60 syllables) counted once or twice more
was measured too and dropped (docs/classification.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from sklearn.metrics import f1_score

from baotinh.core.text import nfc
from baotinh.evaluation.labels import load_labelled
from baotinh.jobs.retrain import sample_site_examples
from baotinh.labels import topics
from baotinh.labels.protocol import without_attendance
from baotinh.labels.topic_training import bundled_examples, train

CONFIGS: dict[str, dict[str, object]] = {
    "base": {},
    # The list of who attended and the titles after a name read as any other words (before
    # branch topics3), and the titles read but not the list.
    "guests": {"without_protocol": nfc},
    "titles": {"without_protocol": without_attendance},
    # Leaders' titles out of the chinh-tri lexicon (they name who acts in every sector's news).
    "notitles": {
        "drop_lexicon": {"bí thư", "phó bí thư", "ủy viên ban thường vụ", "ban thường vụ"},
    },
    "c2": {"c": 2.0},
    "c4": {"c": 4.0},
    "c16": {"c": 16.0},
    "c32": {"c": 32.0},
}
FULL_LENGTH = {"written", "pairs", "national", "officials"}
FOLDS = 5


def scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    return accuracy, float(f1_score(gold, predicted, average="macro", zero_division=0))


def run(name: str) -> str:
    config = dict(CONFIGS[name])
    c = float(config.pop("c", 8.0))  # type: ignore[arg-type]
    dropped = config.pop("drop_lexicon", set())
    saved = {key: getattr(topics, key) for key in config}
    for key, value in config.items():
        setattr(topics, key, value)
    topics._tokens.cache_clear()  # tokens cached under the other configuration
    try:
        examples = [
            e
            for e in bundled_examples() + sample_site_examples()
            if not (e.source == "lexicon" and e.title in dropped)  # type: ignore[operator]
        ]
        full = [i for i, e in enumerate(examples) if e.source in FULL_LENGTH]
        gold, predicted = [], []
        for fold in range(FOLDS):
            held = set(full[fold::FOLDS])
            model = train([e for i, e in enumerate(examples) if i not in held], c=c)
            for i in sorted(held):
                gold.append(examples[i].topic)
                predicted.append(model.predict(examples[i].title, examples[i].text).topic)
        held_acc, held_f1 = scores(gold, predicted)
        model = train(examples, c=c)
        labelled = load_labelled()
        lab = scores(
            [i.topic for i in labelled],
            [model.predict(i.title, i.text).topic for i in labelled],
        )
    finally:
        for key, value in saved.items():
            setattr(topics, key, value)
        topics._tokens.cache_clear()
    return (
        f"{name:8} held-out full-length ({len(gold)}) {held_acc:.3f} / {held_f1:.3f}"
        f"   labelled ({len(labelled)}) {lab[0]:.3f} / {lab[1]:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    for name in parser.parse_args().configs:
        print(run(name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
