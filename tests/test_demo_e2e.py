"""`baotinh demo`, the README's first command, run as a person runs it: in a new directory."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from baotinh.samplesite import available_sites

# Prefect's log lines on stderr: "15:47:14.148 | INFO    | Flow run 'x' - Beginning flow run …"
FLOW_BEGAN = re.compile(
    r"^(\d\d:\d\d:\d\d\.\d+) \| INFO +\| Flow run .* - Beginning flow run", re.M
)


def _environment(**extra: str) -> dict[str, str]:
    """A person's environment: none of our settings, nor Prefect's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BAOTINH_"))}
    return {**env, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}


def _demo(cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "demo"],
        cwd=cwd,
        env=_environment(**extra),
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


def _articles(cwd: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(cwd / "var" / "baotinh.sqlite3") as db:
        return db.execute("SELECT canonical_url, content_hash FROM articles ORDER BY 1").fetchall()


@pytest.fixture(scope="module")
def clean_demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One demo in a new directory, as a person runs it first."""
    workdir = tmp_path_factory.mktemp("demo")
    return workdir, _demo(workdir)


def test_the_demo_crawls_while_prefect_starts_and_a_second_run_adds_nothing(
    clean_demo: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    tmp_path, first = clean_demo
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Run 1 (demo): completed" in first.stdout
    # A page without a body is an error on record (`baotinh errors`), not a library's warning.
    assert "discarding data" not in first.stdout + first.stderr
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


def test_a_demo_killed_while_it_crawls_ahead_of_its_flow_then_one_plain_rerun(
    clean_demo: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    clean_dir, _ = clean_demo
    demo = subprocess.Popen(
        [sys.executable, "-m", "baotinh.cli", "demo"],
        cwd=tmp_path,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Killed (the command alone, -9) once its crawl has fetched pages: the flow may or may not
    # have begun; the crawl and the Prefect server die with it.
    deadline = time.monotonic() + 300
    while "Crawled " not in "".join(
        log.read_text() for log in (tmp_path / "var" / "logs").glob("run1-papers-*.log")
    ):
        assert demo.poll() is None and time.monotonic() < deadline, "the crawl never began"
        time.sleep(0.05)
    demo.kill()
    demo.wait(timeout=30)

    rerun = _demo(tmp_path)

    assert rerun.returncode == 0, rerun.stderr[-3000:]
    runs = _runs(tmp_path)
    assert [(run[1], run[2]) for run in runs] == [("demo", "crashed"), ("demo", "completed")]
    assert _articles(tmp_path) == _articles(clean_dir)  # nothing lost, nothing twice


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
