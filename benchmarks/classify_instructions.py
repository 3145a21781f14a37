"""Instructions per article for the classifier and each of its parts, counted by callgrind: a
figure that other jobs on the machine do not move (the wall clock and even CPU time do).

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \\
        --dump-after=functools_reduce --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python -m benchmarks.classify_instructions [PART ...]

Only what runs inside `functools.reduce` is counted (nothing on the classifying path calls it),
one dump per part: /tmp/cg.out.1 is "everything", .2 "topic", and so on in the order of
`classify_bench`'s parts (or of the PARTs named); the "summary:" line of each, divided by the
sample papers' 246 articles, is the figure. About two minutes a run, most of it the import.
"""

from __future__ import annotations

import functools
import sys

from baotinh.labels.places import load_gazetteer
from baotinh.labels.topics import load_model
from benchmarks.classify_bench import classifier_parts, corpora


def main() -> int:
    model = load_model()
    load_gazetteer()
    docs = corpora()["sample papers"]
    parts = classifier_parts(model)
    wanted = sys.argv[1:] or list(parts)
    for title, text in docs[:20]:  # compiled patterns and cached properties are not counted
        for work in parts.values():
            work(title, text)
    for name in wanted:
        work = parts[name]
        functools.reduce(lambda _, doc, work=work: work(*doc), docs, None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
