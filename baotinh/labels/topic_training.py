"""Training the topic model (`train-topics`): the examples written for this project, then tf-idf
and a multinomial logistic regression with scikit-learn, saved as the arrays
`baotinh.labels.topics.TopicModel` predicts with (no scikit-learn at run time)."""

from __future__ import annotations

import json
import math
import tomllib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from baotinh.labels.topics import DATA_DIR, TOPICS, Example, TopicModel, features, hashed_counts


def bundled_examples() -> list[Example]:
    """The project's own training material: the written corpora (`topics_*.jsonl`: news items
    and headlines) and the lexicon, each term of which is one short example."""
    examples = []
    for path in sorted(DATA_DIR.glob("topics_*.jsonl")):
        source = path.stem.removeprefix("topics_")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                examples.append(Example(row["title"], row["text"], row["topic"], source))
    lexicon_path = DATA_DIR / "topic_lexicon.toml"
    if lexicon_path.exists():
        lexicon = tomllib.loads(lexicon_path.read_text(encoding="utf-8"))
        for topic, table in lexicon.items():
            examples.extend(Example(term, "", topic, "lexicon") for term in table["terms"])
    return examples


def train(examples: Sequence[Example], max_terms: int = 60_000, c: float = 8.0) -> TopicModel:
    """Fit the model: tf-idf (sublinear tf, smoothed idf, l2 norm) over hashed features, then a
    multinomial logistic regression with balanced class weights. Terms seen in one example
    only are dropped (they generalise nothing); of the rest, the `max_terms` most frequent are
    kept. Deterministic: the same examples in the same order give the same model."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    bags = [hashed_counts(features(e.title, e.text)) for e in examples]
    document_frequency: Counter[int] = Counter()
    total: Counter[int] = Counter()
    for bag in bags:
        document_frequency.update(bag.keys())
        total.update(bag)
    kept = [h for h, df in document_frequency.items() if df >= 2]
    kept.sort(key=lambda h: (-total[h], h))  # ties by hash: the same order on every run
    buckets = np.array(sorted(kept[:max_terms]), dtype=np.uint32)
    column = {int(h): i for i, h in enumerate(buckets)}
    rows, cols, values = [], [], []
    for r, bag in enumerate(bags):
        for h, count in sorted(bag.items()):
            if h in column:
                rows.append(r)
                cols.append(column[h])
                values.append(1.0 + math.log(count))
    n = len(bags)
    df = np.array([document_frequency[int(h)] for h in buckets], dtype=np.float64)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    matrix = csr_matrix((values, (rows, cols)), shape=(n, len(buckets)), dtype=np.float64)
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    matrix = csr_matrix(matrix.multiply(1.0 / norms[:, None]))
    labels = [e.topic for e in examples]
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    classifier.fit(matrix, labels)
    weights, intercept = classifier.coef_, classifier.intercept_
    if len(classifier.classes_) == 2:  # scikit-learn keeps one row for two classes
        weights = np.vstack([-weights / 2, weights / 2])
        intercept = np.concatenate([-intercept / 2, intercept / 2])
    order = [list(classifier.classes_).index(t) for t in TOPICS if t in classifier.classes_]
    return TopicModel(
        topics=tuple(str(classifier.classes_[i]) for i in order),
        buckets=buckets,
        idf=idf,
        weights=weights[order],
        intercept=intercept[order],
        trained_on=dict(Counter(e.source.split(":")[0] or "unknown" for e in examples)),
    )
