"""Campaign tags from configurable rules: the campaigns an article is about, and those it only
mentions (every article here is invented for the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from baotinh.labels.campaigns import RULES_PATH_ENV, load_rules, tag_campaigns


def tags(title: str, text: str, refs: tuple[str, ...] = ()) -> list[str]:
    """The campaigns the article is about."""
    return [tag.slug for tag in tag_campaigns(title, text, refs) if tag.salient]


def mentioned(title: str, text: str, refs: tuple[str, ...] = ()) -> list[str]:
    return [tag.slug for tag in tag_campaigns(title, text, refs) if not tag.salient]


def test_the_five_starting_campaigns_are_configured() -> None:
    assert [rule.slug for rule in load_rules()] == [
        "hoc-tap-lam-theo-bac",
        "xay-dung-chinh-don-dang",
        "nong-thon-moi",
        "chuyen-doi-so",
        "cai-cach-hanh-chinh",
    ]


def test_a_cited_document_counts_where_the_article_cites_it() -> None:
    headline = tag_campaigns("Sơ kết Kết luận 01", "Hội nghị sơ kết.", ["Kết luận 01-KL/TW"])
    assert [(t.slug, t.evidence, t.salient) for t in headline] == [
        ("hoc-tap-lam-theo-bac", "Kết luận 01-KL/TW", True)
    ]
    passing = (
        "Hội nghị tổng kết công tác dân vận năm 2024 của huyện. Các đoàn thể vận động nhân dân"
        " hiến đất làm đường. Việc này gắn với thực hiện Kết luận số 01-KL/TW của Bộ Chính trị."
    )
    assert mentioned("Tổng kết công tác dân vận", passing, ("Kết luận 01-KL/TW",)) == [
        "hoc-tap-lam-theo-bac"
    ]


def test_phrases_ignore_case_spacing_and_tone_mark_placement() -> None:
    assert tags("Tin tổng hợp", "Đẩy mạnh HỌC TẬP VÀ  LÀM THEO Bác trong đoàn viên") == [
        "hoc-tap-lam-theo-bac"
    ]
    assert tags("Tin", "ngăn chặn suy thoái, tự diễn biến, tự chuyển hoá") == [
        "xay-dung-chinh-don-dang"
    ]


def test_a_passing_mention_is_only_a_mention(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passing = "Xã tập trung phát triển kinh tế. Sản lượng lúa tăng, gắn với xây dựng nông thôn mới."
    assert tags("Xã Tân Lập thu hoạch lúa", passing) == []
    assert mentioned("Xã Tân Lập thu hoạch lúa", passing) == ["nong-thon-moi"]
    assert tags("Tân Lập về đích nông thôn mới", passing) == ["nong-thon-moi"]
    rules = tmp_path / "campaigns.toml"
    rules.write_text(
        '[nong-thon-moi]\nphrases = ["nông thôn mới", "NTM nâng cao"]\nmin_mentions = 2\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(RULES_PATH_ENV, str(rules))
    assert mentioned("Xã Tân Lập thu hoạch lúa", passing) == []  # fewer cues than it asks
    assert tags("Xã Tân Lập", passing + " Năm 2026 xã phấn đấu đạt chuẩn NTM nâng cao.") == [
        "nong-thon-moi"
    ]


def test_the_lead_and_cues_that_come_back_make_the_campaign_the_subject() -> None:
    lead = "Năm 2024, xã Quang Minh tập trung xây dựng nông thôn mới nâng cao. Xã có 9 thôn."
    assert tags("Quang Minh đổi thay", lead) == ["nong-thon-moi"]
    again = (
        "Năm 2024, xã Quang Minh làm mới 12 km đường. Nhờ đó, xã đạt tiêu chí giao thông nông"
        " thôn mới. Thu nhập bình quân tăng lên 62 triệu đồng. Xã phấn đấu đạt chuẩn NTM nâng"
        " cao trong năm tới."
    )
    assert tags("Quang Minh đổi thay", again) == ["nong-thon-moi"]
    # Two sentences of thirty are not what a long article is about.
    long = again + " Người dân trồng thêm cây ăn quả." * 28
    assert (tags("Quang Minh đổi thay", long), mentioned("Quang Minh đổi thay", long)) == (
        [],
        ["nong-thon-moi"],
    )


def test_party_discipline_and_party_organisation_are_building_the_party() -> None:
    title = "Ủy ban Kiểm tra Huyện ủy Tân Yên thi hành kỷ luật 2 đảng viên"
    text = (
        "Ngày 6-6, Ủy ban Kiểm tra Huyện ủy Tân Yên họp kỳ thứ 18, xem xét thi hành kỷ luật"
        " đảng viên vi phạm. Ủy ban quyết định khiển trách hai đảng viên thiếu trách nhiệm."
    )
    assert tags(title, text) == ["xay-dung-chinh-don-dang"]
    grassroots = (
        "Đảng bộ xã đã kết nạp đảng viên mới là đoàn viên ưu tú, củng cố tổ chức cơ sở đảng ở 4"
        " thôn chưa có chi bộ. Chất lượng sinh hoạt chi bộ được nâng lên."
    )
    assert tags("Đảng bộ xã Hồng Phong kết nạp 12 đảng viên mới", grassroots) == [
        "xay-dung-chinh-don-dang"
    ]


def test_a_generic_digital_word_alone_is_no_campaign() -> None:
    facebook = (
        "Huyện đoàn đổi mới tuyên truyền. Các bài viết được đăng trên nền tảng số, trang"
        " Facebook của huyện đoàn, thu hút hàng nghìn lượt xem."
    )
    assert tag_campaigns("Đổi mới cách tuyên truyền", facebook, ()) == []
    # Beside a real cue of the campaign it counts where it stands.
    digital = facebook + " Đây là một phần kế hoạch chuyển đổi số của huyện."
    assert tags("Đưa tuyên truyền lên nền tảng số", digital) == ["chuyen-doi-so"]
    assert mentioned("Đổi mới cách tuyên truyền", digital) == ["chuyen-doi-so"]


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


def test_a_discipline_report_is_building_the_party_without_the_inspection_committee() -> None:
    """The Secretariat's or the Politburo's own decision: the discipline forms and the Party's
    discipline rules are the cues, "thi hành kỷ luật" in the lead says where it stands."""
    title = "Ban Bí thư kỷ luật nguyên Bí thư Huyện ủy Phú Lương"
    text = (
        "Ngày 12-3, Ban Bí thư đã họp và quyết định thi hành kỷ luật ông Trần Văn Khải, nguyên"
        " Bí thư Huyện ủy Phú Lương. Ông Khải thiếu trách nhiệm trong lãnh đạo, để xảy ra nhiều"
        " sai phạm trong quản lý đất đai, gây hậu quả nghiêm trọng, ảnh hưởng xấu đến uy tín của"
        " tổ chức đảng. Căn cứ Quy định số 102-QĐ/TW của Bộ Chính trị, Ban Bí thư quyết định"
        " cách chức tất cả các chức vụ trong Đảng đối với ông Khải."
    )
    assert tags(title, text, ("Quy định 102-QĐ/TW",)) == ["xay-dung-chinh-don-dang"]
    # The same words about a civil servant's discipline at work name no Party rule: no tag.
    office = (
        "Ngày 12-3, UBND huyện quyết định thi hành kỷ luật một công chức địa chính. Người này"
        " chậm giải quyết hồ sơ đất đai của dân."
    )
    assert tag_campaigns("Kỷ luật công chức địa chính", office, ()) == []


def test_the_fourth_plenum_resolution_named_without_its_term_is_building_the_party() -> None:
    title = "Đảng bộ phường Đông Ngàn sơ kết thực hiện Nghị quyết Trung ương 4"
    text = "Chiều 3-4, Đảng bộ phường Đông Ngàn tổ chức hội nghị sơ kết. Có 120 đảng viên dự."
    found = tag_campaigns(title, text, ("Nghị quyết Trung ương 4",))
    assert [(t.slug, t.salient, t.why) for t in found] == [
        ("xay-dung-chinh-don-dang", True, "in the headline (“Nghị quyết Trung ương 4”)")
    ]


def test_following_uncle_ho_written_without_commas_or_as_his_example() -> None:
    title = "Thượng tá Nguyễn Văn Hưng: người cán bộ quân sự theo gương Bác Hồ"
    text = (
        "Ba mươi năm trong quân ngũ, anh Hưng luôn giản dị, gần dân. Anh là điển hình của Bộ Chỉ"
        " huy Quân sự tỉnh trong học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí Minh."
    )
    assert tags(title, text) == ["hoc-tap-lam-theo-bac"]
    assert tags("Người thợ cả ở xưởng cơ khí", "Ông nói: “Tôi chỉ làm đúng lời Bác dạy”.") == []


def test_a_second_campaign_in_an_article_about_another_is_a_mention_unless_as_frequent() -> None:
    """Mainly about: when one campaign is in the headline or lead, another that the body names
    now and then is a theme of it, not a second subject (a plenum resolution cited beside
    the study of Hồ Chí Minh's example); it is a subject when it comes back as often."""
    title = "Huyện ủy Lục Nam sơ kết 8 năm thực hiện Chỉ thị 05-CT/TW"
    body = [
        "Ngày 20-5, Huyện ủy Lục Nam sơ kết 8 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị.",
        "Các chi bộ đưa việc học tập và làm theo Bác vào sinh hoạt hằng tháng.",
        "Mỗi năm huyện chọn một chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Việc thực hiện Chỉ thị 05 gắn với xây dựng, chỉnh đốn Đảng.",
        "Huyện có 58 tập thể, 120 cá nhân điển hình trong làm theo Bác.",
        "Cán bộ, đảng viên nêu gương, ngăn chặn suy thoái về tư tưởng chính trị.",
        "Nhiều mô hình hay được nhân rộng ở các xã.",
        "Người dân hiến hơn 20.000 m2 đất làm đường.",
        "Các trường học kể chuyện về Bác cho học sinh.",
        "Huyện khen thưởng 25 tập thể, 40 cá nhân.",
    ]
    refs = ("Chỉ thị 05-CT/TW",)
    text = " ".join(body)
    assert tags(title, text, refs) == ["hoc-tap-lam-theo-bac"]
    assert mentioned(title, text, refs) == ["xay-dung-chinh-don-dang"]
    # The same building-the-Party cues with the study campaign named only once: no campaign
    # leads, and one that comes back is what the article is about.
    plain = " ".join(body[i] for i in (6, 7, 3, 8, 5, 9))
    assert tags("Hội nghị Huyện ủy Lục Nam", plain, refs) == ["xay-dung-chinh-don-dang"]
    assert mentioned("Hội nghị Huyện ủy Lục Nam", plain, refs) == ["hoc-tap-lam-theo-bac"]
    # As many building-the-Party sentences as study ones: both are subjects.
    both = text + (
        " Huyện ủy tập trung xây dựng, chỉnh đốn Đảng. Đảng bộ kiên quyết chống tự diễn biến."
        " Ủy ban Kiểm tra Huyện ủy xem xét các trường hợp vi phạm. Công tác xây dựng Đảng được"
        " chú trọng."
    )
    assert tags(title, both, refs) == ["hoc-tap-lam-theo-bac", "xay-dung-chinh-don-dang"]


def test_e_government_and_reform_as_the_press_wrote_them_before_2020() -> None:
    """E-government ("Chính phủ điện tử", Nghị quyết 36a/NQ-CP of 2015) is digital government
    under its earlier name; "CCHC" and Nghị quyết 30c/NQ-CP are administrative reform."""
    egov = "Sở Thông tin và Truyền thông tổng kết 2 năm triển khai Nghị quyết 36a về Chính phủ"
    assert tags("Xây dựng chính quyền điện tử cấp tỉnh", egov, ("Nghị quyết 36a/NQ-CP",)) == [
        "chuyen-doi-so"
    ]
    reform = "Tỉnh đứng thứ 12 cả nước về chỉ số hài lòng. Công tác CCHC có nhiều chuyển biến."
    assert tags("Đẩy mạnh CCHC, cải thiện môi trường đầu tư", reform) == ["cai-cach-hanh-chinh"]
    assert tags("Tổng kết Nghị quyết 30c", "Hội nghị tổng kết.", ("Nghị quyết 30c/NQ-CP",)) == [
        "cai-cach-hanh-chinh"
    ]
