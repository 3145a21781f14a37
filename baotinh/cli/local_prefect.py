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
  starts a server of its own beside it;
- can be started first and waited for later (`starting_prefect_server`), so that the command
  does its own preparation meanwhile;
- gives a new home the database of a template: Prefect builds a new database by running its
  hundred-odd migrations (about 6 s of the 10 s a first start takes); the database as the
  first new home's server left it migrated (before anything of ours is in it) is kept, per
  Prefect version, in the user's cache (`$XDG_CACHE_HOME/baotinh`, else `~/.cache/baotinh`)
  and copied into the next new home, whose server then finds nothing to migrate.

With PREFECT_API_URL set (an operator's server), it starts nothing and uses that.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

import httpx

from baotinh.core.processes import die_with_parent

log = logging.getLogger(__name__)

STARTUP_ENV = "BAOTINH_PREFECT_STARTUP_S"
DEFAULT_STARTUP_S = 300.0
LOG_NAME = "local-server.log"
# Where a Prefect database other than the home's own is set (the legacy name and the new one).
_DATABASE_URL_SETTINGS = (
    "PREFECT_API_DATABASE_CONNECTION_URL",
    "PREFECT_SERVER_DATABASE_CONNECTION_URL",
)
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
    papers: Iterable[str] | None = None,
) -> Iterator[str]:
    """Yield the API URL flows of this process report to: PREFECT_API_URL if it is set, else a
    server started here for the block's duration (its database and log under `prefect_home`,
    default Prefect's PREFECT_HOME), with the slot of each of `papers` (default: every
    registered paper).

    Raises LocalPrefectError, before the block runs, if the server is not ready in time.
    """
    with starting_prefect_server(prefect_home, startup_s, out) as server:
        yield server.ready(papers)


@contextlib.contextmanager
def starting_prefect_server(
    prefect_home: Path | None = None,
    startup_s: float | None = None,
    out: IO[str] | None = None,
) -> Iterator[LocalPrefectServer]:
    """`temporary_prefect_server` in two steps: the server starts when the block begins and
    starts while the block does other work (its imports and database take 4-10 s); `ready()`
    waits for it. Nothing is printed before `ready()`, which says what `temporary_prefect_server`
    says. The server stops when the block ends.

    Raises LocalPrefectError when the block begins if the server cannot be launched (a wrong
    BAOTINH_PREFECT_STARTUP_S, an unwritable home), from `ready()` if it is not ready in time.
    """
    server = LocalPrefectServer(prefect_home, startup_s, out or sys.stderr)
    try:
        server.launch()
        yield server
    finally:
        server.close()


class LocalPrefectServer:
    """One local Prefect server, launched at once and waited for later
    (`starting_prefect_server`)."""

    def __init__(self, prefect_home: Path | None, startup_s: float | None, out: IO[str]) -> None:
        self.out = out
        self.prefect_home = prefect_home
        self.configured: str | None = None
        self.home = Path()
        self.startup_s = startup_s
        # Prefect settings this process has and a server in `home` would not find by itself.
        self._settings: dict[str, str] = {}
        self.process: subprocess.Popen | None = None
        self.api_url: str | None = None
        self._port_url = ""
        self._started = 0.0
        self._deadline = 0.0
        self._budget = 0.0
        self._in_use = contextlib.ExitStack()
        self._new_database: Path | None = None  # a database this server creates from nothing

    def launch(self) -> None:
        """Start the server process (nothing to start with PREFECT_API_URL set).

        For this process's own PREFECT_HOME it starts before Prefect is imported here (about a
        second): the server, in the same home and directory, reads the settings this process
        would. A PREFECT_API_URL that only a profile sets is found by `ready()`, which then
        stops the server."""
        own_home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser().absolute()
        home = Path(self.prefect_home).expanduser().absolute() if self.prefect_home else own_home
        if os.environ.get("PREFECT_API_URL") or home != own_home:
            from prefect.settings import PREFECT_API_URL, get_current_settings

            self.configured = PREFECT_API_URL.value() or None
            if self.configured:
                return
            self._settings = get_current_settings().to_environment_variables(exclude_unset=True)
        self.home = home
        self._started = time.monotonic()
        try:
            self._budget = self.startup_s if self.startup_s is not None else startup_budget_s()
            self._deadline = self._started + self._budget
            try:
                self.home.mkdir(parents=True, exist_ok=True)
                self._new_database = _seed_database(self.home, self._settings)
                self._launch_once()
            except OSError as exc:  # an unwritable home, no python to run
                raise LocalPrefectError(f"{exc}; set PREFECT_HOME, or PREFECT_API_URL") from exc
        except LocalPrefectError as exc:
            print(f"Starting a local Prefect server… failed: {exc.detail}", file=self.out)
            raise

    def ready(self, papers: Iterable[str] | None = None) -> str:
        """The API URL, once the server answers (said on `out`); Prefect in this process (and
        the threads it starts) points at it, and each of `papers` (default: every registered
        paper) has its slot there. Raises LocalPrefectError if it is not ready in time."""
        from prefect.settings import PREFECT_API_URL

        if self.configured is None and PREFECT_API_URL.value():
            # Set by a profile, unseen before Prefect was imported: that server, not ours.
            self.configured = PREFECT_API_URL.value()
            if self.process is not None:
                stop(self.process)
                self.process = None
        if self.configured:
            print(
                f"Prefect server: {_without_auth(self.configured)} (PREFECT_API_URL)", file=self.out
            )
            return self.configured
        if self.api_url is not None:
            return self.api_url
        print("Starting a local Prefect server…", end="", file=self.out, flush=True)
        try:
            api_url = self._wait()
        except LocalPrefectError as exc:
            print(f" failed: {exc.detail}", file=self.out, flush=True)
            raise
        except BaseException:
            print(file=self.out, flush=True)
            raise
        took = time.monotonic() - self._started
        print(f" ready in {took:.1f} s ({api_url})", file=self.out, flush=True)
        self._in_use.enter_context(_prefect_uses(api_url))
        # Sent while the server still listens, before the block's end stops it.
        self._in_use.callback(_drain_prefect_workers)
        self.api_url = api_url
        # The one slot per paper holds for local runs too, not only under `serve`.
        from baotinh.cli.operations import create_site_limits
        from baotinh.papers import SITES

        papers = list(SITES if papers is None else papers)
        if self._new_database is not None:
            # The template gets every registered paper's slot: a home made from it then needs
            # no write here (each write may meet the server's 503 and a retry 2 s later).
            create_site_limits(sorted({*SITES, *papers}))
            _keep_template(self._new_database)
        else:
            create_site_limits(papers)
        return api_url

    def close(self) -> None:
        try:
            self._in_use.close()
        finally:
            if self.process is not None:
                stop(self.process)

    def _launch_once(self) -> None:
        port = _free_port()
        self._port_url = f"http://127.0.0.1:{port}/api"
        self.process = _launch(self.home, port, self.home / LOG_NAME, self._settings)

    def _wait(self) -> str:
        """Wait for the launched server; launch it once more if it exits early (a port taken
        between our probe and its bind)."""
        assert self.process is not None
        exited = ""
        for attempt in range(_ATTEMPTS):
            if attempt:
                self._launch_once()
            if _wait_until_healthy(self._port_url, self.process, self._deadline):
                return self._port_url
            if self.process.poll() is None:  # still starting when the time ran out
                break
            exited = f"; it exited with code {self.process.returncode}"
        log_path = self.home / LOG_NAME
        raise LocalPrefectError(
            f"not ready within {self._budget:g} s{exited} (its log: {log_path});"
            f" set {STARTUP_ENV} to wait longer,"
            " or point PREFECT_API_URL at a running Prefect server"
        )


def _template_path() -> Path:
    """Where the migrated database of this Prefect version is kept."""
    from importlib.metadata import version

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "baotinh" / f"prefect-{version('prefect')}.sqlite3"


def _seed_database(home: Path, settings: Mapping[str, str]) -> Path | None:
    """Give a new home (no database yet, Prefect's default database in it) the template's copy;
    without a template, the database the server is about to create, to keep as the template
    once it is ready. None when there is nothing to do (a database of its own, or one set by
    PREFECT_API_DATABASE_CONNECTION_URL)."""
    configured = {**os.environ, **settings}
    if any(name in configured for name in _DATABASE_URL_SETTINGS):
        return None
    database = home / "prefect.db"
    if database.exists():
        return None
    template = _template_path()
    if not template.exists():
        return database
    try:
        partial = home / f".prefect.db.{os.getpid()}"
        shutil.copyfile(template, partial)
        partial.replace(database)
    except OSError as exc:  # an unreadable cache: the server migrates as it would have
        log.warning("Prefect's database template %s not used: %s", template, exc)
    return None


def _keep_template(database: Path) -> None:
    """Keep the database a server has just migrated (its block types registered, the papers'
    slots made, no run in it yet) as the template of new homes. A consistent copy (SQLite's
    backup, while the server runs), written under another name and renamed; best effort."""
    template = _template_path()
    if template.exists() or not database.exists():  # not there: a database set by a profile
        return
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        partial = template.with_name(f".{template.name}.{os.getpid()}")
        with (
            contextlib.closing(sqlite3.connect(database)) as source,
            contextlib.closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
        partial.replace(template)
    except (OSError, sqlite3.Error) as exc:
        log.warning("Prefect's database not kept as a template at %s: %s", template, exc)


def _launch(home: Path, port: int, log_path: Path, settings: Mapping[str, str]) -> subprocess.Popen:
    """Prefect's own recipe (prefect.server.api.server.SubprocessASGIServer), as our child;
    `settings` are the Prefect settings of this process it would not find by itself."""
    spec = importlib.util.find_spec("prefect")
    assert spec is not None and spec.submodule_search_locations
    env = {
        **os.environ,
        **settings,
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
        str(Path(spec.submodule_search_locations[0]).parent),
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
    was read at import): none of them may find PREFECT_API_URL unset and start a server itself.

    Flow runs here send no heartbeats: they tell a lasting server that a worker died, and this
    server dies with the command. Prefect's heartbeat thread sleeps in whole seconds, and every
    flow run's end waited up to one second for it (the demo and each month of a backfill)."""
    import prefect.context
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    with contextlib.ExitStack() as stack:
        stack.enter_context(
            temporary_settings(
                updates={PREFECT_API_URL: api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
            )
        )
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
