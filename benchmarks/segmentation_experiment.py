"""Would a Vietnamese word segmenter improve the topic model? The answer that decided no.

Trains the topic model twice on the same material, once on our syllable n-grams and once on
words segmented by underthesea (a well-kept Vietnamese NLP library whose segmenter runs offline),
and prints macro-F1 on our labelled set and the VnExpress headlines. underthesea is not a
dependency of baotinh; uv brings it for this run only:

    .tools/bin/uv run --with underthesea python -m benchmarks.segmentation_experiment
"""

from __future__ import annotations

import time
from itertools import pairwise

import baotinh.labels.topics as topics
from baotinh.core.text import nfc
from baotinh.evaluation.labels import SHARED, evaluate_topics, load_labelled, load_vnexpress
from baotinh.jobs import retrain
from baotinh.labels import topic_training
from baotinh.labels.places import fold


def main() -> int:
    try:
        from underthesea import word_tokenize
    except ImportError:
        print("underthesea is not installed; run this script as its docstring says")
        return 1
    examples = topic_training.bundled_examples() + retrain.sample_site_examples()
    sets = {"labelled (ours)": load_labelled()}
    if SHARED.is_dir():
        sets["vnexpress headlines"] = load_vnexpress()

    segmented: dict[str, list[str]] = {}

    def words(text: str) -> list[str]:
        if text not in segmented:
            tokens = word_tokenize(nfc(text))
            segmented[text] = [
                t.lower().replace(" ", "_") for t in tokens if any(map(str.isalpha, t))
            ]
        return segmented[text]

    def word_features(title: str, text: str) -> list[str]:
        out: list[str] = []
        for tokens, times in ((words(title), 2), (words(text)[:300], 1)):
            grams = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
            out.extend((grams + ["~" + fold(g) for g in grams]) * times)
        return out

    print(f"{'features':12}{'set':22}{'accuracy':>10}{'macro-F1':>10}{'train s':>9}")
    for name, features in (("syllables", topics.features), ("words", word_features)):
        topics.features = features  # the training vectoriser and predict() both read it
        started = time.perf_counter()
        model = topic_training.train(examples)
        seconds = time.perf_counter() - started
        for set_name, items in sets.items():
            score = evaluate_topics(items, model)["ours"]
            print(
                f"{name:12}{set_name:22}{score.accuracy:>10.3f}{score.macro_f1:>10.3f}{seconds:>9.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
