"""The topic model: trained, shipped as arrays, explained, and helped by the paper's section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from baotinh.labels.places import fold
from baotinh.labels.topic_training import train
from baotinh.labels.topics import (
    SHIPPED_MODEL_PATH,
    TOPICS,
    Example,
    TopicModel,
    features,
    load_model,
    section_topic,
    slugify,
)
from baotinh.papers import get_site

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
        "from baotinh.labels.topics import load_model\n"
        "m = load_model(); print(len(m.topics), m.version)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == str(len(TOPICS))
    assert out[1].startswith("topics-")
    assert set(load_model().topics) == set(TOPICS)
    # Small enough to ship in the package (issue 14: about 2 MB at most).
    assert SHIPPED_MODEL_PATH.stat().st_size < 2_000_000


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


def test_training_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "1.npz", tmp_path / "2.npz"
    train(TINY).save(first)
    train(TINY).save(second)
    assert first.read_bytes() == second.read_bytes()
    # Only the hashes of the features are kept: the model carries no vocabulary of strings.
    with np.load(first, allow_pickle=False) as arrays:
        assert "terms" not in arrays and arrays["buckets"].dtype == np.uint32


def test_features_ignore_accents_so_text_typed_without_them_reads_the_same() -> None:
    assert features("Bóng đá", "") == features("Bong da", "") == ["bong", "da", "bong da"] * 2
    model = load_model()
    accented = model.predict("Đội tuyển bóng đá thắng đậm", "Tiền đạo ghi hai bàn.")
    plain = model.predict("Doi tuyen bong da thang dam", "Tien dao ghi hai ban.")
    assert accented.topic == plain.topic == "the-thao"
    assert accented.confidence == plain.confidence
    # The evidence is shown as the text wrote it.
    assert "bóng đá" in accented.evidence and "bong da" in plain.evidence


def test_a_prediction_is_explained_by_the_terms_that_weighed_most() -> None:
    model = train(TINY)
    prediction = model.predict("Tiền đạo ghi bàn", "")
    assert prediction.topic == "the-thao"
    assert set(prediction.evidence) & {"tiền đạo", "ghi bàn", "ghi", "bàn", "tiền", "đạo"}
    # A term is shown once, as written.
    shown = {fold(term) for term in prediction.evidence}
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
    # `train-topics` rebuilds the shipped model bit for bit.
    assert output.read_bytes() == SHIPPED_MODEL_PATH.read_bytes()
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


# The team's topic conventions (issue 14), on sentences written for this test (not training
# material): who acts in diplomacy decides, foreign business is business, the everyday hazards
# are society, new rules are law, and farm prices are farming.
CONVENTIONS = [
    (
        "chinh-tri",
        "Thủ tướng tiếp Đại sứ Hàn Quốc nhân dịp kết thúc nhiệm kỳ",
        "Thủ tướng đề nghị Đại sứ tiếp tục thúc đẩy hợp tác giữa Việt Nam và Hàn Quốc.",
    ),
    (
        "chinh-tri",
        "Chủ tịch nước hội đàm với Tổng thống Indonesia",
        "Hai nhà lãnh đạo nhất trí nâng cấp quan hệ giữa hai nước, tăng cường hợp tác thương mại.",
    ),
    (
        "chinh-tri",
        "Phó Thủ tướng tiếp Bộ trưởng Ngoại giao Singapore",
        "Phó Thủ tướng khẳng định Việt Nam coi trọng quan hệ Đối tác chiến lược với Singapore.",
    ),
    (
        "quoc-te",
        "Tổng thống Mỹ ký sắc lệnh mới về nhập cư",
        "Sắc lệnh siết chặt việc cấp thị thực, nhiều bang đệ đơn kiện lên tòa án liên bang.",
    ),
    (
        "quoc-te",
        "Bạo lực bùng phát tại thủ đô Haiti",
        "Các băng nhóm vũ trang tấn công đồn cảnh sát, hàng nghìn người phải rời bỏ nhà cửa.",
    ),
    (
        "kinh-te",
        "Tập đoàn Intel báo lỗ quý thứ ba",
        "Doanh thu của hãng chip Mỹ giảm mạnh, công ty công bố kế hoạch cắt giảm chi phí.",
    ),
    (
        "xa-hoi",
        "Hai xe tải đâm nhau trên cao tốc, một tài xế tử vong",
        "Vụ va chạm khiến cabin xe biến dạng, tuyến cao tốc ùn tắc kéo dài.",
    ),
    (
        "xa-hoi",
        "Không khí lạnh tràn về, nhiệt độ giảm mạnh",
        "Vùng núi phía Bắc có nơi rét hại, người dân cần giữ ấm cho gia súc.",
    ),
    (
        "phap-luat",
        "Các chính sách mới có hiệu lực từ tháng 10",
        "Nhiều quy định mới về bảo hiểm, thuế và xử phạt vi phạm hành chính bắt đầu áp dụng.",
    ),
    (
        "phap-luat",
        "Cảnh sát giao thông xử lý xe khách chở quá số người",
        "Tổ tuần tra lập biên bản, xử phạt tài xế và chủ xe theo quy định.",
    ),
    (
        "phap-luat",
        "Biên phòng bắt vụ vận chuyển hàng cấm qua biên giới",
        "Các đối tượng bị bắt quả tang khi vận chuyển pháo nổ, vụ việc chuyển cơ quan điều tra.",
    ),
    (
        "xa-hoi",
        "Mưa lớn gây ngập sâu nhiều tuyến phố",
        "Nhiều tuyến đường ngập hơn nửa mét, xe cộ chết máy, người dân lội nước về nhà.",
    ),
    (
        "quoc-phong",
        "Đồn Biên phòng tuần tra chung với lực lượng bảo vệ biên giới Lào",
        "Hai bên tuần tra dọc tuyến biên giới, kiểm tra hệ thống mốc quốc giới.",
    ),
    (
        "nong-nghiep",
        "Giá hồ tiêu tăng, người trồng tiêu có lãi",
        "Nông dân phấn khởi khi thương lái thu mua hồ tiêu với giá cao nhất trong năm.",
    ),
]


@pytest.mark.parametrize(("topic", "title", "text"), CONVENTIONS, ids=[c[1] for c in CONVENTIONS])
def test_the_shipped_model_follows_the_team_s_conventions(topic: str, title: str, text: str):
    assert load_model().predict(title, text).topic == topic


# Officials at other sectors' events, on texts written for this test (not training material):
# a provincial paper names the leaders who attended, with their Party and State titles, before
# it says what happened; the topic is the event's sector (what the article is mainly about).
# Other countries' armed forces are news of other countries (quoc-te); quoc-phong is Việt
# Nam's own forces. The counterpart: a Party congress with the same kind of list is chinh-tri.
_GUESTS = (
    "Dự có đồng chí Hoàng Văn Minh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; đồng chí Lò Thị"
    " Hà, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh; đồng chí Vàng A Sử, Phó Bí thư"
    " Tỉnh ủy, Chủ tịch UBND tỉnh; các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, lãnh đạo các"
    " sở, ban, ngành, đoàn thể tỉnh. "
)
# Still read as quoc-phong (topics_officials.jsonl, 46 items of other countries' forces, moved
# the submarine but not these): words of drill and conscription weigh more than the country.
_FOREIGN_DRILL = "another country's drill or conscription, no word of war: still quoc-phong"
OFFICIALS_AND_FOREIGN_FORCES = [
    (
        "van-hoa",
        "Khai mạc Lễ hội văn hóa các dân tộc tỉnh lần thứ V",
        "Tối 15/11, tại quảng trường trung tâm, UBND tỉnh tổ chức khai mạc Lễ hội văn hóa các"
        " dân tộc. " + _GUESTS + "Chương trình nghệ thuật có múa xòe, hát then, đàn tính; các"
        " nghệ nhân trình diễn dệt thổ cẩm và ẩm thực truyền thống.",
    ),
    (
        "kinh-te",
        "Tỉnh trao chứng nhận đầu tư cho 18 dự án",
        "Chiều 3/5, UBND tỉnh tổ chức hội nghị gặp mặt nhà đầu tư. " + _GUESTS + "Các dự án có"
        " tổng vốn 30.000 tỷ đồng vào khu công nghiệp, cảng biển và nhà máy điện gió; tỉnh cam"
        " kết bàn giao mặt bằng sạch, rút ngắn thủ tục cho doanh nghiệp.",
    ),
    (
        "giao-duc",
        "Trường chuyên của tỉnh khai giảng năm học mới",
        "Sáng 5/9, trường trung học phổ thông chuyên của tỉnh tổ chức lễ khai giảng. "
        + _GUESTS
        + "Năm học này trường có 1.100 học sinh, 45 em đạt giải học sinh giỏi quốc gia năm"
        " trước; thầy cô giáo đổi mới phương pháp dạy học theo chương trình mới.",
    ),
    (
        "the-thao",
        "Bế mạc giải bóng chuyền nữ quốc tế cúp tỉnh",
        "Tối 20/7, trận chung kết giải bóng chuyền nữ quốc tế diễn ra tại nhà thi đấu tỉnh. "
        + _GUESTS
        + "Đội chủ nhà thắng đội khách Thái Lan 3-1, chủ công ghi 25 điểm; ban tổ chức trao cúp"
        " vô địch và giải vận động viên xuất sắc nhất.",
    ),
    (
        "chinh-tri",
        "Đại hội đại biểu Đảng bộ huyện lần thứ XXI",
        "Sáng 10/6, Đảng bộ huyện khai mạc đại hội đại biểu nhiệm kỳ 2025 - 2030. "
        + _GUESTS
        + "Đại hội thảo luận văn kiện, bầu Ban Chấp hành Đảng bộ huyện khóa mới và đoàn đại"
        " biểu dự đại hội Đảng bộ tỉnh.",
    ),
    pytest.param(
        "quoc-te",
        "Nga và Belarus tập trận chung quy mô lớn",
        "Khoảng 12.000 binh sĩ, hàng trăm xe tăng, pháo binh và máy bay của Nga và Belarus tham"
        " gia diễn tập phòng thủ. Bộ Quốc phòng Nga cho biết các đơn vị luyện tập tác chiến"
        " hiệp đồng, sẵn sàng chiến đấu; các nước láng giềng tăng cường cảnh giác.",
        marks=pytest.mark.xfail(strict=True, reason=_FOREIGN_DRILL),
    ),
    (
        "quoc-te",
        "Hải quân Ấn Độ hạ thủy tàu ngầm mới",
        "Tàu ngầm lớp Scorpene thứ ba được hạ thủy tại xưởng đóng tàu ở Mumbai. Hải quân Ấn Độ"
        " cho biết tàu được trang bị ngư lôi và tên lửa chống hạm, sẽ biên chế cho hạm đội phía"
        " tây sau khi hoàn tất thử nghiệm trên biển.",
    ),
    pytest.param(
        "quoc-te",
        "Quân đội Thái Lan tuyển quân bằng bốc thăm",
        "Hàng nghìn thanh niên Thái Lan đến các điểm bốc thăm nghĩa vụ quân sự; người bốc phải"
        " lá thăm đỏ sẽ nhập ngũ hai năm. Bộ Quốc phòng Thái Lan cho biết năm nay cần hơn"
        " 90.000 tân binh.",
        marks=pytest.mark.xfail(strict=True, reason=_FOREIGN_DRILL),
    ),
]


@pytest.mark.parametrize(
    ("topic", "title", "text"),
    OFFICIALS_AND_FOREIGN_FORCES,
    ids=[str(i) for i in range(len(OFFICIALS_AND_FOREIGN_FORCES))],
)
def test_officials_attending_do_not_make_an_event_politics_nor_foreign_forces_ours(
    topic: str, title: str, text: str
):
    assert load_model().predict(title, text).topic == topic


# The sentence that lists who attended ("Dự lễ có đồng chí …, Bí thư Tỉnh ủy; …") says who came,
# not what happened: the model does not read it, in training or prediction. Texts written for
# this test; a short body after a long list was read as chinh-tri in every sector before.
LISTED_GUESTS = [
    (
        "y-te",
        "Khánh thành khoa ung bướu bệnh viện đa khoa tỉnh",
        "Sáng 2/3, bệnh viện đa khoa tỉnh khánh thành khoa ung bướu. ",
        "Khoa có 120 giường, máy xạ trị gia tốc, giúp bệnh nhân ung thư không phải lên tuyến trên.",
    ),
    (
        "nong-nghiep",
        "Xuống đồng gieo cấy vụ xuân",
        "Sáng 6/2, tỉnh tổ chức lễ phát động xuống đồng gieo cấy vụ xuân. ",
        "Nông dân ra đồng cấy lúa, máy cấy của hợp tác xã hoạt động,"
        " ngành nông nghiệp hướng dẫn giống lúa mới.",
    ),
    (
        "xa-hoi",
        "Trao quà Tết cho hộ nghèo",
        "Chiều 20/1, tỉnh tổ chức trao quà Tết. ",
        "Mỗi hộ nghèo, gia đình chính sách nhận 1 triệu đồng và gạo, bánh chưng.",
    ),
    (
        "the-thao",
        "Khai mạc giải đua thuyền truyền thống",
        "Sáng 2/9, giải đua thuyền truyền thống trên sông khai mạc. ",
        "Hai mươi đội thuyền tranh tài cự ly 1.000 m, đội xã An Bình về nhất.",
    ),
    (
        "giao-duc",
        "Trao học bổng cho học sinh nghèo",
        "Sáng 5/8, quỹ khuyến học tỉnh trao học bổng. ",
        "Hai trăm học sinh, sinh viên nghèo học giỏi nhận học bổng.",
    ),
    (
        "chinh-tri",
        "Bế mạc Đại hội Đảng bộ thành phố",
        "Chiều 12/6, Đại hội Đảng bộ thành phố bế mạc. ",
        "Đại hội bầu Ban Chấp hành khóa mới gồm 39 đồng chí, bầu Bí thư Thành ủy và"
        " đoàn đại biểu dự đại hội Đảng bộ tỉnh.",
    ),
]


def test_the_list_of_who_attended_is_not_read() -> None:
    opening, rest = "Sáng 2/3, bệnh viện khánh thành khoa mới. ", "Khoa có 120 giường."
    assert features("Khánh thành", opening + _GUESTS + rest) == features(
        "Khánh thành", opening + rest
    )
    for listed in (
        "Tham dự có đồng chí Trần Văn A, Phó Chủ tịch UBND tỉnh. ",
        "Đến dự và chỉ đạo hội nghị có lãnh đạo Tỉnh ủy, HĐND, UBND tỉnh. ",
        "Chủ trì hội nghị có đồng chí Lê Văn B, Bí thư Huyện ủy. ",
    ):
        assert features("", opening + listed + rest) == features("", opening + rest), listed
    # Typed without accents (the whole text): the same.
    plain = "Sang 2/3, benh vien khanh thanh khoa moi. ", "Khoa co 120 giuong."
    listed = "Du le co dong chi Tran Van A, Bi thu Tinh uy. "
    assert features("", plain[0] + listed + plain[1]) == features("", "".join(plain))
    # Accented, "du lịch" and "dù" are not "dự".
    for kept in ("Du lịch có lãnh đạo ngành chăm lo. ", "Dù có khó khăn, lãnh đạo vẫn làm. "):
        assert features("", opening + kept + rest) != features("", opening + rest), kept
    # Sentences that only start alike stay.
    for kept in ("Dự kiến có 500 đại biểu. ", "Dự án có vốn 300 tỷ đồng. "):
        assert features("", kept + rest) != features("", rest), kept


@pytest.mark.parametrize(("topic", "title", "opening", "rest"), LISTED_GUESTS, ids=lambda v: v[:12])
def test_a_long_list_of_guests_does_not_make_an_event_politics(
    topic: str, title: str, opening: str, rest: str
) -> None:
    assert load_model().predict(title, opening + _GUESTS + rest).topic == topic


# A leader's title in the body ("đồng chí Bí thư Huyện ủy nhấn mạnh …") names who acts, in every
# sector's news: the topic is what the leader opened, visited or directed. Texts written for
# this test.
TITLES_IN_THE_BODY = [
    (
        "van-hoa",
        "Khai mạc Lễ hội Hoa sơn tra",
        "Tối 5/3, lễ hội hoa sơn tra khai mạc tại quảng trường huyện. Phát biểu khai mạc, đồng"
        " chí Nguyễn Văn Thắng, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Huyện ủy nhấn mạnh lễ hội"
        " là dịp quảng bá vẻ đẹp quê hương. Đồng chí Bí thư Huyện ủy đề nghị các cấp ủy, chính"
        " quyền quan tâm bảo tồn văn hóa. Chương trình có múa xòe, hát then.",
    ),
    (
        "giao-duc",
        "Bí thư Tỉnh ủy thăm trường nội trú",
        "Đồng chí Phạm Văn Lâm, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Bí thư Tỉnh ủy thăm trường"
        " phổ thông dân tộc nội trú. Đồng chí Phó Bí thư Tỉnh ủy căn dặn học sinh chăm học, đề"
        " nghị nhà trường chăm lo bữa ăn, chỗ ở cho các em.",
    ),
    (
        "xa-hoi",
        "Bí thư Huyện ủy thăm hộ dân bị lũ cuốn trôi nhà",
        "Đồng chí Bí thư Huyện ủy đã đến thăm, động viên các gia đình có nhà bị lũ cuốn trôi,"
        " trao tiền hỗ trợ. Đồng chí Bí thư Huyện ủy yêu cầu chính quyền xã bố trí chỗ ở tạm,"
        " bảo đảm không để người dân thiếu ăn.",
    ),
    pytest.param(
        "van-hoa",
        "Ủy viên Ban Thường vụ Tỉnh ủy dự lễ hội đua voi",
        "Đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo dự lễ hội đua voi của"
        " đồng bào M'nông. Mười đàn voi tranh tài trên đường đua, hàng nghìn du khách cổ vũ.",
        # Two sentences, the titles as long as the event: still chinh-tri (0.41 against 0.36).
        marks=pytest.mark.xfail(strict=True, reason="the titles outweigh a two-line event"),
    ),
]


@pytest.mark.parametrize(("topic", "title", "text"), TITLES_IN_THE_BODY, ids=lambda v: v[:12])
def test_a_leader_s_title_in_the_body_does_not_make_an_event_politics(
    topic: str, title: str, text: str
) -> None:
    assert load_model().predict(title, text).topic == topic


# A traffic accident is xa-hoi (issue 14) though the report ends, as they all do, on the police
# examining the scene and holding the driver "to investigate the cause"; a driver prosecuted,
# tried or caught after fleeing is phap-luat. Texts written for this test. The two accidents
# are still phap-luat: 13 written accident reports (branch topics3) made them xa-hoi but lowered
# the real set (0.830 -> 0.818, measured once) and were dropped.
_ACCIDENT = "an accident report ending on the police's investigation: still phap-luat"
ACCIDENTS = [
    pytest.param(
        "xa-hoi",
        "Va chạm giữa xe máy và ô tô, hai thanh niên tử vong",
        "Khoảng 22 giờ ngày 5/6, trên quốc lộ 1A, xe máy do hai thanh niên điều khiển va chạm"
        " với ô tô tải chạy cùng chiều. Hai người trên xe máy tử vong tại chỗ. Công an huyện đã"
        " có mặt khám nghiệm hiện trường, tạm giữ tài xế ô tô để điều tra làm rõ nguyên nhân.",
        marks=pytest.mark.xfail(strict=True, reason=_ACCIDENT),
    ),
    pytest.param(
        "xa-hoi",
        "Xe khách tông xe tải trên cao tốc, 4 người chết",
        "Rạng sáng 14/8, trên cao tốc, xe khách 45 chỗ tông vào đuôi xe tải đang dừng sửa chữa."
        " Vụ tai nạn làm 4 người chết, 12 người bị thương. Cảnh sát giao thông và công an tỉnh"
        " đã phong tỏa hiện trường, khám nghiệm, lấy lời khai nhân chứng; tài xế xe khách bị"
        " tạm giữ để điều tra làm rõ nguyên nhân.",
        marks=pytest.mark.xfail(strict=True, reason=_ACCIDENT),
    ),
    (
        "phap-luat",
        "Khởi tố tài xế xe container gây tai nạn làm 3 người chết",
        "Cơ quan Cảnh sát điều tra Công an tỉnh đã khởi tố vụ án, khởi tố bị can đối với tài xế"
        " xe container về tội vi phạm quy định về tham gia giao thông đường bộ. Kết quả kiểm tra"
        " cho thấy tài xế dương tính với ma túy khi gây tai nạn.",
    ),
]


@pytest.mark.parametrize(("topic", "title", "text"), ACCIDENTS, ids=["car", "coach", "charged"])
def test_an_accident_is_society_though_the_police_investigate(
    topic: str, title: str, text: str
) -> None:
    assert load_model().predict(title, text).topic == topic


def test_the_titles_after_a_leader_s_name_are_not_read() -> None:
    """ "đồng chí <Name>, <titles>," says who the leader is, not what the article is about; a
    title without a name, and the post someone is elected to, are read."""
    said = "nhấn mạnh lễ hội là dịp quảng bá văn hóa."
    titled = (
        "Đồng chí Nguyễn Văn Thắng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn đại"
        " biểu Quốc hội tỉnh, "
    )
    assert features("", titled + said) == features("", "Đồng chí Nguyễn Văn Thắng " + said)
    semicolons = "Dự lễ. Đồng chí Lò Thị Hà, Phó Bí thư Tỉnh ủy; đồng chí Vàng A Sử, Chủ tịch UBND"
    assert features("", semicolons + " tỉnh phát biểu.") == features(
        "", "Dự lễ. Đồng chí Lò Thị Hà; đồng chí Vàng A Sử phát biểu."
    )
    elected = "Kỳ họp bầu đồng chí Lê Văn Bình, Phó Bí thư Tỉnh ủy, giữ chức Chủ tịch UBND tỉnh."
    assert features("", elected) == features(
        "", "Kỳ họp bầu đồng chí Lê Văn Bình, giữ chức Chủ tịch UBND tỉnh."
    )
    unnamed = "Đồng chí Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh dự lễ."
    assert "bi thu" in features("", unnamed)
