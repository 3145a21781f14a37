"""Telling a live run from a dead one, so no run stays "running" forever.

A run records its host and process id when it starts and renews `heartbeat_at` while it works
(`Heartbeat`). The next run to start calls `mark_dead_runs`: a "running" run whose process is
gone (same host) or whose heartbeat is stale (any host) is marked "crashed", with a note saying
who found it and what it left pending in the frontier, which that next run then takes up.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta
from types import TracebackType

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.frontier import state_counts
from db.models import CrawlRun, Site, SiteCrawl, utcnow

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_S = 30.0
# A run whose heartbeat is older than this is dead wherever it ran (a lost machine). Several
# missed beats, so a machine too busy to beat on time is not declared dead.
STALE_AFTER = timedelta(minutes=10)


def this_host() -> str:
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True  # no /proc (not Linux): the signal said it exists


def beat(session: Session, run_id: int) -> None:
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def mark_dead_runs(
    session: Session,
    found_by: int | None = None,
    now: datetime | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> list[CrawlRun]:
    """Mark every dead "running" run "crashed", with a note; returns them."""
    now = now or utcnow()
    host = this_host()
    dead = []
    for run in session.scalars(select(CrawlRun).where(CrawlRun.status == "running")):
        if run.id == found_by:
            continue
        last_sign = run.heartbeat_at or run.started_at
        gone = run.host == host and run.pid is not None and not process_alive(run.pid)
        if gone:
            why = f"its process ({run.pid} on {run.host}) is gone"
        elif last_sign < now - stale_after:
            where = run.host or "an unknown host"
            why = f"no sign of life since {last_sign:%Y-%m-%d %H:%M} UTC on {where}"
        else:
            continue
        finder = f"run {found_by}" if found_by else "a later run"
        run.status = "crashed"
        run.finished_at = now
        run.note = f"crashed: {why}; found by {finder}. {_left_pending(session, run.id)}"
        session.execute(
            update(SiteCrawl)
            .where(SiteCrawl.run_id == run.id, SiteCrawl.status == "running")
            .values(status="crashed", finished_at=now)
            .execution_options(synchronize_session=False)
        )
        dead.append(run)
    session.flush()
    return dead


def _left_pending(session: Session, run_id: int) -> str:
    """What the dead run's sites still have waiting in the frontier, e.g. "Left pending:
    bacgiang 37 discovered, 6 fetched."; the next run of each site takes it up."""
    keys = session.scalars(
        select(Site.key)
        .join(SiteCrawl, SiteCrawl.site_id == Site.id)
        .where(SiteCrawl.run_id == run_id)
    ).all()
    parts = []
    for key in keys:
        counts = state_counts(session, key)
        waiting = [
            f"{counts[state]} {state}"
            for state in ("discovered", "fetched", "retry")
            if counts.get(state)
        ]
        if waiting:
            parts.append(f"{key} {', '.join(waiting)}")
    if not parts:
        return "Nothing was left pending."
    return f"Left pending (the next run takes it up): {'; '.join(parts)}."


class Heartbeat:
    """Renews a run's heartbeat from a background thread while the block runs."""

    def __init__(self, engine: Engine, run_id: int, interval_s: float = HEARTBEAT_INTERVAL_S):
        self.engine = engine
        self.run_id = run_id
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{run_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop renewing (again: nothing)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                with session_scope(self.engine) as session:
                    beat(session, self.run_id)
            except Exception as exc:  # noqa: BLE001 - an outage of the store must not end the run
                log.warning("run %d: heartbeat not recorded: %s", self.run_id, type(exc).__name__)
