"""`baotinh demo`, the README's first command, run as a person runs it: in a new directory."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from baotinh.samplesite import available_sites

# Prefect's log lines on stderr: "15:47:14.148 | INFO    | Flow run 'x' - Beginning flow run …"
FLOW_BEGAN = re.compile(
    r"^(\d\d:\d\d:\d\d\.\d+) \| INFO +\| Flow run .* - Beginning flow run", re.M
)


def _demo(cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_", "BAOTINH_"))
    }
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "demo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _runs(cwd: Path) -> list[tuple]:
    with sqlite3.connect(cwd / "var" / "baotinh.sqlite3") as db:
        return db.execute(
            "SELECT id, trigger, status, note, prefect_flow_run_id, started_at FROM crawl_runs"
            " ORDER BY id"
        ).fetchall()


def test_the_demo_crawls_while_prefect_starts_and_a_second_run_adds_nothing(
    tmp_path: Path,
) -> None:
    first = _demo(tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Run 1 (demo): completed" in first.stdout
    for key in available_sites():
        assert re.search(rf"^{key} +completed ", first.stdout, re.M), first.stdout
    new = int(re.search(r"^(\d+) new and 0 updated article\(s\) stored", first.stdout, re.M)[1])
    assert new > 200

    # The run was opened, and its crawl started, before the flow that finished both began.
    ((run_id, trigger, status, _, flow_run_id, started_at),) = _runs(tmp_path)
    assert (trigger, status) == ("demo", "completed")
    assert flow_run_id, "the flow that took the run over is recorded"
    flow_began = FLOW_BEGAN.search(first.stderr)
    assert flow_began, first.stderr[-3000:]
    began = datetime.combine(
        datetime.now().date(), datetime.strptime(flow_began[1], "%H:%M:%S.%f").time()
    ).astimezone(UTC)
    opened = datetime.fromisoformat(started_at).replace(tzinfo=UTC)
    assert opened < began, (opened, began)
    # Every paper's crawl is in the one shared log, the process the flow listened to.
    (shared_log,) = (tmp_path / "var" / "logs").glob(f"run{run_id}-papers-*.log")
    for key in available_sites():
        assert f"baotinh-batch: done {key}" in shared_log.read_text()

    second = _demo(tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Run 2 (demo): completed" in second.stdout
    assert "0 new and 0 updated article(s) stored." in second.stdout


def test_a_demo_whose_prefect_server_does_not_start_closes_the_run_it_opened(
    tmp_path: Path,
) -> None:
    done = _demo(tmp_path, BAOTINH_PREFECT_STARTUP_S="0.001")

    assert done.returncode == 2
    assert "Starting a local Prefect server… failed: not ready within 0.001 s" in done.stderr
    assert "Traceback" not in done.stderr
    ((_, trigger, status, note, _, _),) = _runs(tmp_path)
    assert (trigger, status) == ("demo", "failed")
    assert note.startswith("the local Prefect server did not start: not ready within 0.001 s")
