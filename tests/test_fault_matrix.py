"""Bad input and broken surroundings, as an operator or analyst meets them at the command line.

Each case ends cleanly: one line that says what is wrong (and what to do), exit code 2 for a
mistake in what was asked, never a traceback, and nothing already stored lost or duplicated.
The crawl-side cases (hostile pages, a site or store that goes down) are in test_crawl_hostile,
test_store_outage and test_interruptions_e2e; this module covers the commands.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from baotinh.cli import main
from db.engine import dispose_engines, make_engine, session_scope
from db.models import Article
from db.settings import DATABASE_URL_ENV

ONE_ARTICLE = (
    "Xã Hòa Mẫu khánh thành cầu dân sinh mới\n"
    "Sáng nay, xã Hòa Mẫu tổ chức lễ khánh thành cây cầu dân sinh bắc qua suối Mẫu.\n"
    "Cây cầu dài ba mươi mét, rộng ba mét, do nhân dân và các nhà hảo tâm cùng đóng góp.\n"
    "Trước đây, người dân phải lội qua suối để đến trường và ra chợ, nhất là vào mùa mưa lũ.\n"
    "Chủ tịch UBND xã cho biết, năm tới xã sẽ làm thêm hai cây cầu nữa trên các tuyến suối.\n"
    "Bà con trong xã phấn khởi, cho rằng cây cầu giúp việc đi lại và buôn bán thuận tiện hơn.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse refuses an argument
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def articles_stored(url: str) -> int:
    engine = make_engine(url)
    with session_scope(engine) as session:
        count = session.scalar(select(func.count()).select_from(Article)) or 0
    engine.dispose()
    return count


@pytest.fixture
def files(tmp_path: Path) -> Path:
    rng = random.Random(7)
    (tmp_path / "random.bin").write_bytes(rng.randbytes(200_000))
    (tmp_path / "random.txt").write_bytes(rng.randbytes(200_000))
    (tmp_path / "latin.jsonl").write_bytes(b'{"id": 1, "title": "Tin m\xe1\xbb\n')
    (tmp_path / "deep.jsonl").write_text("[" * 200_000 + "]" * 200_000 + "\n")
    (tmp_path / "good.txt").write_text(ONE_ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["extract", "{dir}"], "is a directory"),
        (["extract", "{dir}/missing.html"], "no such file or directory"),
        (["classify", "--input", "{dir}"], "is a directory"),
        (["classify", "--input", "{dir}/latin.jsonl"], "line 1 is not UTF-8"),
        (["dedupe", "--input", "{dir}/deep.jsonl"], "nested too deep"),
        (["articles", "--limit", "99999999999999999999"], "not between 1 and 1000000"),
        (["runs", "--limit", "0"], "not between 1 and 1000000"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_a_bad_argument_or_input_file_gets_one_line_and_exit_code_2(
    args: list[str], says: str, files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *(arg.format(dir=files) for arg in args))
    assert code == 2
    assert says in err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("lines", "says"),
    [
        ([{"id": 1, "text": None}], 'line 1: "text" must be a string'),
        ([{"id": [1], "text": "a"}], 'line 1: "id" must be a string or a number'),
        ([{"id": 1, "text": "a"}, {"id": 1, "text": "b"}], "line 2: id 1 is used again"),
        ([{"id": 1, "title": 5, "text": "a"}], 'line 1: "title" must be a string'),
    ],
)
def test_dedupe_refuses_records_it_cannot_name_a_story_by(
    lines: list[dict], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    code, out, err = run(capsys, "dedupe", "--input", str(path))
    assert (code, out) == (2, "")
    assert says in one_line(err)


def test_a_store_never_migrated_says_to_migrate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'new.sqlite3'}")
    for command in ("runs", "errors", "articles", "topics"):
        code, _, err = run(capsys, command)
        assert code == 2, command
        assert "`baotinh migrate`" in one_line(err), command
    dispose_engines()


def test_a_crawl_setting_that_cannot_be_read_is_named_before_anything_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'store.sqlite3'}")
    monkeypatch.setenv("BAOTINH_CRAWL_RETRIES", "twice")
    code, _, err = run(capsys, "crawl", "--site", "bacgiang")
    assert code == 2
    assert one_line(err) == "baotinh crawl: BAOTINH_CRAWL_RETRIES='twice' is not a whole number"
    assert not (tmp_path / "store.sqlite3").exists()  # nothing was started


def test_a_store_that_is_down_is_named_without_its_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.prefect_stack import free_port

    url = f"postgresql+psycopg://baotinh:s3cret-pw@127.0.0.1:{free_port()}/baotinh"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    code, _, err = run(capsys, "runs")
    assert code == 2
    line = one_line(err)
    assert "cannot read the store at postgresql+psycopg://baotinh:***@127.0.0.1" in line
    assert "is the database server running" in line
    assert "s3cret-pw" not in err
    dispose_engines()


def test_errors_names_the_run_it_shows_and_refuses_a_run_that_does_not_exist(
    migrated_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from baotinh.core.records import CrawlError
    from baotinh.papers import SITES
    from db.runs import start_run
    from db.store import record_error, sync_sites

    engine = make_engine(migrated_database_url)
    with session_scope(engine) as session:
        run_id = start_run(session, "nightly").id
        sync_sites(session, SITES.values())
        error = CrawlError("langson", "https://baolangson.vn/x.html", "http_404", "404 Not Found")
        record_error(session, run_id, error)
    engine.dispose()

    code, out, _ = run(capsys, "errors")
    assert code == 0
    assert out.startswith(f"Run {run_id} (nightly, ") and "the latest run with errors" in out
    assert "http_404" in out
    code, _, err = run(capsys, "errors", "--run", "99")
    assert code == 2
    assert one_line(err) == f"baotinh errors: no run 99 (the latest is {run_id})"
    code, _, err = run(capsys, "articles", "--site", "nope")
    assert code == 2 and "unknown site 'nope'" in one_line(err)


def test_binary_bytes_are_refused_as_a_page_and_as_a_text_dump_and_nothing_is_stored(
    migrated_database_url: str, files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "import-text", "--site", "langson", str(files / "good.txt"))
    assert code == 0 and articles_stored(migrated_database_url) == 1

    code, out, _ = run(capsys, "extract", str(files / "random.bin"))
    assert code == 1
    assert json.loads(out)["error"] == "binary"

    code, out, _ = run(capsys, "import-text", "--site", "langson", str(files / "random.txt"))
    assert code == 1
    assert "binary data, not text" in out and "1 failed" in out
    # The good article is still there, once; the binary one never arrived.
    assert articles_stored(migrated_database_url) == 1
    code, out, _ = run(capsys, "import-text", "--site", "langson", str(files / "good.txt"))
    assert articles_stored(migrated_database_url) == 1
    # A dump of tens of megabytes is no article: refused at the page cap, before it is read.
    huge = files / "huge.txt"
    huge.write_text(ONE_ARTICLE * 40_000, encoding="utf-8")
    assert huge.stat().st_size > 10 * 1024 * 1024
    code, out, _ = run(capsys, "import-text", "--site", "langson", str(huge))
    assert code == 1 and "over the 10,485,760-byte page cap" in out
    assert articles_stored(migrated_database_url) == 1


def _limit_memory() -> None:
    one_gib = 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (one_gib, one_gib))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is how the cap is checked")
def test_a_gzip_bomb_under_an_html_name_is_refused_within_bounded_memory(tmp_path: Path) -> None:
    # 300 MB of one letter gzips to ~300 kB; inflating it whole needs far more than the limit.
    bomb = tmp_path / "trang.html"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(300):
            handle.write(b"a" * 1_000_000)
    assert bomb.stat().st_size < 1_000_000
    done = subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "extract", str(bomb)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_memory,
        env={**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")},
        timeout=120,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert json.loads(done.stdout)["error"] == "too_large"
    assert "Traceback" not in done.stderr


def test_serve_beyond_loopback_without_a_password_is_refused_before_anything_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PREFECT_SERVER_API_AUTH_STRING", raising=False)
    code, _, err = run(capsys, "serve", "--host", "0.0.0.0", "--port", "1")
    assert code == 2
    assert "PREFECT_SERVER_API_AUTH_STRING=user:password" in one_line(err)


def test_a_windows_1258_page_that_declares_no_charset_reads_as_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from baotinh.samplesite.cp1258 import encode_cp1258

    title = "Đảng bộ xã Hòa Mẫu tổng kết công tác năm"
    paragraphs = "".join(f"<p>{line}</p>" for line in ONE_ARTICLE.splitlines()[1:])
    page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    page += f"{paragraphs}</article></body></html>"
    path = tmp_path / "hoa-mau-tong-ket-cong-tac-nam-10452.html"
    path.write_bytes(encode_cp1258(page))
    assert b"charset" not in path.read_bytes()

    code, out, _ = run(capsys, "extract", str(path))
    assert code == 0, out
    article = json.loads(out)
    assert article["title"] == title
    assert "Cây cầu dài ba mươi mét" in article["text"]
    assert "\ufffd" not in out
