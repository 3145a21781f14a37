"""A real Prefect stack for end-to-end tests, started the way `baotinh serve` starts it: a server
on a free port with its own home and database, the work pool, the per-site limits, the alert
automation, the deployments of prefect.yaml, and process workers. Everything is stopped (process
groups killed) when the context ends."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from baotinh.cli import operations
from baotinh.core.processes import die_with_parent

REPO_ROOT = Path(__file__).resolve().parents[2]

TERMINAL_STATES = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebhookReceiver(ThreadingHTTPServer):
    """Records the JSON bodies POSTed to it: where the alert automation sends."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                receiver.bodies.append(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/alerts"


@dataclass
class PrefectStack:
    api_url: str
    ui_url: str
    env: dict[str, str]
    log_dir: Path
    worker_limit: int | None = None
    workers: dict[str, Any] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.api_url, timeout=30)

    def deployment(self, name: str) -> dict[str, Any]:
        with self.client() as client:
            response = client.get(f"/deployments/name/{name}")
            response.raise_for_status()
            return response.json()

    def run_deployment(self, name: str, parameters: dict[str, Any]) -> dict[str, Any]:
        """Create a flow run of a deployment as the UI's "Custom run" does."""
        deployment_id = self.deployment(name)["id"]
        with self.client() as client:
            response = client.post(
                f"/deployments/{deployment_id}/create_flow_run", json={"parameters": parameters}
            )
            response.raise_for_status()
            return response.json()

    def flow_run(self, flow_run_id: str) -> dict[str, Any]:
        with self.client() as client:
            response = client.get(f"/flow_runs/{flow_run_id}")
            response.raise_for_status()
            return response.json()

    def flow_runs(self, **filters: Any) -> list[dict[str, Any]]:
        with self.client() as client:
            response = client.post("/flow_runs/filter", json={**filters, "sort": "START_TIME_ASC"})
            response.raise_for_status()
            return response.json()

    def run_logs(self, flow_run_id: str) -> list[dict[str, Any]]:
        """The run's log lines as the UI shows them, oldest first."""
        with self.client() as client:
            response = client.post(
                "/logs/filter",
                json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "sort": "TIMESTAMP_ASC"},
            )
            response.raise_for_status()
            return response.json()

    def slot_holds(self, limit_name: str) -> list[tuple[datetime, datetime]]:
        """When the global concurrency limit's slot was held (acquired, released), from the
        events the server recorded, oldest first; holds not yet released are left out."""
        with self.client() as client:
            response = client.post(
                "/events/filter",
                json={
                    "filter": {
                        "event": {"prefix": ["prefect.concurrency-limit."]},
                        "resource": {"labels": {"prefect.resource.name": [limit_name]}},
                    },
                    "limit": 50,
                },
            )
            response.raise_for_status()
            events = response.json()["events"]
        acquired = {e["id"]: e["occurred"] for e in events if e["event"].endswith(".acquired")}
        holds = [
            (datetime.fromisoformat(acquired[e["follows"]]), datetime.fromisoformat(e["occurred"]))
            for e in events
            if e["event"].endswith(".released") and e.get("follows") in acquired
        ]
        return sorted(holds)

    def wait(self, flow_run_id: str, timeout_s: float = 180) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            run = self.flow_run(flow_run_id)
            if run["state"]["type"] in TERMINAL_STATES:
                return run
            time.sleep(0.5)
        raise TimeoutError(f"flow run {flow_run_id} not finished after {timeout_s} s: {run}")

    def start_worker(self, name: str) -> None:
        log = open(self.log_dir / f"{name}.log", "a", encoding="utf-8")  # noqa: SIM115
        process = operations.start_worker(name, self.env, log, limit=self.worker_limit)
        self.workers[name] = (process, log)

    def start_worker_elsewhere(
        self, name: str, python: Path, host: Path, extra_env: dict[str, str]
    ) -> None:
        """A worker as another machine would run it: `python` of its own environment, started
        in `host` with a home and a Prefect home of its own and nothing of this checkout's
        environment but the API's address."""
        host.mkdir(parents=True, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(host),
            "PREFECT_HOME": str(host / "prefect-home"),
            "PREFECT_API_URL": self.api_url,
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_LOGGING_EXTRA_LOGGERS": "baotinh",
            **extra_env,
        }
        command = [str(python), "-m", "prefect", "worker", "start", "--pool"]
        command += [operations.WORK_POOL, "--type", "process", "--name", name]
        if self.worker_limit:
            command += ["--limit", str(self.worker_limit)]
        log = open(self.log_dir / f"{name}.log", "a", encoding="utf-8")  # noqa: SIM115
        process = subprocess.Popen(
            command,
            env=env,
            cwd=host,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent(),
        )
        self.workers[name] = (process, log)

    def kill_worker(self, name: str) -> None:
        process, log = self.workers.pop(name)
        operations.kill(process)
        log.close()

    def worker_log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def logs(self) -> str:
        """Every log of the stack, for a failing assertion's message."""
        return "\n".join(
            f"===== {path.name}\n{path.read_text(errors='replace')[-6000:]}"
            for path in sorted(self.log_dir.glob("*.log"))
        )


@contextmanager
def prefect_stack(
    tmp: Path,
    prefect_database_url: str | None,
    sites: list[str],
    worker_names: list[str],
    alert_webhook_url: str | None = None,
    extra_env: dict[str, str] | None = None,
    worker_limit: int | None = None,
) -> Iterator[PrefectStack]:
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log_dir = tmp / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    env = operations.prefect_env(
        api_url,
        tmp / "prefect-home",
        prefect_database_url,
        extra={
            # Workers ask for work every second, not every ten: the tests wait less.
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "BAOTINH_LOG_DIR": str(log_dir / "crawls"),
            **(extra_env or {}),
        },
    )
    stack = PrefectStack(api_url, f"http://127.0.0.1:{port}", env, log_dir, worker_limit)
    server_log = open(log_dir / "server.log", "a", encoding="utf-8")  # noqa: SIM115
    server = operations.start_server("127.0.0.1", port, env, server_log)
    try:
        operations.wait_until_healthy(api_url, timeout_s=120, process=server)
        operations.configure(api_url, sites, alert_webhook_url)
        with open(log_dir / "deploy.log", "a", encoding="utf-8") as deploy_log:
            operations.deploy(env, deploy_log)
        for name in worker_names:
            stack.start_worker(name)
        yield stack
    finally:
        for name in list(stack.workers):
            process, log = stack.workers.pop(name)
            operations.stop(process)
            log.close()
        operations.stop(server)
        server_log.close()


@contextmanager
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    thread = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield receiver
    finally:
        receiver.shutdown()
        receiver.server_close()
        thread.join(timeout=10)


def install_elsewhere(root: Path) -> Path:
    """The baotinh wheel, built from this checkout now, installed in a virtual environment of
    its own under `root`; returns that environment's python.

    The environment takes baotinh only from the wheel. Its dependencies (Prefect, Scrapy, …)
    come from the project's environment through a `.pth` line, so the test downloads nothing;
    directories listed in a `.pth` file are not scanned for `.pth` files of their own, so the
    checkout's editable install stays out of it.
    """
    dist, venv = root / "dist", root / "venv"
    build = "import sys, hatchling.build as b; print(b.build_wheel(sys.argv[1]))"
    wheel = subprocess.run(
        [sys.executable, "-c", build, str(dist)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    uv = REPO_ROOT / ".tools" / "bin" / "uv"  # what `make install` installs with
    install = ["pip", "install", "--quiet", "--offline", "--no-deps", "--python", str(python)]
    subprocess.run([str(uv), *install, str(dist / wheel)], check=True)
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site_packages) / "baotinh-test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python
