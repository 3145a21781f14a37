"""Dedupe building blocks and the `baotinh dedupe --input` command (no store involved)."""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from pathlib import Path

import pytest

from baotinh import papers
from baotinh.cli import main
from baotinh.core.text import body_hash, hash_words
from baotinh.core.urls import canonicalize, identity_key
from baotinh.stories import decision, memory, minhash
from baotinh.stories.decision import Doc, same_story
from baotinh.stories.memory import MemoryStories
from baotinh.stories.minhash import Similarity, compare, fingerprint

VARIANTS = Path(__file__).parent / "fixtures" / "dedupe" / "variants.jsonl"
SUCCESSORS = {"baohaiduong.vn": "baohaiphong.vn"}
# A daily notice: the same template every day around the day's date and places.
POWER_CUT = (
    "Công ty Điện lực thông báo lịch tạm ngừng cung cấp điện ngày {day} để bảo dưỡng lưới"
    " điện. Khu vực {area}. Trường hợp công việc hoàn thành sớm, điện sẽ được cấp trở lại"
    " mà không báo trước. Mọi thông tin chi tiết xin liên hệ tổng đài chăm sóc khách hàng."
)


@pytest.mark.parametrize(
    "url",
    [
        "https://baohaiphong.vn/chinh-tri/bai-123.html",
        "http://www.baohaiphong.vn/chinh-tri/bai-123.html",
        "https://m.baohaiphong.vn/chinh-tri/bai-123.html/",
        "https://baohaiphong.vn/amp/chinh-tri/bai-123.html",
        "https://baohaiphong.vn/chinh-tri/bai-123.html/amp?utm_source=zalo&fbclid=x",
        "https://amp.baohaiphong.vn/chinh-tri/bai-123.amp.html",
        "https://baohaiphong.vn/chinh-tri/bai-123.html?amp=1#binh-luan",
        "HTTPS://BaoHaiDuong.vn:443/chinh-tri/bai-123.html",  # former domain
        "https://www.baohaiduong.vn//chinh-tri/bai-123.html",
    ],
)
def test_every_address_of_an_article_has_one_identity(url: str) -> None:
    assert identity_key(url, SUCCESSORS) == "baohaiphong.vn/chinh-tri/bai-123.html"


def test_identity_keeps_what_names_another_page() -> None:
    key = identity_key("https://baohaiphong.vn/tin?id=5&page=2", SUCCESSORS)
    assert key == identity_key("https://baohaiphong.vn/tin/?page=2&id=5", SUCCESSORS)
    assert key != identity_key("https://baohaiphong.vn/tin?id=6&page=2", SUCCESSORS)
    # A slug that merely ends in "amp" is a slug.
    assert identity_key("https://x.vn/lang-amp.html", {}) == "x.vn/lang-amp.html"
    # canonicalize keeps a fetchable address: the identity key is for comparing only.
    assert canonicalize("https://www.x.vn/a/") == "https://www.x.vn/a/"


def test_former_domains_come_from_the_site_registry() -> None:
    # baotinh/papers/haiphong.py: baohaiduong.vn is the former domain of baohaiphong.vn.
    assert papers.identity_key("https://baohaiduong.vn/a-1.html") == "baohaiphong.vn/a-1.html"


def test_body_hash_and_words_ignore_typography_only() -> None:
    text = "Chỉ thị 05-CT/TW – “học tập và làm theo”, ngày 15/5."
    variant = unicodedata.normalize("NFD", 'Chỉ thị  05-CT/TW - "học tập và làm theo",\nngày 15/5.')
    assert body_hash(text) == body_hash(variant)
    assert hash_words(text) == hash_words(variant)
    assert hash_words(text)[:4] == ["chỉ", "thị", "05", "ct"]
    assert body_hash(text) != body_hash(text.replace("15/5", "16/5"))


def test_signatures_are_stable_across_processes_and_versions() -> None:
    # Signatures and band keys are persisted: if this changes, bump minhash.METHOD so that
    # stored fingerprints are recomputed rather than compared with incompatible new ones.
    fp = fingerprint(
        "Sáng 15/5, Ban Thường vụ Huyện ủy Tân Yên tổ chức hội nghị sơ kết 5 năm thực hiện"
        " Kết luận số 01-KL/TW."
    )
    assert fp.size == 22
    assert hashlib.sha256(fp.signature_bytes()).hexdigest().startswith("e593011ac194b5c4")
    assert fp.band_keys[:2] == [4744342374843675947, -4238351350095013377]
    assert len(fp.band_keys) == minhash.BANDS
    assert minhash.METHOD == "minhash-w5-p128-b64x2-v1"


def test_minhash_estimates_jaccard() -> None:
    words = [f"từ{i}" for i in range(600)]
    a, b = fingerprint(" ".join(words[:400])), fingerprint(" ".join(words[200:]))
    exact = compare(a, b)
    guess = minhash.estimate(a.signature, a.size, b.signature, b.size)
    assert exact.jaccard == pytest.approx(196 / 596)
    assert guess.jaccard == pytest.approx(exact.jaccard, abs=0.12)
    assert guess.containment == pytest.approx(exact.containment, abs=0.15)


@pytest.mark.parametrize(
    ("similarity", "same_address", "verdict"),
    [
        (Similarity(0.30, 0.55, 0.8, 300), False, True),  # reprint with a new lead
        (Similarity(0.06, 0.90, 0.07, 40), False, True),  # excerpt of a long article
        (Similarity(0.05, 0.60, 0.08, 40), False, False),  # a blurb half-quoted in a round-up
        (Similarity(0.25, 0.45, 0.9, 300), False, False),  # shared communiqué, own reporting
        (Similarity(0.15, 0.25, 0.9, 300), True, True),  # same address, largely rewritten
        (Similarity(1.0, 1.0, 1.0, 8), False, False),  # a stub: exact keys only
    ],
)
def test_verification_rule(similarity: Similarity, same_address: bool, verdict: bool) -> None:
    assert same_story(similarity, same_address) is verdict


def test_daily_notices_of_different_days_stay_apart() -> None:
    a = Doc("a", POWER_CUT.format(day="12/6", area="thôn Đồng Quan"), "Lịch cắt điện ngày 12/6")
    b = Doc("b", POWER_CUT.format(day="13/6", area="thôn Mỹ Cầu"), "Lịch cắt điện ngày 13/6")
    assert same_story(compare(a.fingerprint, b.fingerprint))
    assert decision.dated_apart(a, b)
    stories = MemoryStories()
    stories.add(a)
    assert stories.add(b) is None
    # A reprint under a dateless headline still mentions the day: not apart.
    assert not decision.dated_apart(a, Doc("c", a.body, "Thông báo cắt điện"))


def test_the_canonical_member_is_the_earliest_published() -> None:
    body = " ".join(f"câu{i} chữ{i % 7}" for i in range(120))
    records = [
        {"id": "late", "title": "B", "text": body, "published": "2025-05-17T08:00:00+07:00"},
        {"id": "undated", "title": "C", "text": body + " thêm một đoạn"},
        {"id": "early", "title": "A", "text": body, "published": "2025-05-16"},
    ]
    results = memory.cluster_records(records)
    assert [r["cluster"] for r in results] == ["early"] * 3
    assert [r["relation"] for r in results] == ["exact", "reprint", "canonical"]


def test_cli_prints_one_story_per_line_and_touches_no_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "never.sqlite3"
    monkeypatch.setenv("BAOTINH_DATABASE_URL", f"sqlite:///{database}")
    source = tmp_path / "in.jsonl"
    lines = VARIANTS.read_text(encoding="utf-8").splitlines()
    source.write_text("\n".join([*lines[:4], "", lines[12]]) + "\n", encoding="utf-8")

    assert main(["dedupe", "--input", str(source)]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert printed == [
        {"id": "s1", "cluster": "s1"},
        {"id": "s1-reprint", "cluster": "s1"},
        {"id": "s1-truncated", "cluster": "s1"},
        {"id": "s1-amp", "cluster": "s1"},
        {"id": "s6", "cluster": "s6"},
    ]
    assert not database.exists()

    monkeypatch.setattr("sys.stdin", io.StringIO(lines[0] + "\n"))
    assert main(["dedupe", "--input", "-", "--relations"]) == 0
    assert json.loads(capsys.readouterr().out)["relation"] == "canonical"


def test_cli_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    assert main(["dedupe", "--input", str(source)]) == 2
    assert f"{source}:2" in capsys.readouterr().err
    source.write_text('{"title": "no id"}\n', encoding="utf-8")
    assert main(["dedupe", "--input", str(source)]) == 2
    assert 'line 1: expected an object with "id" and "text"' in capsys.readouterr().err


def test_the_store_accepts_every_relation_dedupe_gives() -> None:
    from db.models import STORY_RELATIONS

    assert set(decision.RELATIONS) == set(STORY_RELATIONS)


def test_notices_dated_with_the_year_are_told_apart() -> None:
    # "12/6/2025" names that day; it only mentions the month 6/2025, which the notice of the next
    # day names too: sharing the month (or the day of another year) must not make one story.
    a = Doc(
        "a", POWER_CUT.format(day="12/6/2025", area="thôn Đồng Quan"), "Cắt điện ngày 12/6/2025"
    )
    b = Doc("b", POWER_CUT.format(day="13/6/2025", area="thôn Mỹ Cầu"), "Cắt điện ngày 13/6/2025")
    assert decision.dated_apart(a, b)
    # The same day a year later is another notice too.
    next_year = POWER_CUT.format(day="12/6/2026", area="thôn Đồng Quan")
    assert decision.dated_apart(a, Doc("e", next_year, "Cắt điện ngày 12/6/2026"))
    # A headline without the year, or with two digits, still names the same day; a monthly
    # round-up names the month.
    assert not decision.dated_apart(a, Doc("c", a.body, "Lịch cắt điện ngày 12/6"))
    assert not decision.dated_apart(a, Doc("c", b.body, "Lịch cắt điện ngày 12/6/25"))
    assert not decision.dated_apart(a, Doc("d", a.body, "Điện lực tổng kết tháng 6/2025"))


def test_a_band_key_keeps_its_first_holders_only() -> None:
    # Copies of one article share most band keys: past the cap, a key is not kept for more
    # articles, yet every later copy still finds the story through the first ones.
    body = " ".join(f"câu{i} chữ{i % 7} tiếng{i % 11}" for i in range(150))
    docs = [
        Doc(number, f"Dòng dẫn số {number} của bản đăng lại.\n{body}", source=str(number))
        for number in range(decision.BAND_KEY_CAP + 10)
    ]
    stories = MemoryStories()
    for doc in docs:
        stories.add(doc)
    assert len(set(stories.labels().values())) == 1
    crowded = 0
    for key in {key for doc in docs for key in doc.fingerprint.band_keys}:
        having = [doc.key for doc in docs if key in doc.fingerprint.band_keys]
        assert list(stories.with_band_keys([key])) == having[: decision.BAND_KEY_CAP]
        crowded += len(having) > decision.BAND_KEY_CAP
    assert crowded > 0


def test_a_big_story_is_verified_through_a_few_of_its_members(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = " ".join(f"câu{i} chữ{i % 7} tiếng{i % 11}" for i in range(150))
    stories = MemoryStories()
    for number in range(30):
        stories.add(Doc(number, f"Bản {number}.\n{body}", source=str(number)))
    compared = []
    original = minhash.compare
    for module in (decision, memory):  # verification, then the relation to the canonical member
        monkeypatch.setattr(module, "compare", lambda a, b: compared.append(b) or original(a, b))
    match = stories.add(Doc("new", f"Bản mới.\n{body}"))
    assert match is not None and match.cluster == stories.clusters([0])[0]
    assert len(compared) == decision.MAX_PER_STORY


def test_the_signature_is_computed_once_and_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    original = minhash.minhash
    monkeypatch.setattr(minhash, "minhash", lambda shingles: calls.append(1) or original(shingles))
    fp = fingerprint("Sáng 15/5, Ban Thường vụ Huyện ủy Tân Yên tổ chức hội nghị sơ kết 5 năm.")
    assert calls == []  # comparing two texts needs their shingles only
    assert fp.band_keys == fp.band_keys and fp.signature_bytes() == fp.signature_bytes()
    assert calls == [1]
