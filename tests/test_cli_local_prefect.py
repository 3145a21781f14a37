"""`baotinh crawl` runs its flow on a Prefect server of its own, which dies with it.

Real processes throughout: the CLI as a person runs it, its Prefect server (uvicorn), its Scrapy
child, the sample site over HTTP. Every CLI gets its own PREFECT_HOME; that path, inherited in
the environment of everything the CLI starts, is how the tests find its processes in /proc.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from baotinh.samplesite import load_site
from db.migrate import upgrade
from tests.support.crawling import serving
from tests.support.prefect_stack import free_port

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="finds processes in /proc; PDEATHSIG is Linux"
)
READY = re.compile(
    r"Starting a local Prefect server… ready in [\d.]+ s \(http://127\.0\.0\.1:(\d+)/api\)"
)


def _environment(tmp_path: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PREFECT_") and key != "BAOTINH_PREFECT_STARTUP_S"
    }
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),  # also the marker of this CLI's processes
        BAOTINH_DATABASE_URL=database_url,
        BAOTINH_LOG_DIR=str(tmp_path / "logs"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        **extra,
    )
    return env


def _crawl_command(*args: str, mirrors: dict[str, str] | None = None) -> list[str]:
    command = [sys.executable, "-m", "baotinh.cli", "crawl", *args]
    for domain, url in (mirrors or {}).items():
        command += ["--mirror", f"{domain}={url}"]
    return command


def processes_of(prefect_home: Path) -> dict[int, str]:
    """pid → command line of every live process whose environment has PREFECT_HOME=prefect_home
    (zombies, which hold nothing, are left out)."""
    marker = f"PREFECT_HOME={prefect_home}".encode() + b"\0"
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            environ = Path(entry.path, "environ").read_bytes()
            cmdline = Path(entry.path, "cmdline").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if stat.rpartition(")")[2].split()[0] != "Z" and marker in environ:
            found[int(entry.name)] = cmdline.replace(b"\0", b" ").decode(errors="replace")
    return found


def _servers(processes: dict[int, str]) -> dict[int, str]:
    return {pid: cmd for pid, cmd in processes.items() if "prefect.server.api.server" in cmd}


def _crawlers(processes: dict[int, str]) -> dict[int, str]:
    return {pid: cmd for pid, cmd in processes.items() if " scrapy crawl " in cmd}


@contextmanager
def _watching(prefect_home: Path) -> Iterator[dict[int, str]]:
    """Every Prefect server process of this home seen while the block runs (sampled)."""
    seen: dict[int, str] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.2):
            seen.update(_servers(processes_of(prefect_home)))

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        done.set()
        thread.join()


def _wait_for(condition, timeout_s: float, interval_s: float = 0.1):
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval_s)


@contextmanager
def _started(command: list[str], env: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen]:
    """The CLI in a session of its own, so that the test can clean up after it by group."""
    with open(tmp_path / "cli.stderr", "w") as stderr:
        cli = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
    try:
        yield cli
    finally:
        with suppress(ProcessLookupError):
            os.killpg(cli.pid, signal.SIGKILL)
        cli.wait()


@linux_only
@pytest.mark.slow
def test_kill_9_of_the_crawl_cli_alone_leaves_no_crawler_and_no_prefect_server(
    tmp_path: Path,
) -> None:
    home = tmp_path / "prefect-home"
    store = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    env = _environment(tmp_path, store)
    with serving(load_site("bacgiang")) as site:
        site.response_delay_s = 0.5  # about half a minute of crawling: it is killed mid-way
        command = _crawl_command("--site", "bacgiang", "--impolite", mirrors=site.mirrors)
        with _started(command, env, tmp_path) as cli:
            crawling = _wait_for(lambda: _crawlers(processes_of(home)), timeout_s=240)
            assert crawling, (tmp_path / "cli.stderr").read_text()[-3000:]
            # Fetching by now: the crawler writes to the store while we kill the CLI.
            assert _wait_for(lambda: site.request_log, timeout_s=60)
            running = processes_of(home)
            (server_command,) = _servers(running).values()
            logged = (tmp_path / "cli.stderr").read_text()
            port = READY.search(logged).group(1)
            assert f"--port {port} " in server_command
            # The paper's one concurrency slot exists on this server too, as under `serve`.
            assert "do not exist - skipping acquisition" not in logged

            os.kill(cli.pid, signal.SIGKILL)  # the CLI alone, not its group
            cli.wait()
            left = _wait_for(lambda: not processes_of(home), timeout_s=10)
            assert left, f"still running after kill -9 of the CLI: {processes_of(home)}"
        requests_at_end = len(site.request_log)
        time.sleep(1)
        assert len(site.request_log) == requests_at_end  # nobody crawls on


@linux_only
@pytest.mark.slow
def test_crawl_cli_runs_its_flow_on_its_own_server_and_a_failed_flow_is_one_json_object(
    tmp_path: Path,
) -> None:
    """The store turns read-only after migrating: the flow fails on its first write. The flow
    reports to the CLI's own server (its run is in that server's database) and to no other; the
    CLI prints one failed summary, exits 1, and leaves nothing running."""
    home = tmp_path / "prefect-home"
    path = tmp_path / "store.sqlite3"
    upgrade(f"sqlite:///{path}")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    env = _environment(tmp_path, read_only)
    with _watching(home) as servers_seen:
        done = subprocess.run(
            _crawl_command(
                "--json", "--site", "bacgiang", mirrors={"baobacgiang.vn": "http://127.0.0.1:9"}
            ),
            env=env,
            capture_output=True,
            text=True,
            timeout=280,
        )
    assert done.returncode == 1, done.stderr[-3000:]
    summary = json.loads(done.stdout)
    assert summary["status"] == "failed"
    assert summary["state"] == "Failed"
    assert summary["error"].startswith("OperationalError: attempt to write a readonly database")
    assert "\n" not in summary["error"]

    # One server, the one it announced, ran for the flow; it is gone.
    port = READY.search(done.stderr).group(1)
    assert len(servers_seen) == 1, servers_seen
    assert f"--port {port} " in next(iter(servers_seen.values()))
    assert not processes_of(home)
    with sqlite3.connect(home / "prefect.db") as prefect_db:
        runs = prefect_db.execute(
            "SELECT flow_run.id, flow_run.state_type FROM flow_run"
            " JOIN flow ON flow.id = flow_run.flow_id WHERE flow.name = 'nightly'"
        ).fetchall()
    assert [(run_id.replace("-", ""), state) for run_id, state in runs] == [
        (summary["flow_run_id"].replace("-", ""), "FAILED")
    ]


@pytest.mark.slow
def test_crawl_cli_that_cannot_start_its_prefect_server_says_what_to_do_in_one_line(
    tmp_path: Path,
) -> None:
    home = tmp_path / "prefect-home"
    store = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    env = _environment(tmp_path, store, BAOTINH_PREFECT_STARTUP_S="0.001")
    mirrors = {"baobacgiang.vn": "http://127.0.0.1:9"}
    done = subprocess.run(
        _crawl_command("--site", "bacgiang", mirrors=mirrors),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(
        "Starting a local Prefect server… failed: not ready within 0.001 s"
    )
    assert "set BAOTINH_PREFECT_STARTUP_S to wait longer" in done.stderr
    assert "point PREFECT_API_URL at a running Prefect server" in done.stderr
    if sys.platform.startswith("linux"):
        assert not processes_of(home)


def test_crawl_with_the_store_down_says_so_in_one_line_without_the_password(
    tmp_path: Path,
) -> None:
    url = f"postgresql+psycopg://user:secret@127.0.0.1:{free_port()}/x"
    env = _environment(tmp_path, url)
    plain, as_json = (
        subprocess.Popen(
            _crawl_command(*flags),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flags in ((), ("--json",))
    )
    out, err = plain.communicate(timeout=120)
    json_out, json_err = as_json.communicate(timeout=120)

    assert plain.returncode == 1 and as_json.returncode == 1
    for text in (out, err, json_out, json_err):
        assert "secret" not in text
        assert "Traceback" not in text
    assert out == "" and json_err == ""
    assert err.count("\n") == 1
    assert err.startswith(
        "baotinh crawl: cannot migrate the store at postgresql+psycopg://user:***@"
    )
    (line,) = json_out.splitlines()
    failure = json.loads(line)
    assert failure["status"] == "failed"
    assert "user:***@127.0.0.1" in failure["error"]
    assert "OperationalError" in failure["error"]


@pytest.mark.slow
def test_a_new_prefect_home_gets_the_database_the_first_one_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first server on a new home migrates its database, which is kept (per Prefect
    version, with every paper's slot) in the cache; the next new home starts from a copy,
    which its server uses."""
    import io

    import prefect
    from prefect.client.orchestration import get_client
    from prefect.settings import (
        PREFECT_API_DATABASE_CONNECTION_URL,
        PREFECT_API_URL,
        get_current_settings,
        temporary_settings,
    )

    from baotinh.cli.local_prefect import starting_prefect_server
    from baotinh.papers import SITES

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template = tmp_path / "cache" / "baotinh" / f"prefect-{prefect.__version__}.sqlite3"
    first, second = tmp_path / "first", tmp_path / "second"
    # A server and a database of our own, even after a test that pointed Prefect at its harness.
    with temporary_settings(
        restore_defaults={PREFECT_API_URL, PREFECT_API_DATABASE_CONNECTION_URL}
    ):
        with starting_prefect_server(first, out=io.StringIO()) as server:
            server.ready(papers=["bacgiang"])
        assert template.exists()
        with sqlite3.connect(template) as kept:
            # Migrated, every registered paper's slot made, and no run in it.
            assert kept.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
            limits = dict(kept.execute('SELECT name, "limit" FROM concurrency_limit_v2'))
            assert limits == {f"crawl-site-{key}": 1 for key in SITES}
            assert kept.execute("SELECT count(*) FROM flow_run").fetchone() == (0,)

        with starting_prefect_server(second, out=io.StringIO()) as server:
            assert (second / "prefect.db").exists()  # copied before its server started
            server.ready(papers=["bacgiang"])
            with get_client(sync_client=True) as client:
                limit = client.read_global_concurrency_limit_by_name("crawl-site-bacgiang")
            assert limit.limit == 1
            # A server that dies with the command has no use for flow-run heartbeats, whose
            # thread each flow run's end waited for (up to a second).
            assert get_current_settings().flows.heartbeat_frequency is None
        assert get_current_settings().flows.heartbeat_frequency == 180  # Prefect's, restored
