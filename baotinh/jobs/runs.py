"""One crawl run over several sites, as plain functions the flow calls step by step."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from baotinh.core import health
from baotinh.core.records import CrawlError
from baotinh.jobs.crawl import CrawlPlan, CrawlResult
from baotinh.jobs.crawl_settings import CrawlSettings
from baotinh.jobs.ingest import IngestCounts
from baotinh.papers import SiteProfile, get_site
from db.engine import session_scope
from db.frontier import pending_count, state_counts
from db.health import articles_of_run, earlier_nights, run_quality
from db.labels import top_topics as topics_of
from db.liveness import mark_dead_runs
from db.models import CrawlErrorRow, CrawlRun, Site
from db.runs import (
    SITE_CRAWL_COUNTS,
    finish_run,
    finish_site_crawl,
    start_run,
    start_site_crawl,
)
from db.store import record_error, sync_sites


@dataclass
class SiteOutcome:
    site: str
    status: str
    requests: int = 0
    pages: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    unchanged_articles: int = 0
    duplicates: int = 0
    outside_window: int = 0
    errors: int = 0
    # The frontier: article URLs found for the first time, article pages fetched, pages that
    # became stored articles (or copies of one); and, after the run, the URLs still waiting
    # (discovered, fetched, retry), those waiting for a retry, those given up on.
    discovered: int = 0
    fetched: int = 0
    stored: int = 0
    pending: int = 0
    retrying: int = 0
    failed: int = 0
    problem: str | None = None
    # What self-discovery found that the profile does not say (baotinh.extraction.discovery),
    # or None.
    self_discovery: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RunOutcome:
    run_id: int
    status: str
    sites: list[SiteOutcome] = field(default_factory=list)


def site_status(crawl: CrawlResult | None) -> tuple[str, str | None]:
    """A site fails when its crawl did not finish or nothing answered; page errors don't fail it."""
    if crawl is None:
        return "failed", "the crawl did not start"
    if crawl.timed_out:
        return "failed", "the crawl hit its time limit"
    if crawl.stats.get("baotinh/store/unavailable"):
        why = crawl.stats["baotinh/store/unavailable"]
        return (
            "failed",
            f"the store was unreachable ({why}); the next run fetches what was not saved",
        )
    if not crawl.ok:
        return "failed", f"the spider exited with code {crawl.exit_code}"
    if crawl.responses == 0:
        return "failed", "the site answered no request (down or unreachable?)"
    return "completed", None


def run_status(outcomes: list[SiteOutcome]) -> str:
    failed = sum(outcome.status == "failed" for outcome in outcomes)
    if outcomes and failed == len(outcomes):
        return "failed"
    return "partial" if failed else "completed"


def count_errors(engine: Engine, run_id: int, site_key: str) -> int:
    with session_scope(engine) as session:
        return (
            session.scalar(
                select(func.count(CrawlErrorRow.id))
                .join(Site, Site.id == CrawlErrorRow.site_id)
                .where(CrawlErrorRow.run_id == run_id, Site.key == site_key)
            )
            or 0
        )


@dataclass(frozen=True)
class OpenedRun:
    run_id: int
    # Runs found dead on the way in: (their Prefect flow run id, why), for Prefect to be told.
    crashed: list[tuple[str, str]]
    # Said of each, for the run's log.
    notes: list[str]


def run_parameters(
    sites: list[str],
    settings: CrawlSettings,
    plan: CrawlPlan,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What a run records as asked for."""
    return {"sites": sites, "polite": settings.polite, **asdict(plan), **(extra or {})}


def open_run(
    engine: Engine,
    profiles: list[SiteProfile],
    trigger: str,
    parameters: dict[str, Any],
    prefect_flow_run_id: str | None = None,
) -> OpenedRun:
    """Record a new run of `profiles` (their sites made known first), and mark the runs whose
    process died as crashed: this run takes up what they left in the frontier."""
    with session_scope(engine) as session:
        sync_sites(session, profiles)
        run = start_run(session, trigger, parameters, prefect_flow_run_id)
        crashed, notes = [], []
        for dead in mark_dead_runs(session, found_by=run.id):
            notes.append(f"run {dead.id} ({dead.trigger}) marked crashed: {dead.note}")
            if dead.prefect_flow_run_id:
                crashed.append((dead.prefect_flow_run_id, dead.note or "crashed"))
        return OpenedRun(run.id, crashed, notes)


def attach_flow_run(engine: Engine, run_id: int, prefect_flow_run_id: str | None) -> None:
    """A run opened before its flow (the demo's head start) learns its Prefect flow run."""
    if not prefect_flow_run_id:
        return
    with session_scope(engine) as session:
        session.get_one(CrawlRun, run_id).prefect_flow_run_id = prefect_flow_run_id


def finish_run_record(engine: Engine, run_id: int, status: str, note: str | None) -> None:
    """Close the run's record: how it ended, and why when it did not end well."""
    with session_scope(engine) as session:
        finish_run(session, run_id, status, note)


def open_site_crawl(engine: Engine, run_id: int, profile: SiteProfile) -> int:
    with session_scope(engine) as session:
        return start_site_crawl(session, run_id, profile.key).id


def close_site_crawl(
    engine: Engine,
    site_crawl_id: int,
    run_id: int,
    profile: SiteProfile,
    crawl: CrawlResult | None,
    ingest: IngestCounts,
) -> SiteOutcome:
    """Record how the site's crawl ended, with the frontier as it is now; an outage of the
    store that the crawl waited out is recorded as an error of the run, so it stays visible."""
    status, problem = site_status(crawl)
    stats = crawl.stats if crawl else {}
    with session_scope(engine) as session:
        outage = stats.get("baotinh/store/outage_s")
        if outage:
            waits = stats.get("baotinh/store/waits", 0)
            record_error(
                session,
                run_id,
                CrawlError(
                    profile.key,
                    profile.base_url,
                    "store_outage",
                    f"the store was unreachable for {outage} s during the crawl; {waits}"
                    " write attempt(s) waited for it and none was lost",
                ),
            )
        frontier = state_counts(session, profile.key)
    outcome = SiteOutcome(
        site=profile.key,
        status=status,
        requests=crawl.requests if crawl else 0,
        pages=crawl.responses if crawl else 0,
        new_articles=ingest.new,
        updated_articles=ingest.updated,
        unchanged_articles=ingest.unchanged,
        duplicates=ingest.duplicates,
        outside_window=ingest.outside_window,
        errors=count_errors(engine, run_id, profile.key),
        discovered=int(stats.get("baotinh/frontier/discovered_new", 0)),
        fetched=int(stats.get("baotinh/raw_pages/stored", 0)),
        stored=ingest.new + ingest.updated + ingest.unchanged + ingest.duplicates,
        pending=pending_count(frontier),
        retrying=frontier.get("retry", 0),
        failed=frontier.get("failed", 0),
        problem=problem,
        self_discovery=stats.get("baotinh/discovery/self/report") or None,
    )
    with session_scope(engine) as session:
        finish_site_crawl(
            session,
            site_crawl_id,
            status,
            outcome.self_discovery,
            **{name: getattr(outcome, name) for name in SITE_CRAWL_COUNTS},
        )
    return outcome


def top_topics(engine: Engine, run_id: int, site_key: str) -> str:
    """The most frequent topics among the articles `run_id` stored for `site_key`, as
    "chinh-tri 12, kinh-te 7, xa-hoi 3", for the run's artifact."""
    with session_scope(engine) as session:
        article_ids = session.scalars(articles_of_run(run_id, site_key)).all()
        return topics_of(session, article_ids)


# What an operator reads in the run's Prefect artifact, in this order, under these headings:
# what is wrong comes first (a wide table must not push it off the screen), then the counts
# that say whether the paper is well, then the rest.
ARTIFACT_COLUMNS = (
    ("problem", "Problem"),
    ("site", "Paper"),
    ("status", "Status"),
    ("new_articles", "New"),
    ("updated_articles", "Updated"),
    ("errors", "Errors"),
    ("pending", "Pending"),
    ("retrying", "Retrying"),
    ("failed", "Gave up"),
    ("discovered", "Discovered"),
    ("fetched", "Fetched"),
    ("stored", "Stored"),
    ("requests", "Requests"),
    ("duplicates", "Duplicates"),
    ("top_topics", "Top topics"),
    # What self-discovery found that the paper's profile does not say
    # (baotinh.extraction.discovery).
    ("self_discovery", "Self-discovery"),
)


def with_health(engine: Engine, run_id: int, sites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The per-site dicts of a night, each with its drift `alarms` and its `usual` counts (the
    median of its last nights), for the artifact and the alert."""
    assessed = []
    with session_scope(engine) as session:
        for site in sites:
            result = health.assess(
                site["site"],
                site,
                earlier_nights(session, site["site"], run_id, health.NIGHTS),
                run_quality(session, run_id, site["site"]),
                has_layouts=bool(get_site(site["site"]).effective_layouts),
            )
            assessed.append({**site, "alarms": result.alarms, "usual": result.usual})
    return assessed


def artifact_rows(
    engine: Engine, run_ids: list[int], sites: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One row per site for the run's table artifact, papers with a problem first; `sites` are
    per-site dicts with at least the counts of `SiteOutcome` (a night's outcomes, with their
    health, or a backfill's per-site totals)."""
    rows = []
    for site in sites:
        topics = [top_topics(engine, run_id, site["site"]) for run_id in run_ids]
        usual = site.get("usual") or {}
        cells = {key: site.get(key, "") for key, _ in ARTIFACT_COLUMNS}
        for key in health.TRACKED:
            cells[key] = health.against_usual(cells[key], usual.get(key))
        cells["top_topics"] = "; ".join(topic for topic in topics if topic)
        cells["problem"] = "; ".join(filter(None, [site.get("problem"), *site.get("alarms", [])]))
        cells["self_discovery"] = site.get("self_discovery") or ""
        rows.append({heading: cells[key] for key, heading in ARTIFACT_COLUMNS})
    return sorted(rows, key=lambda row: (not row["Problem"], row["Paper"]))


def alarms_message(sites: list[dict[str, Any]]) -> str | None:
    """One line naming every paper with a drift alarm, or None."""
    raised = [
        f"{site['site']}: {'; '.join(site['alarms'])}" for site in sites if site.get("alarms")
    ]
    return f"alarm on {len(raised)} paper(s): " + " | ".join(raised) if raised else None


def backoff_delays(retries: int, first_delay_s: float) -> list[float]:
    """Seconds to wait before each retry: doubling from `first_delay_s` (60 → 60, 120, 240)."""
    return [first_delay_s * 2**attempt for attempt in range(retries)]


def run_message(status: str, sites: list[dict[str, Any]]) -> str:
    """The one line a flow run's final state carries, e.g. "partial: 1 of 5 sites failed
    (langson: the crawl hit its time limit)"."""
    failed = [site for site in sites if site.get("status") != "completed"]
    if not failed:
        new = sum(site.get("new_articles", 0) for site in sites)
        return f"{status}: {len(sites)} site(s) completed, " + (
            f"{new} new article(s)" if new else "nothing new"
        )
    reasons = ", ".join(
        f"{site['site']}: {site['problem']}" if site.get("problem") else site["site"]
        for site in failed
    )
    return f"{status}: {len(failed)} of {len(sites)} site(s) failed ({reasons})"
