"""A throw-away PostgreSQL cluster that a test may stop, restart and take down for a while.

The shared test server (BAOTINH_TEST_POSTGRES_URL) must never be stopped, so outage tests run
their own: initdb into a temporary folder, trust auth, no fsync, listening on 127.0.0.1 only, on a
free port, with its unix socket inside the folder. As root the binaries run as the `postgres` OS
user (initdb refuses root).

    with PostgresCluster.create() as cluster:
        cluster.start()
        url = cluster.create_database("baotinh")
        outage = cluster.outage(15)   # stopped now, started again 15 s later in a thread
        ...
        outage.join()
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from sqlalchemy.engine import URL

# Generous: the test machine has two cores and is often busy.
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 60
SERVER_USER = "postgres"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL binaries (or no way to run them) on this machine."""


class ClusterError(RuntimeError):
    """initdb or pg_ctl failed; the message carries its stderr and the server log's tail."""


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: `pg_config --bindir`, else /usr/lib/postgresql/*/bin."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=30, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            candidates.append(Path(out))
    # Newest major version first.
    found = glob.glob("/usr/lib/postgresql/*/bin")
    found.sort(key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else -1)
    candidates.extend(Path(p) for p in reversed(found))
    for bindir in candidates:
        if all(os.access(bindir / name, os.X_OK) for name in ("initdb", "pg_ctl")):
            return bindir
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Outage:
    """A stop now and a start `seconds` later, in a background thread; see `PostgresCluster`."""

    def __init__(self, cluster: PostgresCluster, seconds: float) -> None:
        self.cluster = cluster
        self.seconds = seconds
        self.stopped_at: float | None = None  # time.monotonic() when the server was down
        self.started_at: float | None = None  # time.monotonic() when it accepted connections
        self.error: Exception | None = None
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._start_later, name="pg-outage", daemon=True)

    def begin(self) -> Outage:
        self.cluster.stop()
        self.stopped_at = time.monotonic()
        self._thread.start()
        return self

    def _start_later(self) -> None:
        if self._cancel.wait(self.seconds):
            return
        try:
            self.cluster.start()
            self.started_at = time.monotonic()
        except (ClusterError, subprocess.SubprocessError, OSError) as exc:  # join() raises it
            self.error = exc

    @property
    def duration_s(self) -> float | None:
        """How long the server was down (stop returned → start returned), once it is back."""
        if self.stopped_at is None or self.started_at is None:
            return None
        return self.started_at - self.stopped_at

    def cancel(self) -> None:
        """Do not start the server again (cleanup after a failed test)."""
        self._cancel.set()
        if self._thread.is_alive():
            self._thread.join(timeout=START_TIMEOUT_S + 10)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the server to be back; re-raise the restart's failure, if any."""
        self._thread.join(
            timeout=timeout if timeout is not None else self.seconds + START_TIMEOUT_S
        )
        if self._thread.is_alive():
            raise TimeoutError(f"the throw-away PostgreSQL did not come back ({self.cluster})")
        if self.error is not None:
            raise self.error


class PostgresCluster:
    """One initdb'd data directory under a temporary folder; `cleanup()` stops it and removes it."""

    def __init__(self, bindir: Path, root: Path, port: int) -> None:
        self.bindir = bindir
        self.root = root
        self.data_dir = root / "data"
        self.socket_dir = root
        self.log_file = root / "server.log"
        self.port = port
        self.password: str | None = None
        self._outages: list[Outage] = []
        self._running = False
        self._started_once = False
        self._lock = threading.Lock()

    # -- creation -------------------------------------------------------------------------------

    @classmethod
    def create(cls, bindir: Path | None = None) -> PostgresCluster:
        """initdb a new cluster (not started). Raises ClusterUnavailable without binaries."""
        bindir = bindir or find_bindir()
        if bindir is None:
            raise ClusterUnavailable(
                "no PostgreSQL server binaries (pg_config --bindir, /usr/lib/postgresql/*/bin)"
            )
        owner = _server_owner()
        # Not pytest's tmp_path: its parents are private to root, and the server user must reach
        # the folder.
        root = Path(tempfile.mkdtemp(prefix="baotinh-pg-"))
        cluster = cls(bindir, root, free_port())
        try:
            if owner is not None:
                os.chown(root, owner.pw_uid, owner.pw_gid)
            cluster._run(
                "initdb",
                "-D",
                str(cluster.data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
                "--no-instructions",
                timeout=START_TIMEOUT_S,
            )
            with open(cluster.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
                conf.write(
                    "\n# baotinh throw-away test cluster\n"
                    "listen_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{cluster.socket_dir}'\n"
                    "fsync = off\n"
                    "synchronous_commit = off\n"
                    "full_page_writes = off\n"
                    "shared_buffers = 16MB\n"
                    "max_connections = 30\n"
                    "logging_collector = off\n"
                )
        except BaseException:
            cluster.cleanup()
            raise
        return cluster

    # -- server control -------------------------------------------------------------------------

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        """Start and wait until it accepts connections (pg_ctl -w).

        The port was free when picked, but another process may take it before the first start;
        then the first start picks another. Later starts keep the port: URLs handed out name it.
        """
        with self._lock:
            for attempt in range(3):
                try:
                    self._pg_ctl(
                        "start",
                        "-w",
                        "-t",
                        str(int(timeout)),
                        "-l",
                        str(self.log_file),
                        "-o",
                        f"-p {self.port}",
                    )
                    break
                except ClusterError as exc:
                    if self._started_once or attempt == 2 or "could not bind" not in str(exc):
                        raise
                    self.port = free_port()
            self._running = self._started_once = True

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stop in fast mode: open sessions are terminated, nothing waits for clients."""
        with self._lock:
            self._pg_ctl("stop", "-m", "fast", "-w", "-t", str(int(timeout)))
            self._running = False

    def restart(self) -> None:
        self.stop()
        self.start()

    def outage(self, seconds: float) -> Outage:
        """Stop the server now (returns once it is down) and start it again `seconds` later."""
        outage = Outage(self, seconds)
        self._outages.append(outage)
        return outage.begin()

    @property
    def running(self) -> bool:
        return self._running

    # -- databases ------------------------------------------------------------------------------

    def url_for(self, database: str = "postgres", password: str | None = None) -> str:
        """A psycopg 3 URL; with trust auth any password is accepted (and ignored)."""
        return URL.create(
            "postgresql+psycopg",
            username="postgres",
            password=password if password is not None else self.password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        ).render_as_string(hide_password=False)

    @property
    def url(self) -> str:
        return self.url_for()

    def create_database(self, name: str = "baotinh") -> str:
        """CREATE DATABASE `name` (the server must be running); its URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    # -- cleanup --------------------------------------------------------------------------------

    def cleanup(self) -> None:
        """Stop the server whatever state it is in, and remove the folder. Safe to call twice."""
        for outage in self._outages:
            outage.cancel()
        if (self.data_dir / "postmaster.pid").exists():
            with contextlib.suppress(ClusterError, subprocess.SubprocessError, OSError):
                self._pg_ctl("stop", "-m", "immediate", "-w", "-t", str(STOP_TIMEOUT_S))
        self._running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cleanup()

    def __repr__(self) -> str:
        return f"PostgresCluster(127.0.0.1:{self.port}, {self.root})"

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    # -- helpers --------------------------------------------------------------------------------

    def _pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), *args, timeout=START_TIMEOUT_S + 30)

    def _run(self, program: str, *args: str, timeout: float) -> None:
        command = [str(self.bindir / program), *args]
        if _server_owner() is not None:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        # The server pg_ctl starts writes to -l, so it holds no pipe of ours open.
        done = subprocess.run(
            command,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=self.root,
        )
        if done.returncode != 0:
            raise ClusterError(
                f"{program} failed ({done.returncode}) for {self}: {done.stderr.strip()}\n"
                f"server log:\n{self.log_tail()}"
            )


def _server_owner() -> pwd.struct_passwd | None:
    """The OS user to run the server as: `postgres` when we are root, else ourselves (None)."""
    if os.geteuid() != 0:
        return None
    if shutil.which("runuser") is None:
        raise ClusterUnavailable("running as root without `runuser` to switch to postgres")
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ClusterUnavailable(f"running as root and there is no {SERVER_USER!r} user") from None
