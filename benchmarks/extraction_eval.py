"""Extraction quality on real pages (../shared/corpus) and text dumps (../shared/seeds):
precision, recall and F1 of the body, and title/date/author accuracy, ours beside plain
trafilatura. Expectations: tests/extraction/*.toml (see its README).

    .venv/bin/python -m benchmarks.extraction_eval [--failures]
"""

from __future__ import annotations

import argparse

from baotinh.evaluation.extraction import SHARED, report, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list what each one got wrong")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is missing: nothing to evaluate against")
        return 1
    print(report(run(), show_failures=args.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
