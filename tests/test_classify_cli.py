"""`baotinh classify --input FILE.jsonl`, as a person runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from baotinh.labels.topics import TOPICS

LINES = [
    {
        "id": "a1",
        "url": "https://example.vn/1",
        "title": "Huyện Yên Thế đẩy mạnh học tập và làm theo Bác",
        "text": (
            "Thực hiện Chỉ thị số 05-CT/TƯ ngày 15-5-2016 của Bộ Chính trị, Huyện ủy Yên Thế"
            " (tỉnh Bắc Giang) sơ kết. Chỉ thị 05 được các chi bộ đưa vào sinh hoạt thường kỳ."
        ),
    },
    {"id": "a2", "title": "Tiền đạo ghi bàn, đội tuyển thắng đậm", "text": "Trận đấu kịch tính."},
    {
        "id": "a3",
        "title": "Lục Ngạn thu hoạch vải thiều sớm",
        "text": (
            "Nông dân huyện Lục Ngạn đang thu hoạch vải sớm. Anh Vi Văn Hùng, quê ở Lạng Sơn,"
            " thuê 2 ha đồi trồng vải từ năm 2015. Giá vải năm nay cao, góp phần xây dựng"
            " nông thôn mới."
        ),
    },
]


def classify(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "classify", "--input", str(path), *args],
        capture_output=True,
        text=True,
    )


def test_each_line_comes_back_without_its_text_and_with_its_labels(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in LINES) + "\n\n")
    result = classify(path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in out] == ["a1", "a2", "a3"]
    first = out[0]
    assert "text" not in first
    assert first["url"] == "https://example.vn/1"  # other keys pass through
    assert first["topic"] in TOPICS and 0 < first["topic_confidence"] <= 1
    assert first["campaigns"] == ["hoc-tap-lam-theo-bac"]
    assert first["doc_refs"] == ["Chỉ thị 05-CT/TW"]
    assert first["provinces"] == ["Bắc Giang"]
    assert first["provinces_current"] == ["Bắc Ninh"]
    assert "topic_evidence" not in first and "why" not in first
    assert out[1]["doc_refs"] == [] and out[1]["provinces"] == []
    # What an article only mentions is printed beside what it is about.
    farm = out[2]
    assert (farm["provinces"], farm["provinces_current"]) == (["Bắc Giang"], ["Bắc Ninh"])
    assert (farm["provinces_mentioned"], farm["provinces_mentioned_current"]) == (
        ["Lạng Sơn"],
        ["Lạng Sơn"],
    )
    assert (farm["campaigns"], farm["campaigns_mentioned"]) == ([], ["nong-thon-moi"])


def test_explain_prints_the_terms_behind_the_topic_and_why_each_place_and_campaign(
    tmp_path: Path,
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in LINES[1:]))
    rows = [json.loads(line) for line in classify(path, "--explain").stdout.splitlines()]
    assert rows[0]["topic_evidence"]
    assert rows[1]["why"] == {
        "campaigns": {},
        "campaigns_mentioned": {"nong-thon-moi": "named in passing, 1 sentence (“nông thôn mới”)"},
        "provinces": {"Bắc Giang": "in the lead"},  # "Lục Ngạn" bare in the headline: no place
        "provinces_mentioned": {"Lạng Sơn": "a hometown or address"},
    }


def test_bad_input_is_refused_with_the_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "x", "text": "y"}\n{not json\n')
    result = classify(path)
    assert result.returncode == 2
    assert f"{path}:2:" in result.stderr
    path.write_text('{"title": "only a title"}\n')
    result = classify(path)
    assert result.returncode == 2
    assert 'needs "title" and "text"' in result.stderr
