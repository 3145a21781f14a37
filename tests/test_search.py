"""Full-text search, filters, one article in full and exports: on SQLite and PostgreSQL.

Plain functions over a session (db.search, db.articles, db.filters); the CLI is tested once,
in tests/test_cli.py.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from baotinh.core.records import ExtractedArticle
from baotinh.core.search import (
    EmptyQueryError,
    document_fields,
    fold,
    parse_query,
    snippet,
    tokens,
    tsvector_literal,
)
from baotinh.core.text import content_hash
from baotinh.jobs.export import write_export
from baotinh.labels.campaigns import CampaignTag
from baotinh.labels.classify import Labels
from baotinh.labels.docrefs import DocRef
from baotinh.labels.places import ProvinceMention
from baotinh.labels.topics import TopicPrediction
from db.articles import article_detail, find_article_id, list_articles
from db.engine import make_engine
from db.export_rows import export_batches
from db.filters import ArticleFilters, UnknownFilterValueError, resolve_filters
from db.labels import resolve_doc_ref, store_labels
from db.migrate import upgrade
from db.runs import list_runs, start_run, start_site_crawl
from db.search import search
from db.store import sync_sites, upsert_article
from tests.test_db_store import Profile

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


PROFILES = (
    Profile("bacgiang", "Báo Bắc Giang", "baobacgiang.vn"),
    Profile("langson", "Báo Lạng Sơn", "baolangson.vn"),
)


def store(
    session: Session,
    number: int,
    title: str,
    body: str,
    lead: str | None = None,
    site: str = "bacgiang",
    published: datetime | None = None,
    keep_history: bool = False,
    fetched: datetime | None = None,
    **fields: Any,
) -> int:
    """Store an article; `fields`: more of ExtractedArticle's (authors, tags…)."""
    url = f"https://{site}.example/bai-{number}.html"
    article = ExtractedArticle(
        url=url,
        canonical_url=url,
        title=title,
        text=body,
        lead=lead,
        published=published or datetime(2025, 6, number % 28 + 1, 8, 0, tzinfo=VIETNAM),
        content_hash=content_hash(title, body),
        **fields,
    )
    fetched = fetched or datetime.now(UTC)
    upsert_article(session, site, article, fetched, keep_history=keep_history)
    return find_article_id(session, url)


def ids(session: Session, query: str, **filters: object) -> list[int]:
    return [hit["id"] for hit in search(session, query, ArticleFilters(**filters), limit=50)]


@pytest.fixture
def corpus(session: Session) -> dict[str, int]:
    sync_sites(session, PROFILES)
    made = {
        "party": store(
            session,
            1,
            "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
            "Đảng bộ tỉnh Bắc Giang quán triệt Chỉ thị số 05-CT/TƯ của Bộ Chính trị.",
        ),
        "typed": store(
            session, 2, "Dang bo huyen Yen The", "Bai viet go khong dau ve dang bo huyen."
        ),
        "scattered": store(
            session,
            3,
            "Xây dựng nông thôn mới",
            "Bộ trưởng về thăm xã. Đảng viên và nhân dân cùng góp sức xây dựng đường làng.",
        ),
        "dien": store(
            session,
            4,
            "Điện Biên đón khách",
            "Du khách đến ĐIỆN BIÊN ngày càng đông.",
            site="langson",
        ),
        "ascii": store(session, 5, "Dien Bien Phu", "Tin tuc ve Dien Bien.", site="langson"),
        "other": store(session, 6, "Giáo dục", "Năm học mới ở Lạng Sơn bắt đầu sớm."),
    }
    session.commit()
    return made


# --- folding and queries (no store) --------------------------------------------------------------


def test_folding_drops_accents_and_folds_d_in_any_normal_form() -> None:
    assert fold("Đảng bộ ĐIỆN BIÊN Phủ") == "dang bo dien bien phu"
    assert fold(unicodedata.normalize("NFD", "Đảng bộ")) == "dang bo"
    assert (
        parse_query('"Đảng bộ" dang* 05-CT/TƯ').terms
        == parse_query('"dang bo" DANG* "05 ct tu"').terms
    )


def test_an_empty_query_is_an_error() -> None:
    for empty in ("", "   ", '""', "*", "… – ?"):
        with pytest.raises(EmptyQueryError):
            parse_query(empty)


def test_the_postgresql_document_keeps_fields_apart_and_weighted() -> None:
    literal = tsvector_literal("Đảng bộ", "Sa pô", "Đảng viên")
    assert literal == "'bo':2A 'dang':1A,7 'po':5B 'sa':4B 'vien':8"


def test_fts5_reads_the_same_tokens_from_what_the_store_writes() -> None:
    # Folded ASCII text goes to FTS5 as it is (db.search); its tokenizer must split it into
    # exactly the tokens baotinh.core.search.tokens makes, which is what other text goes as.
    import sqlite3

    fields = [
        "Đảng bộ tỉnh “Bắc Giang” – 05-CT/TƯ, năm 2025!",
        "snake_case a.b/c ÀÉÎ " + "x" * 101 + " đ",
        "Ủy ban µ ſ ǅ — ½ ³ ٣",
        "",
    ]
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE f USING fts5(x, tokenize = 'unicode61 remove_diacritics 0')"
    )
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')")
    for number, field in enumerate(fields):
        written = document_fields(field, None, None)[0]
        connection.execute("INSERT INTO f (rowid, x) VALUES (?, ?)", (2 * number, written))
        joined = " ".join(tokens(field))
        connection.execute("INSERT INTO f (rowid, x) VALUES (?, ?)", (2 * number + 1, joined))

    def read(doc: int) -> list[str]:
        query = "SELECT term FROM v WHERE doc = ? ORDER BY offset"
        return [term for (term,) in connection.execute(query, (doc,))]

    for number in range(len(fields)):
        assert read(2 * number) == read(2 * number + 1)
    assert read(0) == ["dang", "bo", "tinh", "bac", "giang", "05", "ct", "tu", "nam", "2025"]


def test_a_snippet_cuts_the_original_text_around_the_first_match() -> None:
    body = ("Mở đầu bài viết dài dòng. " * 12) + "Đảng bộ xã Tân Sơn lãnh đạo tốt. " + "Kết. " * 60
    cut = snippet(parse_query('"dang bo"'), body)
    assert cut.startswith("…") and cut.endswith("…")
    assert "«Đảng bộ» xã Tân Sơn" in cut
    assert len(cut) < 300
    decomposed = unicodedata.normalize("NFD", "Ông Điện nói: Đảng bộ vững mạnh.")
    cut = snippet(parse_query("dang"), decomposed)
    assert unicodedata.normalize("NFC", cut) == "Ông Điện nói: «Đảng» bộ vững mạnh."


# --- search on both stores -----------------------------------------------------------------------


def test_unaccented_query_finds_exactly_what_the_accented_one_finds(
    session: Session, corpus: dict[str, int]
) -> None:
    accented = ids(session, "Đảng bộ")
    # Both words anywhere: "Bộ trưởng … Đảng viên" counts too (a phrase would not).
    assert set(accented) == {corpus["party"], corpus["typed"], corpus["scattered"]}
    assert ids(session, "dang bo") == accented
    assert ids(session, "ĐẢNG BỘ") == accented
    assert ids(session, "nothing-like-this") == []


def test_d_and_đ_are_one_letter(session: Session, corpus: dict[str, int]) -> None:
    both = {corpus["dien"], corpus["ascii"]}
    for query in ("Điện Biên", "dien bien", "DIEN BIEN", "điện biên"):
        assert set(ids(session, query)) == both, query


def test_a_phrase_in_quotes_matches_only_the_phrase(
    session: Session, corpus: dict[str, int]
) -> None:
    assert corpus["scattered"] in ids(session, "xay dung dang")  # words anywhere
    assert set(ids(session, '"dang bo"')) == {corpus["party"], corpus["typed"]}
    assert corpus["scattered"] not in ids(session, '"bo dang"')
    assert ids(session, '"chi thi so 05-ct/tu"') == [corpus["party"]]
    assert ids(session, "nong thon*") == [corpus["scattered"]]


def test_a_title_match_ranks_first(session: Session) -> None:
    sync_sites(session, PROFILES)
    in_text = store(
        session,
        10,
        "Tin địa phương",
        "Nhiều hoạt động diễn ra trong tuần. Hợp tác xã chè mở rộng vùng trồng.",
        published=datetime(2025, 7, 2, tzinfo=VIETNAM),  # the newer one
    )
    in_title = store(
        session,
        11,
        "Hợp tác xã chè Yên Thế",
        "Bài viết về những người trồng chè trên đồi và hợp tác của họ với thương lái.",
        published=datetime(2025, 7, 1, tzinfo=VIETNAM),
    )
    assert ids(session, "hop tac xa che")[:2] == [in_title, in_text]


def test_the_title_outranks_the_lead_and_the_lead_the_text(session: Session) -> None:
    sync_sites(session, PROFILES)
    # Stored oldest first, so that newest-first alone would give the opposite order.
    in_title = store(session, 30, "Chuyển đổi số ở Yên Thế", "Bài viết về xã vùng cao.")
    in_lead = store(
        session, 31, "Tin tỉnh nhà", "Bài viết dài.", lead="Hội nghị chuyển đổi số cấp tỉnh."
    )
    in_text = store(
        session, 32, "Tin địa phương", "Các xã bàn về chuyển đổi số.", lead="Việc trong tuần."
    )
    hits = search(session, "chuyen doi so")
    assert [hit["id"] for hit in hits] == [in_title, in_lead, in_text]
    # Each word where it is (10 in the title, 4 in the lead), and the phrase as much again.
    assert [hit["score"] for hit in hits] == [60, 24, 0]


def test_the_words_together_outrank_the_words_apart(session: Session) -> None:
    sync_sites(session, PROFILES)
    together = store(session, 40, "Xây dựng nông thôn mới ở Lạng Giang", "Bài viết.")
    apart = store(session, 41, "Mới: nông dân thôn Đồng xây nhà", "Bài viết về xây dựng.")
    assert ids(session, "nong thon moi")[:2] == [together, apart]
    # A quoted phrase is one term: it is in the title or it is not.
    assert [hit["score"] for hit in search(session, '"nong thon moi"')] == [10]


@pytest.mark.parametrize("steps", [1, 3])
def test_the_window_is_the_newest_matches_however_far_apart_they_are(
    session: Session, corpus: dict[str, int], monkeypatch: pytest.MonkeyPatch, steps: int
) -> None:
    # PostgreSQL reads the window bucket by bucket; one id per bucket makes the six articles
    # six buckets: with one step the older matches come from the words' lists, with three the
    # buckets reach them.
    import db.search

    monkeypatch.setattr(db.search, "ID_BUCKET", 1)
    monkeypatch.setattr(db.search, "_BUCKET_STEPS", steps)
    windowed = search(session, "dang", window=2)
    assert windowed.windowed
    assert {hit["id"] for hit in windowed} == {corpus["typed"], corpus["scattered"]}
    assert len(search(session, "dang", window=3)) == 3
    assert not search(session, "dang", window=3).windowed
    assert [hit["id"] for hit in search(session, "dien bien", window=1)] == [corpus["ascii"]]


def test_a_query_matching_more_than_the_window_ranks_the_articles_stored_last(
    session: Session, corpus: dict[str, int]
) -> None:
    everything = search(session, "dang", window=None)
    assert not everything.windowed and len(everything) == 3
    windowed = search(session, "dang", window=2)
    assert windowed.windowed
    assert {hit["id"] for hit in windowed} == {corpus["typed"], corpus["scattered"]}
    assert not search(session, "dang", window=3).windowed


def test_hits_carry_what_an_analyst_reads_and_an_accented_snippet(
    session: Session, corpus: dict[str, int]
) -> None:
    (hit,) = search(session, '"dang bo tinh"')
    assert hit["id"] == corpus["party"]
    assert hit["url"] == "https://bacgiang.example/bai-1.html"
    assert hit["site"] == "bacgiang"
    assert hit["published_at"].startswith("2025-06-02T08:00:00+07:00")
    assert hit["snippet"].startswith("«Đảng bộ tỉnh» Bắc Giang quán triệt")


def test_the_index_follows_an_update(session: Session, corpus: dict[str, int]) -> None:
    store(session, 6, "Giáo dục", "Trường học vùng cao khai giảng muộn.")
    assert ids(session, "khai giang") == [corpus["other"]]
    assert ids(session, "nam hoc moi") == []


def _label(session: Session, article_id: int, topic: str, province: str, current: str) -> None:
    store_labels(
        session,
        article_id,
        Labels(
            topic=TopicPrediction(topic, 0.9, ("đảng",)),
            campaigns=[CampaignTag("hoc-tap-lam-theo-bac", "Chỉ thị 05-CT/TW")]
            if topic == "chinh-tri"
            else [],
            doc_refs=[DocRef("Chỉ thị 05-CT/TW", "Chỉ thị", "05", "CT/TW")]
            if topic == "chinh-tri"
            else [],
            provinces=[ProvinceMention(province, current, 2, "province")],
            version="test",
        ),
    )


def test_filters_combine(session: Session, corpus: dict[str, int]) -> None:
    _label(session, corpus["party"], "chinh-tri", "Bắc Giang", "Bắc Ninh")
    _label(session, corpus["typed"], "chinh-tri", "Lạng Sơn", "Lạng Sơn")
    _label(session, corpus["scattered"], "nong-nghiep", "Bắc Giang", "Bắc Ninh")
    session.commit()

    def filtered(**values: object) -> ArticleFilters:
        return resolve_filters(session, ArticleFilters(**values))

    everything = {corpus["party"], corpus["typed"], corpus["scattered"]}
    assert set(ids(session, "dang")) >= everything
    assert set(ids(session, "dang", topic="chinh-tri")) == {corpus["party"], corpus["typed"]}
    bac_ninh = filtered(topic="chinh-tri", province="bac ninh")  # typed without accents
    assert bac_ninh.province == "Bắc Ninh"
    assert [h["id"] for h in search(session, "dang", bac_ninh)] == [corpus["party"]]
    # As named before the merger too, and with the campaign, the document and the dates.
    combined = filtered(
        province="Bắc Giang",
        campaign="hoc-tap-lam-theo-bac",
        cites="chi thi so 05-ct/tw",
        site="bacgiang",
        since=datetime(2025, 6, 2).date(),
        until=datetime(2025, 6, 2).date(),
    )
    assert combined.cites == "Chỉ thị 05-CT/TW"
    assert [h["id"] for h in search(session, "dang", combined)] == [corpus["party"]]
    later = filtered(since=datetime(2025, 6, 3).date())
    assert corpus["party"] not in [h["id"] for h in search(session, "dang", later)]
    # The same filters list articles, newest first.
    listed = list_articles(session, filtered(topic="chinh-tri"))
    assert [item["id"] for item in listed] == [corpus["typed"], corpus["party"]]
    assert listed[0]["topic"] == "chinh-tri" and listed[0]["published"].startswith("2025-06-03")


README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_documented_search_sql_gives_the_same_answer(
    session: Session, corpus: dict[str, int]
) -> None:
    _label(session, corpus["party"], "chinh-tri", "Bắc Giang", "Bắc Ninh")
    _label(session, corpus["typed"], "chinh-tri", "Lạng Sơn", "Lạng Sơn")
    _label(session, corpus["scattered"], "chinh-tri", "Bắc Giang", "Bắc Ninh")
    session.commit()
    blocks = re.findall(
        r"```sql\n-- (\w+): political.*?\n(.*?)```", README.read_text("utf-8"), re.S
    )
    sql = dict(blocks)[session.get_bind().dialect.name]
    documented = [row.id for row in session.execute(text(sql))]
    filters = resolve_filters(session, ArticleFilters(topic="chinh-tri", province="Bắc Ninh"))
    assert documented == [hit["id"] for hit in search(session, '"đảng bộ"', filters)]
    assert documented == [corpus["party"]]


def test_unknown_filter_values_say_which_exist(session: Session, corpus: dict[str, int]) -> None:
    with pytest.raises(UnknownFilterValueError, match=r"unknown site 'nope'.*bacgiang, langson"):
        resolve_filters(session, ArticleFilters(site="nope"))
    with pytest.raises(UnknownFilterValueError, match=r"unknown topic 'politics'.*chinh-tri"):
        resolve_filters(session, ArticleFilters(topic="politics"))
    with pytest.raises(UnknownFilterValueError, match=r"province 'Atlantis'.*Bắc Ninh"):
        resolve_filters(session, ArticleFilters(province="Atlantis"))


def test_documents_are_found_however_they_are_typed(
    session: Session, corpus: dict[str, int]
) -> None:
    _label(session, corpus["party"], "chinh-tri", "Bắc Giang", "Bắc Ninh")
    session.execute(
        text(
            "INSERT INTO article_doc_refs (article_id, ref, doc_type, number, code, mentions)"
            " VALUES (:id, 'Chỉ thị 1973/CT-TTg', 'Chỉ thị', '1973', 'CT-TTg', 1)"
        ),
        {"id": corpus["typed"]},
    )
    for typed in ("Chỉ thị số 05-CT/TƯ", "chi thi 05-ct/tw", "Chỉ thị 05-CT/TW"):
        assert resolve_doc_ref(session, typed) == "Chỉ thị 05-CT/TW"
    assert resolve_doc_ref(session, "chi thi so 1973/ct-ttg") == "Chỉ thị 1973/CT-TTg"


def test_runs_of_one_paper(session: Session) -> None:
    sync_sites(session, PROFILES)
    both, one = start_run(session, "test"), start_run(session, "test")
    for run, keys in ((both, ("bacgiang", "langson")), (one, ("langson",))):
        for key in keys:
            start_site_crawl(session, run.id, key)
    assert [run["id"] for run in list_runs(session, site="bacgiang")] == [both.id]
    (bacgiang,) = list_runs(session, site="bacgiang")
    assert list(bacgiang["sites"]) == ["bacgiang"]
    assert len(list_runs(session, site="langson")) == 2


def test_the_migration_indexes_articles_stored_before_it(database_url: str) -> None:
    upgrade(database_url, "0005")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO sites (id, key, name, domain, former_domains, provinces,"
                    " created_at) VALUES (1, 'bacgiang', 'Báo Bắc Giang', 'baobacgiang.vn',"
                    " '[]', '[]', :now)"
                ),
                {"now": datetime(2025, 1, 1)},
            )
            for number, title in enumerate(("Đảng bộ tỉnh", "Nông thôn mới"), start=1):
                connection.execute(
                    text(
                        "INSERT INTO articles (id, site_id, canonical_url, url, title, lead, text,"
                        " published_date_only, authors, tags, images, content_hash,"
                        " extractor_version, first_seen_at, last_seen_at, updated_at)"
                        " VALUES (:id, 1, :url, :url, :title, NULL, :body, false, '[]', '[]',"
                        " '[]', :hash, '', :now, :now, :now)"
                    ),
                    {
                        "id": number,
                        "url": f"https://baobacgiang.vn/{number}",
                        "title": title,
                        "body": f"{title} trước khi có tìm kiếm.",
                        "hash": str(number),
                        "now": datetime(2025, 1, 1),
                    },
                )
        upgrade(database_url)
        with Session(engine) as session:
            assert ids(session, "dang bo") == [1]
            assert ids(session, "truoc khi") == [1, 2] or ids(session, "truoc khi") == [2, 1]
    finally:
        engine.dispose()


BRIDGE = (
    "Sáng nay, Ủy ban nhân dân huyện Yên Thế tổ chức lễ khánh thành cầu Đồng Sơn bắc qua sông"
    " Thương, nối hai xã Đồng Sơn và Tân Hiệp. Công trình dài 240 mét, rộng 9 mét, tổng vốn đầu tư"
    " hơn 120 tỷ đồng từ ngân sách tỉnh và huyện, khởi công từ tháng 3 năm ngoái. Cây cầu rút ngắn"
    " quãng đường đi lại của người dân hai bên bờ thêm mười lăm ki-lô-mét, giúp nông sản như vải"
    " thiều, chè và gà đồi đến với thương lái nhanh hơn. Phát biểu tại buổi lễ, lãnh đạo huyện"
    " đề nghị các xã giữ gìn an toàn giao thông và bảo vệ công trình."
)


# --- one article in full -------------------------------------------------------------------------


def test_show_gives_the_story_labels_versions_and_pages(session: Session) -> None:
    from db.stories import assign_story

    sync_sites(session, PROFILES)
    first = store(session, 20, "Khánh thành cầu", BRIDGE.replace("hơn 120 tỷ", "120 tỷ"))
    store(session, 20, "Khánh thành cầu Đồng Sơn", BRIDGE, keep_history=True)  # edited
    copy = store(
        session, 21, "Khánh thành cầu Đồng Sơn", BRIDGE + " (Theo Báo Bắc Giang)", site="langson"
    )
    assign_story(session, "https://bacgiang.example/bai-20.html")
    assign_story(session, "https://langson.example/bai-21.html")
    _label(session, first, "kinh-te", "Bắc Giang", "Bắc Ninh")

    detail = article_detail(session, first)
    assert detail["title"] == "Khánh thành cầu Đồng Sơn"
    assert [v["title"] for v in detail["versions"]] == ["Khánh thành cầu"]
    members = {m["id"]: m for m in detail["story"]["members"]}
    assert set(members) == {first, copy}
    assert members[first]["this"] and members[first]["relation"] == "canonical"
    assert detail["labels"]["topic"] == "kinh-te"
    assert detail["labels"]["provinces"][0]["current_province"] == "Bắc Ninh"
    assert find_article_id(session, "https://bacgiang.example/bai-20.html") == first
    assert find_article_id(session, str(copy)) == copy

    from baotinh.cli.report import render_article

    shown = render_article(detail)
    assert "Story " in shown and "canonical" in shown
    assert "v1" in shown and "Khánh thành cầu (" in shown


# --- export --------------------------------------------------------------------------------------


def test_exports_in_three_formats_over_several_batches(
    session: Session, corpus: dict[str, int], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    _label(session, corpus["party"], "chinh-tri", "Bắc Giang", "Bắc Ninh")
    session.commit()
    total = len(corpus)
    for fmt in ("jsonl", "csv", "parquet"):
        path = tmp_path / f"out.{fmt}"
        seen: list[int] = []
        written = write_export(
            export_batches(session, batch=2), fmt, path, seen.append, row_group_rows=4
        )
        assert written == total and seen == [2, 4, 6]

    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    party = next(row for row in rows if row["id"] == corpus["party"])
    assert party["doc_refs"] == ["Chỉ thị 05-CT/TW"]
    assert party["provinces"] == ["Bắc Giang"] and party["current_provinces"] == ["Bắc Ninh"]
    assert party["campaigns"] == ["hoc-tap-lam-theo-bac"] and party["topic"] == "chinh-tri"
    assert party["published_at"] == "2025-06-02T08:00:00+07:00"
    assert next(row for row in rows if row["id"] == corpus["other"])["campaigns"] == []

    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.DictReader(file))
    assert len(table) == total
    assert next(r for r in table if r["id"] == str(corpus["party"]))["text"].startswith("Đảng bộ")

    parquet = pq.read_table(tmp_path / "out.parquet")
    assert parquet.num_rows == total
    # Batches of 2 fill row groups of 4; the last one holds the rest.
    metadata = pq.ParquetFile(tmp_path / "out.parquet").metadata
    assert [metadata.row_group(n).num_rows for n in range(metadata.num_row_groups)] == [4, 2]
    by_id = {row["id"]: row for row in parquet.to_pylist()}
    assert by_id[corpus["party"]]["current_provinces"] == ["Bắc Ninh"]
    assert by_id[corpus["other"]]["tags"] == []

    # A search query and filters narrow the export.
    only = list(
        export_batches(session, ArticleFilters(site="langson"), text=parse_query("dien bien"))
    )
    assert [row["id"] for batch in only for row in batch] == [corpus["dien"], corpus["ascii"]]


def test_an_article_without_a_headline_is_found_by_its_text(session: Session) -> None:
    sync_sites(session, PROFILES)
    article_id = store(session, 9, "", "Hợp tác xã gốm ven sông mở lớp truyền nghề miễn phí.")
    (hit,) = search(session, "truyen nghe")
    assert (hit["id"], hit["title"]) == (article_id, None)
    assert hit["snippet"].startswith("Hợp tác xã gốm ven sông mở lớp «truyền» «nghề»")
