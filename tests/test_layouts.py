"""Dated layouts: which of a paper's layouts a page gets, what `check-url` says of an address, and
that `reprocess` re-extracts with the layout a page fits once the profile knows it."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import html
from sqlalchemy import select

from baotinh.cli import main
from baotinh.core.records import FetchedPage
from baotinh.extraction.decoding import read_saved_page
from baotinh.extraction.html import extract_article
from baotinh.jobs.ingest import ingest_pages
from baotinh.jobs.reprocess import reprocess_site
from baotinh.papers import get_site
from baotinh.papers.layouts import choose_layout, url_date
from baotinh.papers.profile import Layout, Selectors, SiteProfile
from db.engine import make_engine, session_scope
from db.models import Article, RawPage, Site
from db.store import store_raw_page, sync_sites

SAVED = Path(__file__).parent / "sites"
OLD_DESIGN = Layout("2019", until=date(2025, 1, 1), selectors=Selectors(body="div.old-body"))
NEW_DESIGN = Layout(
    "2025-01-01",
    since=date(2025, 1, 1),
    markers=("div.b-maincontent",),
    selectors=Selectors(body="div.b-maincontent"),
)


def _profile(*layouts: Layout) -> SiteProfile:
    return SiteProfile(key="test", name="Báo Thử", domain="bao-thu.invalid", layouts=layouts)


def _tree(body: str) -> html.HtmlElement:
    return html.document_fromstring(f"<html><body>{body}</body></html>")


def _never() -> date | None:
    raise AssertionError("the page's markers decide; its date must not be read")


def test_markers_beat_the_date() -> None:
    # An article of 2019 served in the new template (papers re-render their archives).
    profile = _profile(OLD_DESIGN, NEW_DESIGN)
    page = _tree('<div class="b-maincontent"><p>Tin cũ, giao diện mới.</p></div>')
    assert choose_layout(profile, page, _never) is NEW_DESIGN
    old_page = _tree('<div class="old-body"><p>Tin cũ.</p></div>')
    assert choose_layout(profile, old_page, _never) is OLD_DESIGN


def test_the_date_picks_when_the_markers_cannot() -> None:
    # A change of sapo prefix on a date, same markup: only the date tells the layouts apart.
    before = Layout("2020", until=date(2024, 6, 1), lead_prefix=r"\(HT\)\s*-\s*")
    after = Layout("2024-06-01", since=date(2024, 6, 1), lead_prefix=r"\(BHT\)\s*-\s*")
    profile = _profile(before, after)
    page = _tree("<article><p>Bài viết.</p></article>")
    assert choose_layout(profile, page, lambda: date(2023, 3, 2)) is before
    assert choose_layout(profile, page, lambda: date(2024, 6, 1)) is after
    assert choose_layout(profile, page, lambda: None) is after  # undated: the current one
    # Both carry the same body container: the date picks among them too.
    shared = Selectors(body="div.entry")
    old, new = (dataclasses.replace(layout, selectors=shared) for layout in (before, after))
    shared_page = _tree('<div class="entry"><p>Bài viết.</p></div>')
    assert choose_layout(_profile(old, new), shared_page, lambda: date(2023, 3, 2)) is old


def test_a_page_no_layout_fits_gets_none() -> None:
    profile = _profile(OLD_DESIGN, NEW_DESIGN)
    third_design = _tree('<div class="detail-v3"><p>Giao diện chưa ai biết.</p></div>')
    assert choose_layout(profile, third_design, lambda: date(2026, 1, 1)) is None
    assert choose_layout(None, third_design, _never) is None


def test_a_profile_with_selectors_only_has_them_as_its_one_layout() -> None:
    profile = get_site("bacgiang")
    assert [layout.version for layout in profile.effective_layouts] == ["default"]
    assert profile.effective_layouts[0].selectors == profile.selectors
    assert SiteProfile(key="x", name="X", domain="x.invalid").effective_layouts == ()


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://bao.invalid/2025/09/15/tin-a-123.html", date(2025, 9, 15)),
        ("https://bao.invalid/tin-2025-09-15-a.html", date(2025, 9, 15)),
        ("https://baonamdinh.vn/channel/5087/201112/Co-lua-ngo-2141513/", date(2011, 12, 1)),
        ("https://bao.invalid/20250915/tin.html", date(2025, 9, 15)),
        ("https://baohaiphong.vn/hai-phong-bo-sung-cong-trinh-nam-2026-541045.html", None),
        ("https://bao.invalid/2025/13/45/tin.html", None),
    ],
)
def test_the_date_an_address_carries(url: str, day: date | None) -> None:
    assert url_date(url) == day


def _saved(name: str) -> tuple[bytes, str]:
    page = SAVED / f"{name}.html"
    url = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["url"]
    return read_saved_page(str(page)), url


def test_old_and_new_pages_of_a_redesigned_paper_extract_each_with_its_layout() -> None:
    profile = get_site("haiphong")
    old = extract_article(*_saved("haiphong/2025_layout"), profile)
    new = extract_article(*_saved("haiphong/2025-12-01_layout"), profile)
    assert (old.layout, new.layout) == ("2025", "2025-12-01")
    assert new.lead and new.lead.startswith("Sáng 12/12, bến đò ngang")
    # Before its layout was added, the new markup was extracted generically: the drift signal.
    before_the_layout = dataclasses.replace(profile, layouts=profile.layouts[:1])
    drifted = extract_article(*_saved("haiphong/2025-12-01_layout"), before_the_layout)
    assert drifted.layout is None
    assert drifted.title == new.title


def _check(capsys: pytest.CaptureFixture[str], url: str) -> dict[str, object]:
    assert main(["check-url", "--json", url]) == 0
    return json.loads(capsys.readouterr().out)


def test_check_url_names_paper_rule_and_layout(capsys: pytest.CaptureFixture[str]) -> None:
    article = _check(capsys, "https://baohaiphong.vn/hai-phong-bo-sung-cong-trinh-541045.html")
    assert article | {"pattern": None} == {
        "url": "https://baohaiphong.vn/hai-phong-bo-sung-cong-trinh-541045.html",
        "site": "haiphong",
        "article": True,
        "rule": "article_path",
        "pattern": None,
        "layout": "2025-12-01",  # no date in the address: the current layout
        "url_date": None,
        "former_domain": False,
    }
    old = _check(capsys, "https://hanoimoi.com.vn/2025/06/02/mot-bai-cu-3001.html")
    assert (old["site"], old["former_domain"], old["layout"]) == ("hanoimoi", True, "2025")
    assert (old["article"], old["rule"]) == (False, "no_rule")  # dated paths are not its scheme
    listing = _check(capsys, "https://hanoimoi.vn/kinh-te/p2")
    assert (listing["article"], listing["rule"]) == (False, "listing_page_path")
    assert _check(capsys, "https://bao-khong-co.invalid/tin-1.html") | {"url": None} == {
        "url": None,
        "site": None,
        "article": False,
        "rule": None,
        "pattern": None,
        "layout": None,
        "url_date": None,
        "former_domain": False,
    }


def test_check_url_without_json_says_it_in_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-url", "https://bao-khong-co.invalid/tin-1.html"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and "no registered paper serves bao-khong-co.invalid" in out
    assert main(["check-url", "https://baohaiduong.vn/xa-hoi/tin-bao-cu-2001.html"]) == 0
    out = capsys.readouterr().out
    assert "haiphong (a former domain)" in out and "an article" in out


def test_reprocess_re_extracts_pages_that_came_before_their_layout(
    migrated_database_url: str,
) -> None:
    profile = get_site("haiphong")
    engine = make_engine(migrated_database_url)
    with session_scope(engine) as session:
        sync_sites(session, [profile])
        for name in ("haiphong/2025_layout", "haiphong/2025-12-01_layout"):
            body, url = _saved(name)
            page = FetchedPage(
                "haiphong", url, url, 200, {"content-type": "text/html"}, body, datetime.now(UTC)
            )
            store_raw_page(session, page, run_id=None)
        page_ids = list(session.scalars(select(RawPage.id).order_by(RawPage.id)))
    # The night before the redesign's layout was added to the profile.
    ingest_pages(engine, dataclasses.replace(profile, layouts=profile.layouts[:1]), page_ids, None)

    def layouts() -> list[str | None]:
        with session_scope(engine) as session:
            return list(session.scalars(select(Article.layout).order_by(Article.id)))

    assert layouts() == ["2025", None]
    assert reprocess_site(engine, "haiphong").pages == 1  # only the page without its layout
    assert layouts() == ["2025", "2025-12-01"]
    assert reprocess_site(engine, "haiphong").pages == 0
    # A page linked to another paper's article (an exact reprint) carries that paper's layout:
    # not a reason to extract it again every time.
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        reprint = session.scalars(select(Article).order_by(Article.id.desc())).first()
        assert reprint is not None
        reprint.site_id = session.scalar(select(Site.id).where(Site.key == "bacgiang"))
        reprint.layout = "default"
    assert reprocess_site(engine, "haiphong").pages == 0
    engine.dispose()
