"""The demo's wall time, and the share of it that goes to orchestration.

Runs `baotinh demo` (the README's first command) in a new directory each time, with Prefect's
local server as the demo starts it, and reads its timeline: when the crawl started and each
paper's crawl ended (the stats files), when the nightly flow began and stored the last paper
(its log lines), when the command ended.

Orchestration is the time the work waited on Prefect, plus Prefect's own time after the work:
- from the end of the first paper's crawl (when storing could begin) to the flow's start (the
  server's start-up, the client's imports, the flow's set-up), when the flow starts later;
- from the last paper stored to the command's end (the run's final state and artifact, the
  server's stop).

    .venv/bin/python -m benchmarks.demo_bench [--runs 3]

The last line sums it up as key=value pairs (medians).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

LOG_TIME = r"^(\d\d:\d\d:\d\d\.\d+) \| \w+ +\| "
FLOW_BEGAN = re.compile(LOG_TIME + r"Flow run .* - Beginning flow run", re.M)
PAPER_STORED = re.compile(LOG_TIME + r"Flow run .* - \[(\d+)/(\d+)\] ", re.M)


def _log_time(day: datetime, stamp: str) -> float:
    clock = datetime.strptime(stamp, "%H:%M:%S.%f").time()
    return datetime.combine(day.date(), clock).timestamp()


def one_demo(workdir: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BAOTINH_"))}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "demo"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    ended = time.time()
    if done.returncode != 0:
        raise SystemExit(f"the demo failed ({done.returncode}): {done.stderr[-2000:]}")
    day = datetime.fromtimestamp(started)
    stats = [
        json.loads(p.read_text()) | {"_closed": p.stat().st_mtime}
        for p in (workdir / "var" / "logs").glob("run1-*.stats.json")
    ]
    crawl_started = min(datetime.fromisoformat(s["start_time"]).timestamp() for s in stats)
    first_crawled = min(s["_closed"] for s in stats)
    flow_began = _log_time(day, FLOW_BEGAN.search(done.stderr)[1])
    last_stored = max(_log_time(day, m[0]) for m in PAPER_STORED.findall(done.stderr))
    waited = max(0.0, flow_began - first_crawled)
    after = ended - last_stored
    return {
        "wall": ended - started,
        "crawl_started": crawl_started - started,
        "first_crawled": first_crawled - started,
        "flow_began": flow_began - started,
        "last_stored": last_stored - started,
        "orchestration": waited + after,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.2f} at the start", flush=True)
    runs = []
    for n in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="baotinh-demo-") as tmp:
            run = one_demo(Path(tmp))
        runs.append(run)
        print(
            f"run {n + 1}: {run['wall']:5.1f} s wall; crawl from +{run['crawl_started']:.1f} s,"
            f" first paper crawled +{run['first_crawled']:.1f} s, flow began"
            f" +{run['flow_began']:.1f} s, last paper stored +{run['last_stored']:.1f} s;"
            f" orchestration {run['orchestration']:.1f} s"
            f" ({run['orchestration'] / run['wall']:.0%})",
            flush=True,
        )
    wall = statistics.median(run["wall"] for run in runs)
    orchestration = statistics.median(run["orchestration"] for run in runs)
    share = statistics.median(run["orchestration"] / run["wall"] for run in runs)
    print(
        f"demo_wall_s={wall:.3g} orchestration_s={orchestration:.3g}"
        f" orchestration_share={share:.3g} load_end={os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
