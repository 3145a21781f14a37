"""What a run leaves for the operator in Prefect: the summary table as an artifact, the final
state, alarm events for papers in trouble, and crashed runs marked (the store's own run record
is closed by `baotinh.jobs.runs.finish_run_record`)."""

from __future__ import annotations

from typing import Any

from prefect import get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.states import Completed, Failed, State

from baotinh.jobs import runs
from db.engine import get_engine
from db.settings import database_url


def crash_in_prefect(flow_runs: list[tuple[str, str]]) -> None:
    """Give the Prefect flow runs of runs found dead the Crashed state the store gave them, so
    the UI stops showing a killed run as Running. Best effort: the store's record is what counts,
    and a flow run of another Prefect server (or one already final) is left as it is."""
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    logger = get_run_logger()
    for flow_run_id, note in flow_runs:
        try:
            with get_client(sync_client=True) as client:
                found = client.read_flow_run(UUID(flow_run_id))
                if found.state is not None and not found.state.is_final():
                    client.set_flow_run_state(found.id, Crashed(message=note), force=True)
                    logger.info("flow run %s set Crashed in Prefect", found.name)
        except Exception as exc:  # noqa: BLE001 - not ours to fail a night over
            logger.info("flow run %s left as it is in Prefect: %s", flow_run_id, exc)


def publish_and_finish(
    summary: dict[str, Any], artifact_key: str, run_ids: list[int], title: str
) -> State:
    """Publish the per-site table as the run's artifact and give the run its final state:
    Completed, Completed named "Partial" (some sites failed), or Failed (all of them did)."""
    engine = get_engine(database_url())
    status = summary["status"]
    message = runs.run_message(status, summary["sites"])
    if summary.get("months_crawled") == 0:
        message = f"{status}: {summary['note']}"  # the counts are earlier runs' work
    elif summary.get("note"):
        message = f"{message}; {summary['note']}"
    create_table_artifact(
        table=runs.artifact_rows(engine, run_ids, summary["sites"]),
        key=artifact_key,
        description=f"**{title}**: {message}",
    )
    alarms = runs.alarms_message(summary["sites"])
    if alarms:
        message = f"{message}; {alarms}"
        emit_alarms(summary)
    if status == "completed":
        # A night that completed with a paper in trouble ends "Alarm", a Completed state the
        # runs list shows by name and the operators' automation watches.
        if alarms:
            name = "Alarm"
        elif summary.get("months_crawled") == 0:
            name = "Nothing to do"  # a backfill whose every month earlier runs finished
        else:
            name = "Completed"
        return Completed(name=name, message=message, data=summary)
    if status == "partial":
        return Completed(name="Partial", message=message, data=summary)
    return Failed(message=message, data=summary)


def emit_alarms(summary: dict[str, Any]) -> None:
    """One Prefect event per paper in trouble: the UI's event feed shows it whether or not a
    webhook is configured, and an automation can act on it."""
    from prefect.events import emit_event

    for site in summary["sites"]:
        if site.get("alarms"):
            emit_event(
                event="baotinh.paper.alarm",
                resource={"prefect.resource.id": f"baotinh.paper.{site['site']}"},
                payload={"run_id": summary.get("run_id"), "alarms": site["alarms"]},
            )
