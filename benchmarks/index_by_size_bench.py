"""Whether the search index's cost depends on the size of the store: search_bench's strictest
measure (`upsert_article` with and without `index_article`, interleaved article by article) on
several kept stores in one process, in alternating chunks, so that every store is measured at the
same load. Two runs of search_bench at two sizes are two loads, and the ratio moves with load.

    .venv/bin/python -m benchmarks.index_by_size_bench /tmp/k100.sqlite3,/tmp/k1m.sqlite3
        [--chunks 10] [--pairs 150]

The stores are the files `search_bench --keep NAME --dir DIR` leaves (DIR/NAME.sqlite3), or
PostgreSQL URLs. The articles measured are deleted again. The last line sums it up as key=value
pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from benchmarks.search_bench import INGEST_FIRST, delete_ingested, measure_ingest
from db.engine import make_engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", help="SQLite files or database URLs, comma-separated")
    parser.add_argument("--chunks", type=int, default=10, help="chunks for each store")
    parser.add_argument("--pairs", type=int, default=150, help="pairs of articles in a chunk")
    args = parser.parse_args()
    urls = [s if "://" in s else f"sqlite:///{Path(s).resolve()}" for s in args.stores.split(",")]
    engines = {url: make_engine(url) for url in urls}
    for engine in engines.values():
        delete_ingested(engine)  # a run that stopped half way may have left some
    figures: dict[str, list[dict[str, float]]] = {url: [] for url in urls}
    first = INGEST_FIRST
    try:
        for chunk in range(args.chunks):
            for url in urls if chunk % 2 == 0 else urls[::-1]:  # neither always first
                result = measure_ingest(engines[url], first, args.pairs)
                first += 2 * args.pairs
                figures[url].append(result)
                print(
                    f"chunk {chunk + 1} {url}: {result['with_ms']:.2f} against"
                    f" {result['without_ms']:.2f} ms, ×{result['ratio']:.2f}"
                    f" (load {os.getloadavg()[0]:.2f})",
                    flush=True,
                )
    finally:
        for engine in engines.values():
            delete_ingested(engine)
            engine.dispose()
    summary = []
    for number, (url, results) in enumerate(figures.items()):
        with_ms = statistics.median(r["with_ms"] for r in results)
        without_ms = statistics.median(r["without_ms"] for r in results)
        print(
            f"{url}: medians of the chunks' medians {with_ms:.2f} against {without_ms:.2f} ms:"
            f" the index {with_ms - without_ms:.2f} ms, ×{with_ms / without_ms:.2f}"
        )
        summary += [f"store{number}_index_ms={with_ms - without_ms:.2f}"]
        summary += [f"store{number}_ratio={with_ms / without_ms:.2f}"]
    print(" ".join([*summary, f"load={os.getloadavg()[0]:.2f}"]))


if __name__ == "__main__":
    main()
