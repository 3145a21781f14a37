"""A paper's night against its own recent nights: the alarms an operator reads at 7 a.m."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from baotinh.core.health import Night, Quality, against_usual, assess
from baotinh.jobs import runs
from baotinh.papers import SITES
from db.engine import session_scope
from db.health import earlier_nights, run_quality
from db.runs import finish_run, finish_site_crawl, start_run, start_site_crawl
from db.store import sync_sites


def night(new: int, status: str = "completed", run_id: int = 1) -> Night:
    return Night(run_id, status, new, 0, 0, 0)


def tonight(new: int, status: str = "completed") -> dict:
    return {"site": "langson", "status": status, "new_articles": new, "errors": 0}


def test_a_paper_silent_for_two_nights_raises_one_alarm_naming_what_it_used_to_bring() -> None:
    health = assess("langson", tonight(0), [night(0), night(12), night(10)], Quality())
    assert health.alarms == ["no new article for 2 nights (it used to bring 11 a night)"]


def test_one_quiet_night_is_no_alarm_a_failed_night_neither_breaks_nor_extends_silence() -> None:
    assert assess("langson", tonight(0), [night(9)], Quality()).alarms == []
    # Silent tonight, failed yesterday, silent the night before: two silent nights.
    health = assess("langson", tonight(0), [night(0, "failed"), night(0), night(5)], Quality())
    assert health.alarms[0].startswith("no new article for 2 nights")
    # A night that failed is a failure, reported as such, not a silence.
    assert assess("langson", tonight(0, "failed"), [night(0)], Quality()).alarms == []


def test_a_paper_that_never_brought_anything_is_flagged_too() -> None:
    health = assess("langson", tonight(0), [night(0)], Quality())
    assert health.alarms == ["no new article for 2 nights"]


def test_most_articles_without_a_layout_title_or_date_raise_alarms_a_few_do_not() -> None:
    drifted = Quality(articles=9, without_title=0, without_date=6, without_layout=8)
    health = assess("langson", tonight(9), [night(9)], drifted)
    assert health.alarms == [
        "8 of 9 articles matched none of its layouts: has the site been redesigned?",
        "6 of 9 articles have no date",
    ]
    # A generic profile has no layout to miss; two odd pages out of nine are no alarm.
    generic = assess("langson", tonight(9), [], drifted, has_layouts=False)
    assert generic.alarms == ["6 of 9 articles have no date"]
    assert assess("langson", tonight(9), [], Quality(9, 2, 2, 2)).alarms == []
    # Below MIN_ARTICLES nothing is "most".
    assert assess("langson", tonight(2), [], Quality(2, 2, 2, 2)).alarms == []


def test_tonight_is_shown_beside_the_median_of_earlier_nights() -> None:
    health = assess("langson", tonight(3), [night(10), night(12), night(2)], Quality())
    assert health.usual["new_articles"] == 10
    assert against_usual(3, health.usual["new_articles"]) == "3 (usually 10)"
    assert against_usual(3, None) == "3"


def _night(engine: Engine, trigger: str, site: str, new: int) -> int:
    with session_scope(engine) as session:
        run_id = start_run(session, trigger).id
        crawl = start_site_crawl(session, run_id, site)
        finish_site_crawl(session, crawl.id, "completed", new_articles=new)
        finish_run(session, run_id, "completed")
    return run_id


def test_earlier_nights_are_the_paper_s_own_finished_nights_newest_first_not_backfills(
    migrated_engine: Engine,
) -> None:
    with session_scope(migrated_engine) as session:
        sync_sites(session, SITES.values())
    first = _night(migrated_engine, "nightly", "langson", 7)
    _night(migrated_engine, "backfill", "langson", 300)
    _night(migrated_engine, "nightly", "bacgiang", 4)
    second = _night(migrated_engine, "nightly", "langson", 0)
    third = _night(migrated_engine, "nightly", "langson", 0)
    with session_scope(migrated_engine) as session:
        earlier = earlier_nights(session, "langson", third, 7)
        assert [(n.run_id, n.new_articles) for n in earlier] == [(second, 0), (first, 7)]
        assert run_quality(session, third, "langson") == Quality()

    sites = runs.with_health(migrated_engine, third, [tonight(0)])
    assert sites[0]["alarms"] == ["no new article for 2 nights (it used to bring 7 a night)"]
    (row,) = runs.artifact_rows(migrated_engine, [third], sites)
    assert row["Problem"] == sites[0]["alarms"][0]
    assert row["New"] == "0 (usually 3.5)"
    assert runs.alarms_message(sites) == f"alarm on 1 paper(s): langson: {row['Problem']}"


def _night_of_sample_pages(engine: Engine, key: str, count: int) -> tuple[int, list[int]]:
    """A nightly run that fetched `count` article pages of the paper's sample site, as the
    crawler stores them."""
    from datetime import UTC, datetime

    from baotinh.core.records import FetchedPage
    from baotinh.samplesite import load_site
    from baotinh.samplesite.render import build_routes
    from db.store import store_raw_page

    site = load_site(key)
    routes = build_routes(site, site.base_url)
    with session_scope(engine) as session:
        sync_sites(session, SITES.values())
        run_id = start_run(session, "nightly").id
        page_ids = []
        for article in site.newest_first()[:count]:
            url = article.url(site.base_url)
            response = routes[article.path]
            page = FetchedPage(
                key,
                url,
                url,
                200,
                {"Content-Type": response.content_type},
                response.body,
                datetime.now(UTC),
            )
            page_ids.append(store_raw_page(session, page, run_id=run_id)[0])
    return run_id, page_ids


@pytest.mark.parametrize("redesigned", [False, True], ids=["same-markup", "redesigned"])
def test_the_drift_alarm_fires_when_the_markup_changes_under_a_paper(
    migrated_engine: Engine, monkeypatch: pytest.MonkeyPatch, redesigned: bool
) -> None:
    """Lạng Sơn's pages as its sample site prints them, read by a profile whose only layout is
    the site's previous markup: every article comes through generic extraction, and the night
    says so. The same pages read by the paper's real profile raise nothing."""
    from dataclasses import replace

    from baotinh.jobs.ingest import ingest_pages
    from baotinh.papers import Selectors, get_site
    from baotinh.papers.profile import Layout

    profile = get_site("langson")
    if redesigned:
        before = Layout(
            version="2019",
            markers=("div.lso-old-detail",),
            selectors=Selectors(title="h1.old-title", body="div.lso-old-detail"),
        )
        profile = replace(profile, layouts=(before,))
        monkeypatch.setitem(SITES, "langson", profile)
    run_id, pages = _night_of_sample_pages(migrated_engine, "langson", 5)
    ingest_pages(migrated_engine, profile, pages, run_id=run_id)

    outcome = {"site": "langson", "status": "completed", "new_articles": 5}
    (site,) = runs.with_health(migrated_engine, run_id, [outcome])
    drift = [alarm for alarm in site["alarms"] if "matched none of its layouts" in alarm]
    if redesigned:
        assert drift == [
            "5 of 5 articles matched none of its layouts: has the site been redesigned?"
        ]
        assert runs.alarms_message([site]).startswith("alarm on 1 paper(s): langson: 5 of 5")
    else:
        assert site["alarms"] == []
