"""Topic accuracy on real news the model was not trained on: the held-out fifth of the real
corpus (baotinh/data/topics_real.npz, scripts/build_topic_corpus.py), beside the keyword
baseline.

    .venv/bin/python benchmarks/topics_heldout.py                  # from the shipped features
    .venv/bin/python benchmarks/topics_heldout.py --source GITDIR  # from the articles' text

Without --source the held-out articles are read as they are shipped: hashed features, less
those that occur in one real article only (the build script drops them). With --source (a git
directory of github:undertheseanlp/resources, as for the build script) the same articles are
read in full, as the service reads an article, beside the keyword baseline. Both print per-topic
F1 and the commonest confusions.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from baotinh.classify_eval import Item, keyword_baseline, score_topics  # noqa: E402
from baotinh.topics import load_model, real_examples  # noqa: E402


def heldout_texts(source: Path) -> list[Item]:
    """The held-out articles' text, labelled as the build script labels them."""
    import build_topic_corpus as corpus

    source = source / ".git" if (source / ".git").is_dir() else source
    items = []
    for name, document in corpus.read_corpus(source, corpus.COMMIT).items():
        header, headline, rest = corpus.parse(document)
        doc_id = header.get("doc_id", name)
        section = header.get("url", "").split("://", 1)[-1].split("/")[1:2]
        topic = corpus.label(section[0] if section else "", headline)
        if topic and zlib.crc32(doc_id.encode()) % 5 == 0:
            items.append(Item(doc_id, headline, rest, topic))
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="git dir of undertheseanlp/resources")
    args = parser.parse_args()
    model = load_model()
    print(f"topic model {model.version}, trained on {model.trained_on}")
    if args.source:
        items = heldout_texts(args.source)
        predicted = [model.predict(item.title, item.text).topic for item in items]
        scores = {"ours": score_topics(items, predicted)}
        scores["keywords"] = score_topics(items, keyword_baseline(items))
        name = "held-out real (text)"
    else:
        examples = real_examples("heldout")
        items = [Item(str(i), "", "", e.topic) for i, e in enumerate(examples)]
        predicted = [model.predict_counts(e.counts).topic for e in examples]
        scores = {"ours": score_topics(items, predicted)}
        name = "held-out real (hashed)"
    print(f"\n{'set':26}{'method':10}{'n':>6}{'accuracy':>10}{'macro-F1':>10}")
    for who, score in scores.items():
        print(f"{name:26}{who:10}{score.n:>6}{score.accuracy:>10.3f}{score.macro_f1:>10.3f}")
    ours = scores["ours"]
    print("\nper topic F1: " + ", ".join(f"{t} {f:.2f}" for t, f in ours.per_topic.items()))
    confusions = Counter((gold, guess) for _, gold, guess in ours.confusions)
    print(
        "commonest confusions (gold → predicted): "
        + ", ".join(f"{g} → {p} ×{n}" for (g, p), n in confusions.most_common(8))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
