"""How scripts/build_topic_corpus.py labels a real article from its paper's section and the
team's conventions, on first lines written for this test."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_topic_corpus.py"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("build_topic_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("section", "first_line", "topic"),
    [
        ("the-gioi", "Tổng thống Pháp bổ nhiệm thủ tướng mới", "quoc-te"),
        # Not "news only about other countries": left out, whatever it is.
        ("the-gioi", "Đại sứ Việt Nam dự lễ kỷ niệm quốc khánh nước bạn", None),
        ("kinh-doanh", "Ngân hàng giảm lãi suất cho vay mua nhà", "kinh-te"),
        ("kinh-doanh", "Giá heo hơi tăng trở lại, người nuôi phấn khởi", "nong-nghiep"),
        ("xa-hoi", "Xe container lật trên đèo, giao thông ùn tắc", "xa-hoi"),
        ("xa-hoi", "Ủy ban Thường vụ Quốc hội cho ý kiến về dự án luật", "chinh-tri"),
        # Politics and weather in one line: which is "mainly" is not in the line.
        ("xa-hoi", "Chủ tịch nước thăm người dân bị ảnh hưởng mưa lũ", None),
        # "Thủ tướng" alone is no politics word (a foreign one is "Thủ tướng" too): the storm.
        ("xa-hoi", "Thủ tướng chỉ đạo ứng phó bão số 5", "xa-hoi"),
        ("suc-manh-so", "Nhà mạng thử nghiệm 5G tại ba thành phố", "khoa-hoc-cong-nghe"),
        ("giai-tri", "Ca sĩ trẻ ra mắt MV mới", "van-hoa"),
        ("tam-su", "Chuyện tình cảm của tôi", None),  # a section with no topic
    ],
)
def test_a_section_and_the_conventions_give_the_topic(corpus, section, first_line, topic) -> None:
    assert corpus.label(section, first_line) == topic


def test_a_corpus_document_is_read_as_header_headline_and_text(corpus) -> None:
    document = (
        "# doc_id = news_sport_001\n"
        "# url = https://dantri.com.vn/the-thao/mot-bai-viet.htm\n"
        "# date = 20210101\n"
        "Tiêu đề bài viết\n"
        "Đoạn mở đầu.\n"
        "\n"
        "Đoạn thứ hai.\n"
    )
    header, headline, text = corpus.parse(document)
    assert header["doc_id"] == "news_sport_001"
    assert header["url"].endswith("/the-thao/mot-bai-viet.htm")
    assert headline == "Tiêu đề bài viết"
    assert text == "Đoạn mở đầu.\nĐoạn thứ hai."
