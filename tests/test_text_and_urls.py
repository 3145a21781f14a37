import unicodedata

from baotinh.core.text import content_hash
from baotinh.core.urls import canonicalize
from baotinh.extraction.cleaning import clean_body_lines


def test_canonical_url_drops_tracking_fragment_and_default_port() -> None:
    assert (
        canonicalize(
            "HTTPS://BaoBacGiang.com.vn:443/bg/kinh-te/1/a.html?utm_source=fb&fbclid=x#top"
        )
        == "https://baobacgiang.com.vn/bg/kinh-te/1/a.html"
    )


def test_canonical_url_keeps_meaningful_query_and_own_port() -> None:
    assert (
        canonicalize("http://127.0.0.1:8701/tin?id=5&utm_medium=rss")
        == "http://127.0.0.1:8701/tin?id=5"
    )


def test_content_hash_ignores_typography_but_not_words() -> None:
    text = "Chỉ thị 05-CT/TW – “học tập và làm theo”"
    variant = unicodedata.normalize("NFD", 'Chỉ thị  05-CT/TW - "học tập và làm theo"')
    assert content_hash("Tiêu đề", text) == content_hash("Tiêu đề", variant)
    assert content_hash("Tiêu đề", text) != content_hash("Tiêu đề", text + " thêm")


def test_cleaning_drops_chrome_lines_and_repeats_only() -> None:
    lines = [
        "Đoạn thứ nhất của bài.",
        "(0) Bình luận",
        "Xếp theo: Mới nhất Hay nhất",
        "TIN CÙNG CHUYÊN MỤC",
        "anh-hoi-nghi-2025.jpg",
        "Đoạn thứ hai của bài.",
        "Đoạn thứ hai của bài.",
        "Tổng biên tập: Nguyễn Văn A",
        "Bình luận của đại biểu về dự thảo được ghi nhận đầy đủ.",
    ]
    assert clean_body_lines(lines) == [
        "Đoạn thứ nhất của bài.",
        "Đoạn thứ hai của bài.",
        "Bình luận của đại biểu về dự thảo được ghi nhận đầy đủ.",
    ]
