"""The operator's Prefect stack: a real server, the work pool, the per-site concurrency limits,
the alert automation, the deployments of prefect.yaml and a process worker.

`baotinh serve` (`make serve`) runs it all in the foreground; the end-to-end tests start the
same pieces on free ports with these functions.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from baotinh.core.processes import die_with_parent

REPO_ROOT = Path(__file__).resolve().parents[2]
WORK_POOL = "baotinh"
ALERT_BLOCK = "baotinh-alerts"
ALERT_AUTOMATION = "baotinh: a run failed, crashed, was partial or raised an alarm"
# The final states an operator wants to hear about. "Partial" is the Completed state a run
# ends in when some sites failed, "Alarm" the one of a night with a paper in trouble (silent,
# redesigned, undated: baotinh/core/health.py) (flows/nightly.py).
ALERT_EVENTS = (
    "prefect.flow-run.Failed",
    "prefect.flow-run.Crashed",
    "prefect.flow-run.TimedOut",
    "prefect.flow-run.Partial",
    "prefect.flow-run.Alarm",
)
PREFECT = str(Path(sys.executable).with_name("prefect"))


AUTH_STRING_ENV = "PREFECT_SERVER_API_AUTH_STRING"
_LOOPBACK = ("127.", "::1", "localhost")


def is_loopback(host: str) -> bool:
    return host.startswith(_LOOPBACK)


def exposure_problem(host: str, env: Mapping[str, str]) -> str | None:
    """Why serving on `host` would expose an open Prefect API, or None. Prefect's API has no
    login: anyone who reaches it can start runs, read logs and change deployments. Beyond
    loopback it needs Prefect's own basic auth (or a reverse proxy with a login in front)."""
    if is_loopback(host) or env.get(AUTH_STRING_ENV):
        return None
    return (
        f"--host {host} would open the Prefect API (no login) to the network: set"
        f" {AUTH_STRING_ENV}=user:password (the UI and every worker then need it, as"
        " PREFECT_API_AUTH_STRING), or keep 127.0.0.1 behind a reverse proxy with a login"
    )


def _auth_header(env: Mapping[str, str]) -> dict[str, str]:
    import base64

    secret = env.get("PREFECT_API_AUTH_STRING") or env.get(AUTH_STRING_ENV)
    if not secret:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}


def prefect_database_url(url: str | None, prefect_home: Path) -> str:
    """The Prefect server's database: a SQLite file under its home by default; a PostgreSQL URL
    of any spelling is switched to asyncpg, the only PostgreSQL driver the server runs on."""
    if not url:
        return f"sqlite+aiosqlite:///{prefect_home / 'prefect.db'}"
    scheme, _, rest = url.partition("://")
    if scheme.split("+")[0] in {"postgresql", "postgres"}:
        return f"postgresql+asyncpg://{rest}"
    return url


def prefect_env(
    api_url: str,
    prefect_home: Path,
    server_database_url: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of every Prefect process of one stack: its own home, API and (for the
    server) database; `extra` adds the store's settings the flow runs read."""
    env = {
        **os.environ,
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_API_URL": api_url,
        # No internet here, and no reason to report usage from an unattended service.
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # Route the plain functions' progress lines into the flow-run logs.
        "PREFECT_LOGGING_EXTRA_LOGGERS": "baotinh",
        **(extra or {}),
    }
    # The worker's flow runs keep their files (var/logs, var/models, the embedded store) where
    # `serve` runs, as the CLI's runs do (see flows/pull.py).
    env.setdefault("BAOTINH_HOME", str(Path.cwd()))
    if env.get(AUTH_STRING_ENV):  # the server asks for it, so its workers and clients give it
        env.setdefault("PREFECT_API_AUTH_STRING", env[AUTH_STRING_ENV])
    # Never the user's ~/.prefect database.
    env["PREFECT_API_DATABASE_CONNECTION_URL"] = prefect_database_url(
        server_database_url, prefect_home
    )
    return env


def start_server(host: str, port: int, env: Mapping[str, str], log: IO[str]) -> subprocess.Popen:
    """`prefect server start` in its own process group (so that stopping it stops its children),
    killed by the kernel if `serve` dies without stopping it."""
    return subprocess.Popen(
        [PREFECT, "server", "start", "--host", host, "--port", str(port)],
        env=dict(env),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=die_with_parent(),
        cwd=REPO_ROOT,
    )


def wait_until_healthy(
    api_url: str, timeout_s: float = 120, process: subprocess.Popen | None = None
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode}")
        request = urllib.request.Request(f"{api_url}/health", headers=_auth_header(os.environ))
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"the Prefect server at {api_url} was not healthy after {timeout_s} s")


def configure(api_url: str, sites: Iterable[str], alert_webhook_url: str | None) -> None:
    """Create (or update) what the deployments rely on: the process work pool, one global
    concurrency limit of one slot per site, and the alert automation (which calls the webhook
    when one is set; without one, its firings still show in the UI's event feed)."""
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    overrides: dict = {PREFECT_API_URL: api_url}
    if os.environ.get(AUTH_STRING_ENV):
        overrides[PREFECT_API_AUTH_STRING] = os.environ[AUTH_STRING_ENV]
    with temporary_settings(overrides):
        _create_work_pool()
        create_site_limits(sites)
        _create_alert_automation(alert_webhook_url)


def _create_work_pool() -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(
            WorkPoolCreate(
                name=WORK_POOL,
                type="process",
                base_job_template=ProcessWorker.get_default_base_job_template(),
            )
        )


def create_site_limits(sites: Iterable[str]) -> None:
    """One global concurrency limit of one slot per paper (created or reset to one slot).

    The server's limits are read in one call and only the missing or changed ones written:
    asking for each by name cost 36 calls (72 on a new server), and the local server on SQLite
    answers about one call in twenty with 503, which Prefect's client retries 2 s later."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import (
        GlobalConcurrencyLimitCreate,
        GlobalConcurrencyLimitUpdate,
    )
    from prefect.exceptions import ObjectAlreadyExists

    from flows.nightly import site_slot_name

    with get_client(sync_client=True) as client:
        existing = {}
        while True:
            page = client.read_global_concurrency_limits(limit=200, offset=len(existing))
            existing.update({limit.name: limit for limit in page})
            if len(page) < 200:
                break
        for site in sites:
            name = site_slot_name(site)
            found = existing.get(name)
            if found is None:
                # Another process may create it between our read and this write: it is there.
                with contextlib.suppress(ObjectAlreadyExists):
                    client.create_global_concurrency_limit(
                        GlobalConcurrencyLimitCreate(name=name, limit=1)
                    )
            elif found.limit != 1:
                client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(limit=1))


def _create_alert_automation(webhook_url: str | None) -> None:
    """The automation that fires when a flow run ends Failed, Crashed, TimedOut, Partial or
    Alarm. With a webhook it sends through a notification block whose URL is a Prefect secret
    (the API shows it masked); without one it does nothing but fire, which the UI shows."""
    from prefect.automations import Automation, DoNothing, EventTrigger, Posture, SendNotification
    from prefect.blocks.notifications import CustomWebhookNotificationBlock
    from prefect.exceptions import ObjectNotFound

    action: DoNothing | SendNotification = DoNothing()
    if webhook_url:
        # The URL often carries a token (Slack, Teams): kept as a secret, filled in when sent.
        block = CustomWebhookNotificationBlock(
            name="baotinh",
            url="{{webhook_url}}",
            secrets={"webhook_url": webhook_url},
            json_data={"subject": "{{subject}}", "body": "{{body}}"},
        )
        action = SendNotification(
            block_document_id=block.save(ALERT_BLOCK, overwrite=True),
            subject="baotinh: {{ flow.name }} run {{ flow_run.name }} is {{ flow_run.state.name }}",
            body=(
                "{{ flow.name }} run {{ flow_run.name }} ended {{ flow_run.state.name }}: "
                "{{ flow_run.state.message }}\n{{ flow_run|ui_url }}"
            ),
        )
    with contextlib.suppress(ObjectNotFound, ValueError):
        Automation.read(name=ALERT_AUTOMATION).delete()
    Automation(
        name=ALERT_AUTOMATION,
        description="Fires when a baotinh run did not fully succeed or a paper is in trouble.",
        trigger=EventTrigger(
            expect=set(ALERT_EVENTS),
            match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.id": "prefect.tag.baotinh"},
            posture=Posture.Reactive,
            threshold=1,
        ),
        actions=[action],
    ).create()


def deploy(env: Mapping[str, str], log: IO[str]) -> None:
    """Register every deployment of prefect.yaml (from the repository root)."""
    subprocess.run(
        [PREFECT, "--no-prompt", "deploy", "--all"],
        env=dict(env),
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
    )


def start_worker(
    name: str, env: Mapping[str, str], log: IO[str], limit: int | None = None
) -> subprocess.Popen:
    """A process worker on the pool, in its own process group: stopping the group stops the
    flow runs it started too, as a machine going down would."""
    command = [PREFECT, "worker", "start", "--pool", WORK_POOL, "--type", "process", "--name", name]
    if limit:
        command += ["--limit", str(limit)]
    return subprocess.Popen(
        command,
        env=dict(env),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # Killed by the kernel if `serve` dies without stopping it (the main thread starts it).
        preexec_fn=die_with_parent(),
        cwd=REPO_ROOT,
    )


def stop(process: subprocess.Popen, timeout_s: float = 20) -> None:
    """SIGTERM to the process, its group and the flow runs it started; SIGKILL if they linger."""
    if process.poll() is not None:
        return
    for pid in _descendants(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout_s)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the process and everything it started, as a machine that dies: the worker and
    the flow runs it runs (which Prefect starts in sessions of their own)."""
    doomed = [process.pid, *_descendants(process.pid)]
    for pid in doomed:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces and parentheses: split after its closing ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found
