"""Articles classified per second: the whole of `baotinh.labels.classify.classify` (topic,
campaigns, documents, provinces) and each part alone, on the sample papers' articles (full
length) and on our labelled set (short), one core.

    .venv/bin/python -m benchmarks.classify_bench [--rounds N] [--cpu-time]

--cpu-time counts the process's CPU time instead of the wall clock: on a machine that other
jobs keep busy it still measures what one article costs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from baotinh.evaluation.labels import load_labelled
from baotinh.labels.campaigns import tag_campaigns
from baotinh.labels.classify import classify
from baotinh.labels.docrefs import find_doc_refs
from baotinh.labels.places import load_gazetteer
from baotinh.labels.province_roles import locate_provinces
from baotinh.labels.topics import TopicModel, load_model
from baotinh.samplesite.model import available_sites, load_site


def corpora() -> dict[str, list[tuple[str, str]]]:
    sample = []
    for key in available_sites():
        for article in load_site(key).articles:
            sample.append((article.title, "\n".join([article.lead, *article.paragraphs])))
    labelled = [(item.title, item.text) for item in load_labelled()]
    return {"sample papers": sample, "labelled set": labelled}


def classifier_parts(model: TopicModel) -> dict[str, Callable[[str, str], object]]:
    """The whole classifier and each of its parts, as (title, text) → labels, in the order the
    benchmarks print them."""
    return {
        "everything": lambda title, text: classify(title, text, model=model),
        "topic": lambda title, text: model.predict(title, text),
        "documents": lambda title, text: find_doc_refs(f"{title}\n{text}"),
        "provinces": lambda title, text: locate_provinces(title, text),
        "campaigns": lambda title, text: tag_campaigns(title, text, ()),
    }


def rate(
    work: Callable[[str, str], object],
    docs: list[tuple[str, str]],
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Median articles per second over `rounds` passes."""
    rates = []
    for _ in range(rounds):
        started = clock()
        for title, text in docs:
            work(title, text)
        rates.append(len(docs) / (clock() - started))
    return statistics.median(rates)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cpu-time", action="store_true", help="per CPU second, not wall clock")
    args = parser.parse_args()
    clock = time.process_time if args.cpu_time else time.perf_counter
    model = load_model()
    load_gazetteer()  # loaded once per process; not part of the per-article cost
    parts = classifier_parts(model)
    print(f"{'corpus':16}{'articles':>9}{'avg chars':>10}  " + "".join(f"{p:>12}" for p in parts))
    for name, docs in corpora().items():
        chars = statistics.mean(len(t) + len(x) for t, x in docs)
        rates = [rate(work, docs, args.rounds, clock) for work in parts.values()]
        print(f"{name:16}{len(docs):>9}{chars:>10.0f}  " + "".join(f"{r:>12.0f}" for r in rates))
    unit = "CPU second" if args.cpu_time else "second"
    print(f"\n(articles per {unit}, one core, median of {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
