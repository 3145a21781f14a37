"""`baotinh serve` stopped by a service manager (SIGTERM) stops its Prefect server and workers,
frees its port, and never prints the store's password. Listening beyond loopback, its API asks
for Prefect's basic auth, which its own worker gives."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.prefect_stack import free_port

pytestmark = pytest.mark.slow
PASSWORD = "s3cret-for-the-test"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _post(url: str, auth: str | None) -> int | list:
    """The JSON answer of a POST, or the HTTP status when it is refused."""
    import base64
    import json
    import urllib.error
    import urllib.request

    headers = {"Content-Type": "application/json"}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    request = urllib.request.Request(url, data=b"{}", headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.postgres
def test_sigterm_stops_serve_its_server_and_its_worker(
    postgres_database_url: str, tmp_path: Path
) -> None:
    from sqlalchemy.engine import make_url

    port = free_port()
    # The test server trusts every connection, so any password works: none may be printed.
    store = make_url(postgres_database_url).set(password=PASSWORD)
    env = {
        **os.environ,
        "BAOTINH_DATABASE_URL": store.render_as_string(hide_password=False),
        "BAOTINH_PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_API_AUTH_STRING": f"admin:{PASSWORD}",
    }
    for name in ("PREFECT_API_URL", "BAOTINH_PREFECT_DATABASE_URL", "BAOTINH_ALERT_WEBHOOK_URL"):
        env.pop(name, None)
    output = tmp_path / "serve.log"
    with output.open("w") as log:
        serve = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "baotinh.cli",
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                f"{port}",
            ],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 240
            while "Ctrl-C stops everything" not in output.read_text():
                assert serve.poll() is None, output.read_text()[-3000:]
                assert time.monotonic() < deadline, output.read_text()[-3000:]
                time.sleep(0.5)
            children = _children(serve.pid)
            assert len(children) >= 2  # the server and the worker
            api = f"http://127.0.0.1:{port}/api"
            assert _post(api + "/deployments/filter", auth=None) == 401
            # Its worker has the password too: it shows up on the pool.
            while not _post(api + "/work_pools/baotinh/workers/filter", auth=f"admin:{PASSWORD}"):
                assert time.monotonic() < deadline, output.read_text()[-3000:]
                time.sleep(1)

            serve.send_signal(signal.SIGTERM)
            assert serve.wait(timeout=90) == 0
        finally:
            if serve.poll() is None:
                serve.kill()
                serve.wait()

    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if _alive(pid)]
    # The port is free for the next server: nothing listens on it. Connections the server
    # closed may linger in TIME_WAIT for a minute; a server binds past those with SO_REUSEADDR
    # (uvicorn does), and Linux still refuses that bind while anything is listening.
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
    assert PASSWORD not in output.read_text()
