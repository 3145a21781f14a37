"""The topic model: trained, shipped as arrays, explained, and helped by the paper's section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from baotinh.places import fold
from baotinh.topics import (
    SHIPPED_MODEL_PATH,
    TOPICS,
    Example,
    TopicModel,
    load_model,
    section_topic,
    slugify,
    train,
)
from crawlers.sites import get_site

TINY = [
    Example(
        "Đội tuyển bóng đá thắng đậm", "Trận đấu trên sân vận động, tiền đạo ghi bàn.", "the-thao"
    ),
    Example("Vô địch giải cầu lông", "Vận động viên giành huy chương vàng.", "the-thao"),
    Example("Tiền đạo ghi bàn phút cuối", "Huấn luyện viên khen cầu thủ.", "the-thao"),
    Example("Bệnh viện tỉnh cứu sống bệnh nhân", "Các bác sĩ phẫu thuật thành công.", "y-te"),
    Example(
        "Phòng chống sốt xuất huyết", "Ngành y tế phun hóa chất diệt muỗi, bệnh nhân giảm.", "y-te"
    ),
    Example("Bác sĩ khuyến cáo tiêm vắc xin", "Bệnh viện mở điểm tiêm cho trẻ.", "y-te"),
]


def test_the_shipped_model_knows_the_twelve_topics_and_loads_without_scikit_learn() -> None:
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "from baotinh.topics import load_model\n"
        "m = load_model(); print(len(m.topics), m.version)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == str(len(TOPICS))
    assert out[1].startswith("topics-")
    assert set(load_model().topics) == set(TOPICS)
    # Small enough to ship in the package.
    assert SHIPPED_MODEL_PATH.stat().st_size < 3_000_000


def test_training_saving_and_loading_give_the_same_predictions(tmp_path: Path) -> None:
    model = train(TINY)
    path = tmp_path / "tiny.npz"
    model.save(path)
    loaded = TopicModel.load(path)
    for title, text in [("Cầu thủ ghi bàn", ""), ("Bác sĩ bệnh viện", "")]:
        a, b = model.predict(title, text), loaded.predict(title, text)
        assert a.topic == b.topic
        assert a.confidence == pytest.approx(b.confidence, abs=0.01)  # weights kept as float16
    assert loaded.predict("Tiền đạo ghi bàn thắng", "").topic == "the-thao"
    assert loaded.predict("Bệnh nhân được bác sĩ cứu", "").topic == "y-te"
    assert loaded.trained_on == {"unknown": 6}
    assert loaded.version.startswith("topics-")


def test_a_prediction_is_explained_by_the_terms_that_weighed_most() -> None:
    model = train(TINY)
    prediction = model.predict("Tiền đạo ghi bàn", "")
    assert prediction.topic == "the-thao"
    assert set(prediction.evidence) & {"tiền đạo", "ghi bàn", "ghi", "bàn", "tiền", "đạo"}
    # An unaccented twin is not shown beside its accented term.
    shown = {fold(term.removeprefix("~")) for term in prediction.evidence}
    assert len(shown) == len(prediction.evidence)
    assert 0 < prediction.confidence <= 1


def test_text_the_model_has_no_term_of_still_gets_a_topic() -> None:
    prediction = load_model().predict("xyz qwv", "")
    assert prediction.topic in TOPICS
    assert prediction.evidence == ()


def test_the_paper_s_section_tips_an_ambiguous_text_but_not_a_clear_one() -> None:
    model = load_model()
    title, text = "Nhìn lại một năm", "Nhiều kết quả nổi bật."
    plain = model.predict(title, text)
    assert plain.confidence < 0.35 and plain.topic != "y-te"
    filed = model.predict(title, text, section="Y tế")
    assert filed.by_section and not plain.by_section
    assert filed.topic == "y-te"
    assert filed.evidence[0] == "section:y-te"
    sport = model.predict("Tiền đạo ghi hai bàn, đội tuyển thắng đậm", "", section="Chính trị")
    assert sport.topic == "the-thao"
    probabilities, _, _ = model.probabilities(title, text)
    assert np.isclose(probabilities.sum(), 1.0)


def test_sections_map_to_topics_by_profile_then_by_common_names() -> None:
    assert slugify("Văn hóa - Du lịch") == "van-hoa-du-lich"
    assert section_topic("Văn hóa - Du lịch") == "van-hoa"
    assert section_topic("Trang chủ > Xây dựng Đảng") == "chinh-tri"
    namdinh = get_site("namdinh").section_topics
    assert section_topic("Thời sự", namdinh) is None
    assert section_topic("Đô thị", get_site("hanoimoi").section_topics) == "xa-hoi"
    assert section_topic(None) is None


def test_train_topics_command_writes_a_model_the_classifier_can_use(tmp_path: Path) -> None:
    output = tmp_path / "model.npz"
    env = {"PATH": "/usr/bin:/bin", "BAOTINH_TOPIC_MODEL": str(output)}
    trained = subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "train-topics", "--output", str(output)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert f"Wrote {output}" in trained
    line = json.dumps(
        {"id": 7, "title": "Đội tuyển bóng đá giành chiến thắng", "text": "Trận đấu."}
    )
    classified = subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "classify", "--input", "-"],
        input=line,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    result = json.loads(classified)
    assert result["topic"] == "the-thao"
    assert result["classifier_version"].split("+")[1] == TopicModel.load(output).version
