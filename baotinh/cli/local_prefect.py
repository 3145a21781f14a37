"""A Prefect API server of our own for the commands that run flows in this process.

Without PREFECT_API_URL, Prefect starts a temporary ("ephemeral") server itself, but gives it 20 s
(counting only its own sleeps), leaves it running when its parent is killed, and fails with a
message that points nowhere. `temporary_prefect_server` starts the same server the same way
(uvicorn, Prefect's `create_app` factory, no UI, ephemeral services) and instead:

- waits for it by the wall clock, up to BAOTINH_PREFECT_STARTUP_S (default 300 s), saying so;
- tries once more if it exits early (a port taken between our probe and its bind);
- ties it to this process: it gets SIGKILL when we die (`baotinh.core.processes`), and it is stopped
  when the block ends;
- points Prefect at it, in this thread and in the threads Prefect starts, so that Prefect never
  starts a server of its own beside it.

With PREFECT_API_URL set (an operator's server), it starts nothing and uses that.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx

from baotinh.core.processes import die_with_parent

STARTUP_ENV = "BAOTINH_PREFECT_STARTUP_S"
DEFAULT_STARTUP_S = 300.0
LOG_NAME = "local-server.log"
_ATTEMPTS = 2


class LocalPrefectError(RuntimeError):
    """The local Prefect server could not be started. `detail` is one line for a person, already
    printed on the progress line; str() says the same on its own."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"cannot start a local Prefect server: {detail}")
        self.detail = detail


def startup_budget_s() -> float:
    raw = os.environ.get(STARTUP_ENV, "").strip()
    if not raw:
        return DEFAULT_STARTUP_S
    try:
        value = float(raw)
    except ValueError:
        raise LocalPrefectError(f"{STARTUP_ENV}={raw!r} is not a number of seconds") from None
    if not value > 0:
        raise LocalPrefectError(f"{STARTUP_ENV}={raw!r} must be more than 0 seconds")
    return value


@contextlib.contextmanager
def temporary_prefect_server(
    prefect_home: Path | None = None,
    startup_s: float | None = None,
    out: IO[str] | None = None,
) -> Iterator[str]:
    """Yield the API URL flows of this process report to: PREFECT_API_URL if it is set, else a
    server started here for the block's duration (its database and log under `prefect_home`,
    default Prefect's PREFECT_HOME).

    Raises LocalPrefectError, before the block runs, if the server is not ready in time.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME

    out = out or sys.stderr
    configured = PREFECT_API_URL.value()
    if configured:
        print(f"Prefect server: {_without_auth(configured)} (PREFECT_API_URL)", file=out)
        yield configured
        return

    home = Path(prefect_home or PREFECT_HOME.value()).expanduser().absolute()
    log_path = home / LOG_NAME
    print("Starting a local Prefect server…", end="", file=out, flush=True)
    started = time.monotonic()
    try:
        budget = startup_s if startup_s is not None else startup_budget_s()
        try:
            home.mkdir(parents=True, exist_ok=True)
            process, api_url = _start(home, log_path, started + budget, budget)
        except OSError as exc:  # an unwritable home, no python to run
            raise LocalPrefectError(f"{exc}; set PREFECT_HOME, or PREFECT_API_URL") from exc
    except LocalPrefectError as exc:
        print(f" failed: {exc.detail}", file=out, flush=True)
        raise
    except BaseException:
        print(file=out, flush=True)
        raise
    print(f" ready in {time.monotonic() - started:.1f} s ({api_url})", file=out, flush=True)
    try:
        with _prefect_uses(api_url):
            try:
                # The one slot per paper holds for local runs too, not only under `serve`.
                from baotinh.cli.operations import create_site_limits
                from baotinh.papers import SITES

                create_site_limits(SITES)
                yield api_url
            finally:
                _drain_prefect_workers()
    finally:
        stop(process)


def _start(
    home: Path, log_path: Path, deadline: float, budget: float
) -> tuple[subprocess.Popen, str]:
    exited = ""
    for _attempt in range(_ATTEMPTS):
        port = _free_port()
        api_url = f"http://127.0.0.1:{port}/api"
        process = _launch(home, port, log_path)
        try:
            if _wait_until_healthy(api_url, process, deadline):
                return process, api_url
        except BaseException:
            stop(process)
            raise
        if process.poll() is None:  # still starting when the time ran out
            stop(process)
            break
        exited = f"; it exited with code {process.returncode}"
    raise LocalPrefectError(
        f"not ready within {budget:g} s{exited} (its log: {log_path});"
        f" set {STARTUP_ENV} to wait longer, or point PREFECT_API_URL at a running Prefect server"
    )


def _launch(home: Path, port: int, log_path: Path) -> subprocess.Popen:
    """Prefect's own recipe (prefect.server.api.server.SubprocessASGIServer), as our child."""
    import prefect
    from prefect.settings import get_current_settings

    env = {
        **os.environ,
        **get_current_settings().to_environment_variables(exclude_unset=True),
        "PREFECT_HOME": str(home),
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    env.pop("PREFECT_API_URL", None)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(prefect.__module_path__.parent),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()} port {port}\n")
        log.flush()
        # Same process group as ours (kill -9 -PGID stops it with us); SIGKILL when we die.
        # Started and waited for from the thread that runs the `with` block, which outlives it.
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=die_with_parent(),
        )


def _wait_until_healthy(api_url: str, process: subprocess.Popen, deadline: float) -> bool:
    """True once /health answers 200; False if the process exits or the deadline passes."""
    with httpx.Client() as client:
        while process.poll() is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                response = client.get(f"{api_url}/health", timeout=min(10.0, max(left, 0.1)))
                if response.status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))
    return False


def _without_auth(url: str) -> str:
    parts = httpx.URL(url)
    return str(parts.copy_with(username=None, password=None)) if parts.userinfo else url


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _prefect_uses(api_url: str) -> Iterator[None]:
    """Point Prefect at `api_url` for this thread and for threads that start without a settings
    context (Prefect's log, event and heartbeat workers fall back to the process-wide one, which
    was read at import): none of them may find PREFECT_API_URL unset and start a server itself."""
    import prefect.context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with contextlib.ExitStack() as stack:
        stack.enter_context(temporary_settings(updates={PREFECT_API_URL: api_url}))
        # What prefect.testing.utilities.prefect_test_harness does for the same reason.
        global_context = getattr(prefect.context, "_temporary_global_settings_context", None)
        if global_context is not None:
            stack.enter_context(global_context(prefect.context.get_settings_context()))
        yield


def _drain_prefect_workers() -> None:
    """Send the flow runs' last logs and events while the server still listens."""
    import inspect

    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.utilities.asyncutils import run_coro_as_sync

    async def drain() -> None:
        with contextlib.suppress(RuntimeError):  # never started
            result = APILogWorker.instance().drain()
            if inspect.isawaitable(result):
                await result
        result = EventsWorker.drain_all()
        if inspect.isawaitable(result):
            await result

    # Lost log lines must not turn a finished run into an error.
    with contextlib.suppress(Exception):
        run_coro_as_sync(drain())


def stop(process: subprocess.Popen, timeout_s: float = 10) -> None:
    """Terminate, wait, kill."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
