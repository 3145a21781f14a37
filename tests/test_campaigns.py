"""Campaign tags from configurable rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from baotinh.campaigns import RULES_PATH_ENV, load_rules, tag_campaigns


def tags(title: str, text: str, refs: tuple[str, ...] = ()) -> list[str]:
    return [tag.slug for tag in tag_campaigns(title, text, refs)]


def test_the_five_starting_campaigns_are_configured() -> None:
    assert [rule.slug for rule in load_rules()] == [
        "hoc-tap-lam-theo-bac",
        "xay-dung-chinh-don-dang",
        "nong-thon-moi",
        "chuyen-doi-so",
        "cai-cach-hanh-chinh",
    ]


def test_a_cited_document_is_enough() -> None:
    found = tag_campaigns("Sơ kết", "Hội nghị sơ kết.", ["Kết luận 01-KL/TW"])
    assert [(t.slug, t.evidence) for t in found] == [("hoc-tap-lam-theo-bac", "Kết luận 01-KL/TW")]


def test_phrases_ignore_case_spacing_and_tone_mark_placement() -> None:
    assert tags("Tin tổng hợp", "Đẩy mạnh HỌC TẬP VÀ  LÀM THEO Bác trong đoàn viên") == [
        "hoc-tap-lam-theo-bac"
    ]
    assert tags("Tin", "ngăn chặn suy thoái, tự diễn biến, tự chuyển hoá") == [
        "xay-dung-chinh-don-dang"
    ]


def test_a_passing_mention_counts_unless_the_rules_ask_for_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passing = "Xã tập trung phát triển kinh tế, gắn với xây dựng nông thôn mới."
    assert tags("Xã Tân Lập thu hoạch lúa", passing) == ["nong-thon-moi"]
    rules = tmp_path / "campaigns.toml"
    rules.write_text(
        '[nong-thon-moi]\nphrases = ["nông thôn mới", "NTM nâng cao"]\nmin_mentions = 2\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(RULES_PATH_ENV, str(rules))
    assert tags("Xã Tân Lập thu hoạch lúa", passing) == []
    assert tags("Tân Lập về đích nông thôn mới", passing) == ["nong-thon-moi"]
    assert tags("Xã Tân Lập", passing + " Năm 2026 xã phấn đấu đạt chuẩn NTM nâng cao.") == [
        "nong-thon-moi"
    ]


def test_phrases_match_whole_words_with_their_accents() -> None:
    assert tags("Tin", "chuyển đổi sốt ruột; chuyển đổi sổ hộ khẩu") == []
    assert tags("Tin", "tinh day manh chuyen doi so trong co quan") == ["chuyen-doi-so"]


def test_the_rules_file_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "campaigns.toml"
    rules.write_text(
        '[an-toan-giao-thong]\nlabel = "An toàn giao thông"\n'
        'phrases = ["an toàn giao thông"]\nmin_mentions = 1\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(RULES_PATH_ENV, str(rules))
    assert tags("Tháng an toàn giao thông", "") == ["an-toan-giao-thong"]
    assert tags("Học tập và làm theo Bác", "") == []


def test_a_misspelt_rule_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "campaigns.toml"
    rules.write_text('[x]\nphrase = ["typo"]\n', encoding="utf-8")
    monkeypatch.setenv(RULES_PATH_ENV, str(rules))
    with pytest.raises(ValueError, match="unknown keys"):
        load_rules()
