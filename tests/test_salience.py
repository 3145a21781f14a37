"""Provinces an article is about, apart from those it only mentions (issue 14).

Every article below is invented for these tests, in the manner of a provincial paper; each is
built around one frame that puts a province in one list or the other.
"""

from __future__ import annotations

import json

import pytest

from baotinh.labels import LABELLED_SET
from baotinh.labels.classify import classify
from baotinh.labels.province_roles import locate_provinces
from baotinh.labels.salience import layout, sentence_starts

LABELLED = LABELLED_SET
IN_A_NAME = "inside the name of a company, prize, university or hospital"


def about(title: str, text: str, **kwargs: str) -> tuple[list[str], list[str]]:
    salient, mentioned = locate_provinces(title, text, **kwargs)
    return [p.province for p in salient], [p.province for p in mentioned]


def why(title: str, text: str, province: str) -> str:
    salient, mentioned = locate_provinces(title, text)
    return next(p.why for p in salient + mentioned if p.province == province)


def test_a_hometown_or_an_address_is_only_mentioned() -> None:
    title = "Bắt đối tượng trộm cắp xe máy tại chợ Đông Kinh"
    text = (
        "Ngày 4-3, Công an thành phố Lạng Sơn cho biết đã bắt giữ Hoàng Văn Tú (SN 1995, trú tại"
        " thôn Đồng Tâm, xã Tân Sơn, huyện Lục Ngạn, tỉnh Bắc Giang) về hành vi trộm cắp tài sản."
        " Tú khai nhận đã lấy trộm 3 xe máy của tiểu thương rồi mang đi tiêu thụ."
        " Đồng phạm của Tú là một thanh niên quê ở Thanh Hóa, hiện đang bị truy nã."
    )
    assert about(title, text) == (["Lạng Sơn"], ["Bắc Giang", "Thanh Hóa"])
    assert why(title, text, "Thanh Hóa") == "a hometown or address"


def test_a_company_s_seat_elsewhere_is_an_address() -> None:
    title = "Khánh thành nhà máy chế biến chè ở Định Hóa"
    text = (
        "Sáng 10-5, tại xã Phú Đình, huyện Định Hóa, tỉnh Thái Nguyên, một doanh nghiệp có trụ"
        " sở tại TP.HCM khánh thành nhà máy chế biến chè xuất khẩu công suất 20 tấn búp tươi"
        " mỗi ngày. Nhà máy thu mua chè của hơn 600 hộ dân trong huyện."
    )
    assert about(title, text) == (["Thái Nguyên"], ["Hồ Chí Minh"])


def test_a_province_inside_a_company_or_prize_name_is_only_mentioned() -> None:
    title = "Nhà máy may mới đi vào hoạt động ở Lục Ngạn"
    text = (
        "Sáng 3-4, tại xã Nghĩa Hồ, huyện Lục Ngạn, Công ty TNHH May mặc Hưng Yên khánh thành"
        " nhà máy may xuất khẩu, tạo việc làm cho 1.200 lao động địa phương. Đây là nhà máy thứ"
        " ba của doanh nghiệp trên địa bàn huyện."
    )
    assert about(title, text) == (["Bắc Giang"], ["Hưng Yên"])
    assert why(title, text, "Hưng Yên") == IN_A_NAME

    race = "Chặng 4 Giải xe đạp Cúp Truyền hình Vĩnh Long về đích ở Bạc Liêu"
    body = "Chiều 6-4, chặng 4 dài 120 km từ thành phố Sóc Trăng đến thành phố Bạc Liêu đã diễn ra."
    assert about(race, body) == (["Bạc Liêu", "Sóc Trăng"], ["Vĩnh Long"])


def test_a_commune_named_like_a_province_is_not_that_province() -> None:
    title = "Xã Hưng Yên Nam ra quân làm đường giao thông nông thôn"
    text = (
        "Sáng 2-3, Đảng ủy, UBND xã Hưng Yên Nam, huyện Hưng Nguyên phát động ra quân làm"
        " đường. Người dân đã hiến hơn 3.000 m2 đất, góp 800 ngày công để mở rộng 4 km đường."
    )
    assert about(title, text) == (["Nghệ An"], ["Hưng Yên"])
    assert why(title, text, "Hưng Yên") == "inside the name of a commune, ward or street"


def test_provinces_in_a_merger_sentence_are_only_mentioned() -> None:
    title = "Tỉnh Ninh Bình sắp xếp trụ sở các sở, ngành"
    text = (
        "UBND tỉnh Ninh Bình vừa ban hành phương án bố trí trụ sở làm việc cho các sở, ngành."
        " Tỉnh Ninh Bình mới được thành lập trên cơ sở sáp nhập tỉnh Hà Nam, tỉnh Nam Định và"
        " tỉnh Ninh Bình. Một số đơn vị tạm thời làm việc tại trụ sở của tỉnh Hà Nam (cũ)."
    )
    salient, mentioned = locate_provinces(title, text)
    assert [p.province for p in salient] == ["Ninh Bình"]
    assert [(p.province, p.current) for p in mentioned] == [
        ("Hà Nam", "Ninh Bình"),
        ("Nam Định", "Ninh Bình"),
    ]
    assert why(title, text, "Hà Nam") == "a province merged into another; named in passing"


def test_a_local_story_located_in_a_former_province_is_about_it() -> None:
    """After the 2025 merger papers locate their stories by the old names: "Giao Thủy cũ"."""
    title = "Diêm dân được mùa muối"
    lead = "Nắng nóng kéo dài giúp diêm dân xã Giao Hải, huyện Giao Thủy cũ, thu hoạch liên tục."
    text = lead + "\nMuối sạch của hợp tác xã đã có mặt ở một số siêu thị tại Hà Nội."
    salient, mentioned = locate_provinces(title, text, lead)
    assert [(p.province, p.current) for p in salient] == [("Nam Định", "Ninh Bình")]
    assert [p.province for p in mentioned] == ["Hà Nội"]
    league = (
        "Tối 27-7, trận chung kết giải bóng đá thiếu niên hè diễn ra trên sân Thiên Trường."
        " Mười sáu đội đến từ các xã, phường khu vực Nam Định cũ tham gia giải bóng đá thiếu niên."
        " Năm sau giải mở rộng cho các đội khu vực Hà Nam, Ninh Bình cũ."
    )
    # Three former provinces named once each: none stands out, but the paper is Nam Định's.
    assert about("Giải bóng đá thiếu niên hè", league) == ([], ["Nam Định", "Hà Nam", "Ninh Bình"])
    salient, _ = locate_provinces("Giải bóng đá thiếu niên hè", league, paper_province="Nam Định")
    assert [(p.province, p.via) for p in salient] == [("Nam Định", "province")]


def test_a_list_of_many_provinces_and_a_ranking_are_only_mentioned() -> None:
    title = "Cao Bằng đăng cai giải bóng chuyền các dân tộc vùng Đông Bắc"
    text = (
        "Từ ngày 8 đến 12-6, tại Nhà thi đấu tỉnh Cao Bằng diễn ra giải bóng chuyền các dân tộc"
        " năm 2025. Các đội tham dự gồm Lạng Sơn, Bắc Kạn, Thái Nguyên, Tuyên Quang và Hà Giang."
        " Ban tổ chức trao 12 bộ huy chương."
    )
    assert about(title, text) == (["Cao Bằng"], ["Lạng Sơn", "Bắc Kạn", "Thái Nguyên",
                                                 "Tuyên Quang", "Hà Giang"])  # fmt: skip
    ranking = (
        "Bộ Nội vụ vừa công bố chỉ số hài lòng của người dân năm 2024. Quảng Ninh dẫn đầu cả"
        " nước, tiếp theo là Hải Phòng và Bắc Ninh. Chỉ số gồm 22 tiêu chí thành phần."
    )
    assert about("Công bố chỉ số hài lòng năm 2024", ranking) == (
        [],
        ["Quảng Ninh", "Hải Phòng", "Bắc Ninh"],
    )


def test_where_visitors_come_from_is_only_mentioned() -> None:
    title = "Du lịch mùa vải hút khách"
    text = (
        "Mùa vải năm nay, huyện Lục Ngạn đón 165.000 lượt khách. Từng đoàn khách từ Hà Nội, Hải"
        " Phòng nối nhau tới các nhà vườn; các đội văn nghệ đến từ Quảng Ninh cũng góp vui."
    )
    assert about(title, text) == (["Bắc Giang"], ["Hà Nội", "Hải Phòng", "Quảng Ninh"])


def test_passing_examples_and_comparisons_are_only_mentioned() -> None:
    title = "Lạng Sơn nâng cao hiệu quả sản xuất hồi"
    text = (
        "Tỉnh Lạng Sơn hiện có hơn 38.000 ha hồi, tập trung ở các huyện Văn Quan, Bình Gia."
        " Nhiều địa phương như Quảng Ninh, Cao Bằng cũng trồng hồi nhưng diện tích nhỏ hơn."
        " Giá hoa hồi năm nay cao hơn 20% so với Hà Nội và các tỉnh miền xuôi."
    )
    assert about(title, text) == (["Lạng Sơn"], ["Quảng Ninh", "Cao Bằng", "Hà Nội"])
    assert why(title, text, "Cao Bằng") == "a passing example or comparison"


def test_a_province_whose_authorities_act_is_what_the_article_is_about() -> None:
    title = "Khắc phục hậu quả mưa lũ ở vùng cao"
    text = (
        "Mưa lớn kéo dài từ đêm 20-7 đã làm sạt lở nhiều tuyến đường, cô lập 3 thôn."
        " Lực lượng chức năng đã sơ tán 40 hộ dân đến nơi an toàn."
        " Chiều 22-7, UBND tỉnh Cao Bằng đã hỗ trợ khẩn cấp 500 triệu đồng cho các hộ bị thiệt hại."
    )
    assert about(title, text) == (["Cao Bằng"], [])
    assert why(title, text, "Cao Bằng").startswith("its authorities act")


def test_the_place_events_take_place_is_what_the_article_is_about() -> None:
    title = "Nông dân thu hoạch vải sớm"
    text = (
        "Những ngày này, nông dân đang tất bật thu hoạch vải thiều sớm."
        " Giá vải tại vườn dao động từ 20.000 đến 30.000 đồng/kg."
        " Tại huyện Thanh Hà, thương lái đến tận vườn thu mua."
    )
    assert about(title, text) == (["Hải Dương"], [])
    assert why(title, text, "Hải Dương").startswith("where the events take place")


def test_named_once_in_passing_is_a_mention_twice_is_the_subject() -> None:
    title = "Mùa nước nổi về sớm"
    once = (
        "Năm nay nước lũ đầu nguồn về sớm hơn mọi năm. Người dân tranh thủ đánh bắt cá linh,"
        " hái bông điên điển. Cá linh được thương lái đưa lên TP Hồ Chí Minh tiêu thụ."
    )
    twice = once + " Giá cá linh ở An Giang từ 60.000 đồng/kg, cá linh An Giang được ưa chuộng."
    assert about(title, once) == (["Hồ Chí Minh"], [])  # the only place the article locates
    assert about(title, twice) == (["An Giang"], ["Hồ Chí Minh"])


def test_a_national_event_hosted_in_ha_noi_is_not_about_ha_noi() -> None:
    title = "Hội nghị toàn quốc quán triệt nghị quyết của Bộ Chính trị"
    text = (
        "Sáng 15-3, tại Hà Nội, Bộ Chính trị, Ban Bí thư tổ chức hội nghị toàn quốc quán triệt"
        " nghị quyết mới. Hội nghị được kết nối trực tuyến đến các điểm cầu trong cả nước."
    )
    assert about(title, text) == ([], ["Hà Nội"])
    assert why(title, text, "Hà Nội") == "only hosts an event of others"
    local = "Sáng 15-3, UBND TP Hà Nội tổ chức hội nghị triển khai kế hoạch chỉnh trang đô thị."
    assert about("Hà Nội chỉnh trang đô thị", local) == (["Hà Nội"], [])
    ministry = "Sáng 5-3, tại Hà Nội, Bộ Y tế tổ chức hội thảo về y tế cơ sở."
    assert about("Hội thảo y tế cơ sở", ministry) == ([], ["Hà Nội"])
    # "cán bộ" is no ministry, the city's military command no national body.
    officials = "Sáng 5-3, tại Hà Nội, cán bộ các phường tham gia lớp tập huấn phòng cháy."
    assert about("Tập huấn phòng cháy", officials) == (["Hà Nội"], [])
    drill = "Sáng 5-3, tại Hà Nội, Bộ Chỉ huy Quân sự thành phố tổ chức diễn tập."
    assert about("Diễn tập phòng thủ", drill) == (["Hà Nội"], [])


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The national body named in the opening, the city in a later sentence.
        (
            "Bộ Y tế tổng kết công tác phòng, chống dịch năm 2024",
            "Sáng 5-1, Bộ Y tế tổng kết công tác phòng, chống dịch bệnh năm 2024. Hội nghị diễn"
            " ra tại Hà Nội với đại diện sở y tế các tỉnh, thành phố.",
        ),
        # National mass organisations, courts, general departments, ministers, embassies.
        (
            "Kỷ niệm 95 năm Ngày thành lập Hội Nông dân Việt Nam",
            "Sáng 14-10, tại Hà Nội, Hội Nông dân Việt Nam tổ chức lễ kỷ niệm 95 năm Ngày thành"
            " lập. Nhiều hội viên tiêu biểu được tặng bằng khen.",
        ),
        (
            "Ngành tòa án triển khai nhiệm vụ năm 2025",
            "Ngày 8-1, tại Hà Nội, Tòa án nhân dân tối cao tổ chức hội nghị triển khai công tác.",
        ),
        (
            "Công bố số liệu kinh tế quý III",
            "Sáng 29-9, tại Hà Nội, Tổng cục Thống kê họp báo công bố số liệu kinh tế quý III.",
        ),
        (
            "Tăng cường hợp tác về nông nghiệp",
            "Chiều 12-6, tại Hà Nội, Bộ trưởng Lê Minh Hoan tiếp Đại sứ Hà Lan tại Việt Nam.",
        ),
        # TP Hồ Chí Minh hosting a national body's regional meeting.
        (
            "Xúc tiến thương mại khu vực phía Nam",
            "Sáng 10-3, tại TP Hồ Chí Minh, Bộ Công Thương tổ chức hội nghị xúc tiến thương mại"
            " cho các doanh nghiệp phía Nam.",
        ),
        (
            "Hội thảo về phát triển nguồn nhân lực",
            "Sáng 10-3, Ban Tuyên giáo Trung ương tổ chức hội thảo khoa học về phát triển nguồn"
            " nhân lực. Hội thảo diễn ra tại TP Hồ Chí Minh.",
        ),
    ],
)
def test_national_bodies_meeting_in_the_two_cities_only_host_there(title: str, text: str) -> None:
    salient, mentioned = about(title, text)
    assert salient == []
    assert len(mentioned) == 1
    assert why(title, text, mentioned[0]) == "only hosts an event of others"


def test_the_city_s_own_authorities_and_local_news_stay_about_the_city() -> None:
    joint = (
        "Sáng 5-3, tại Hà Nội, UBND TP Hà Nội phối hợp với Bộ Y tế tổ chức lễ phát động tiêm"
        " chủng cho trẻ em."
    )
    assert about("Phát động tiêm chủng", joint) == (["Hà Nội"], [])
    rain = (
        "Chiều 5-9, mưa lớn khiến nhiều tuyến đường ở TP Hồ Chí Minh ngập sâu. Người dân TP Hồ"
        " Chí Minh vất vả di chuyển trong giờ tan tầm."
    )
    assert about("Ngập nặng sau mưa lớn", rain) == (["Hồ Chí Minh"], [])


def test_a_university_named_after_a_city_is_not_the_city_outside_the_headline() -> None:
    title = "Công bố điểm chuẩn đại học năm 2025"
    text = (
        "Tối 22-8, Trường Đại học Bách khoa Hà Nội công bố điểm chuẩn, ngành cao nhất lấy 29"
        " điểm. Đại học Huế và Học viện Nông nghiệp Việt Nam cũng công bố điểm chuẩn."
    )
    assert about(title, text) == ([], ["Hà Nội", "Huế"])
    assert why(title, text, "Huế") == IN_A_NAME
    # In the headline it is what the article is about (LABEL_RULES.md).
    own = "Trường Cao đẳng Lạng Sơn tuyển sinh 1.500 chỉ tiêu"
    assert about(own, "Năm nay Trường Cao đẳng Lạng Sơn tuyển sinh 1.500 chỉ tiêu.")[0] == [
        "Lạng Sơn"
    ]


def test_a_province_that_hosts_another_s_event_is_only_mentioned() -> None:
    title = "Tuyên Quang xúc tiến đầu tư tại Hà Nội"
    text = (
        "Ngày 9-10, UBND tỉnh Tuyên Quang tổ chức hội nghị xúc tiến đầu tư tại TP Hồ Chí Minh"
        " với hơn 200 doanh nghiệp. Tỉnh giới thiệu 30 dự án du lịch, nông nghiệp công nghệ cao."
    )
    assert about(title, text) == (["Tuyên Quang"], ["Hà Nội", "Hồ Chí Minh"])


def test_a_person_s_former_post_is_not_the_province_acting() -> None:
    title = "Trao Huy hiệu 55 năm tuổi Đảng"
    text = (
        "Ông Trần Văn Lâm, nguyên Chủ tịch UBND tỉnh Quảng Nam, nhận Huy hiệu 55 năm tuổi Đảng."
        " Buổi lễ được tổ chức tại nhà riêng của ông."
    )
    assert about(title, text) == ([], ["Quảng Nam"])
    assert why(title, text, "Quảng Nam") == "a person's former post"


def test_the_host_of_a_regional_meeting_is_about_its_guests_are_a_list() -> None:
    title = "Bốn tỉnh Tây Bắc ký kết hợp tác phát triển du lịch"
    text = (
        "Ngày 5-3, tại tỉnh Lào Cai, lãnh đạo bốn tỉnh Lào Cai, Yên Bái, Lai Châu, Hà Giang ký"
        " kết chương trình hợp tác phát triển du lịch giai đoạn 2025-2030. Các tỉnh thống nhất"
        " xây dựng tour liên tỉnh."
    )
    assert about(title, text) == (["Lào Cai"], ["Yên Bái", "Lai Châu", "Hà Giang"])
    # "Như mọi năm, …" opens a sentence; it introduces no example.
    festival = "Như mọi năm, tỉnh Lạng Sơn tổ chức lễ hội Lồng tồng. Hàng nghìn người tham dự."
    assert about("Lễ hội xuống đồng", festival) == (["Lạng Sơn"], [])


def test_unaccented_text_is_read_with_the_same_frames() -> None:
    title = "Bat doi tuong lua dao qua mang"
    text = (
        "Cong an tinh Quang Ninh vua bat giu Tran Van Hai (SN 1990, tru tai xa Tan Son, huyen"
        " Luc Ngan, tinh Bac Giang) ve hanh vi lua dao chiem doat tai san."
    )
    assert about(title, text) == (["Quảng Ninh"], ["Bắc Giang"])


def test_the_paper_s_province_stands_in_when_the_article_is_about_none_it_names() -> None:
    title = "Xã Tân Lập có thêm 2 km đường bê tông"
    text = (
        "Người dân xã Tân Lập đã góp hơn 800 ngày công làm đường. Trong đó có anh Lò Văn Chiến,"
        " quê ở Sơn La, lên lập nghiệp tại xã từ năm 2010. Toàn tỉnh đã bê tông hóa 90% đường."
    )
    salient, mentioned = locate_provinces(title, text, paper_province="Bắc Giang")
    assert [(p.province, p.current, p.via) for p in salient] == [("Bắc Giang", "Bắc Ninh", "paper")]
    assert [p.province for p in mentioned] == ["Sơn La"]
    # A local story whose only province is where visitors come from.
    festival = "Lễ hội chùa Tiên thu hút hàng vạn người. Nhiều đoàn khách đến từ Hà Nội dâng hương."
    assert about("Khai hội chùa Tiên", festival, paper_province="Bắc Giang") == (
        ["Bắc Giang"],
        ["Hà Nội"],
    )
    # A story that opens on a national body is not the paper's province's.
    national = (
        "Bộ Nông nghiệp và Môi trường cho biết giá lúa tăng trở lại. Thương lái tìm mua lúa như"
        " ở Đồng Tháp những ngày qua."
    )
    assert about("Giá lúa tăng", national, paper_province="Bắc Giang") == ([], ["Đồng Tháp"])


def test_classify_keeps_both_lists_with_the_provinces_they_are_part_of_now() -> None:
    labels = classify(
        "Công an huyện Yên Thế bắt đối tượng buôn bán pháo nổ",
        "Công an huyện Yên Thế vừa bắt Nguyễn Văn Nam (SN 1988, trú tại huyện Kim Bảng, tỉnh Hà"
        " Nam) khi đang vận chuyển 20 kg pháo nổ.",
    ).as_dict()
    assert (labels["provinces"], labels["provinces_current"]) == (["Bắc Giang"], ["Bắc Ninh"])
    assert labels["provinces_mentioned"] == ["Hà Nam"]
    assert labels["provinces_mentioned_current"] == ["Ninh Bình"]
    assert labels["why"]["provinces_mentioned"] == {"Hà Nam": "a hometown or address"}


def test_the_opening_is_the_headline_the_lead_and_the_first_sentence_after_it() -> None:
    body = "Tóm tắt một. Tóm tắt hai.\nCâu đầu của bài. Câu sau."
    whole = "Tiêu đề\n" + body
    parts = layout("Tiêu đề", body, "Tóm tắt một. Tóm tắt hai.")
    assert (
        whole[: parts.opening_end].rstrip()
        == "Tiêu đề\nTóm tắt một. Tóm tắt hai.\nCâu đầu của bài."
    )
    text = "Sáng 5-3, tại TP. Hồ Chí Minh, đoàn làm việc. Giá 1.200 đồng. Ông A nói: “Tốt.” Hết."
    assert [text[i:].split()[0] for i in sentence_starts(text)] == ["Sáng", "Giá", "Ông", "Hết."]


@pytest.mark.parametrize("kind", ["provinces", "campaigns"])
def test_what_the_labelled_set_moved_to_mentions_is_mentioned(kind: str) -> None:
    """The labelled articles whose gold changed with issue 14 name what they only mention."""
    rows = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines() if line]
    moved = [row for row in rows if f"{kind}_mentioned" in row]
    assert moved
    for row in moved:
        labels = classify(row["title"], row["text"]).as_dict()
        assert labels[kind] == row[kind], row["id"]
        assert set(row[f"{kind}_mentioned"]) <= set(labels[f"{kind}_mentioned"]), row["id"]


def test_the_ends_of_a_route_are_not_where_the_events_take_place() -> None:
    """ "tuyến Hà Nội - Lào Cai", "cao tốc Hà Nội - Hải Phòng": a name, like a company's."""
    title = "Xe khách lật trên cao tốc, 5 người bị thương"
    text = (
        "Sáng 14-7, một xe khách chạy tuyến Hà Nội - Lào Cai bị lật khi đi qua huyện Cẩm Khê"
        " (Phú Thọ). Công an huyện Cẩm Khê đang điều tra nguyên nhân."
    )
    assert about(title, text) == (["Phú Thọ"], ["Hà Nội", "Lào Cai"])
    assert why(title, text, "Lào Cai") == "in the name of a route, a match or a team"
    # In the headline the route is what the article is about.
    road = "Khởi công mở rộng cao tốc Cầu Giẽ - Ninh Bình"
    assert about(road, "Dự án dài 50 km, vốn 8.000 tỷ đồng.")[0] == ["Ninh Bình"]


def test_a_team_named_after_its_province_is_not_the_province() -> None:
    title = "Vòng 10 V-League: đội khách giành ba điểm"
    text = (
        "Tối 20-4, trên sân Lạch Tray, CLB Hải Phòng để thua 1-2 trước Hà Nội FC. Đội bóng đất"
        " Cảng mới thắng hai trận mùa này."
    )
    assert about(title, text) == ([], ["Hải Phòng", "Hà Nội"])
    assert why(title, text, "Hà Nội") == "in the name of a route, a match or a team"


def test_a_national_article_naming_one_city_once_is_not_about_it() -> None:
    """An article that opens on a national body and names a city once in passing is national:
    the city is not promoted as "the only place the article locates"."""
    title = "Bộ Y tế khuyến cáo phòng bệnh sởi"
    text = (
        "Bộ Y tế vừa đề nghị các địa phương tăng cường phòng, chống bệnh sởi. Số ca mắc đang"
        " tăng, riêng Hà Nội ghi nhận 40 ca trong tháng. Trẻ cần được tiêm đủ hai mũi vắc xin."
    )
    assert about(title, text) == ([], ["Hà Nội"])
    # A local story that names its one place once is still about it.
    assert about("Mưa đá bất ngờ", "Chiều qua, mưa đá kèm gió lốc làm tốc mái 20 nhà ở Lai Châu.")[
        0
    ] == ["Lai Châu"]


def test_a_hospital_named_after_or_placed_in_a_province_is_not_the_province() -> None:
    """ "Bệnh viện Đa khoa tỉnh Thái Bình", "Bệnh viện Bạch Mai (Hà Nội)", "Công ty Minh Phát
    (TP Hồ Chí Minh)": an institution's name or seat, not where the article's events are (the
    real set's convention: a hospital is not its city; a company's seat is an address)."""
    title = "Cứu sống bệnh nhân ngừng tim 40 phút"
    text = (
        "Bệnh nhân nam 52 tuổi ngừng tim khi đang làm việc, được đưa vào Bệnh viện Đa khoa tỉnh"
        " Thái Bình cấp cứu rồi chuyển lên Bệnh viện Bạch Mai (Hà Nội). Sau 10 ngày điều trị,"
        " bệnh nhân đã tỉnh táo. Thiết bị do Công ty Minh Phát (TP Hồ Chí Minh) tài trợ."
    )
    assert about(title, text) == ([], ["Thái Bình", "Hà Nội", "Hồ Chí Minh"])
    assert why(title, text, "Hà Nội") == IN_A_NAME
    # Where the events are, in brackets after a commune, is still the place.
    flood = "Lũ cuốn trôi 3 ngôi nhà ở xã Mường Lống (Nghệ An). Chính quyền đã di dời 20 hộ dân."
    assert about("Lũ quét", flood)[0] == ["Nghệ An"]


# A provincial story that carries out a national body's document names that body in its opening
# as the document's issuer ("Chỉ thị 05-CT/TW của Bộ Chính trị"), and its leaders' titles name
# national bodies ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy"): neither makes the article national.
# Each story names its province once in passing, or not at all (then the paper's own is meant),
# so that only the opening decides.
CARRYING_OUT = [
    (
        "Sơ kết ba năm học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị, các cấp ủy đảng trong tỉnh đã đưa việc học"
        " tập và làm theo gương Bác vào sinh hoạt chi bộ hằng tháng. Nhiều mô hình hay của Lạng Sơn"
        " đã được nhân rộng, từ thôn bản đến cơ quan, đơn vị.",
        None,
        (["Lạng Sơn"], []),
    ),
    (
        "Trường học vùng cao đổi mới cách đánh giá học sinh",
        "Triển khai Thông tư 22 của Bộ Giáo dục và Đào tạo, các trường tiểu học trong tỉnh đã thay"
        " điểm số bằng nhận xét hằng ngày. Cô Lò Thị Hoa, giáo viên quê Sơn La, cho biết học sinh"
        " tự tin hơn khi phát biểu trước lớp.",
        "Tuyên Quang",
        (["Tuyên Quang"], ["Sơn La"]),
    ),
    (
        "Bí thư Tỉnh ủy kiểm tra tiến độ xóa nhà tạm",
        "Sáng 12-5, đồng chí Hoàng Văn Minh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, đã kiểm tra"
        " tiến độ xóa nhà tạm, nhà dột nát ở các xã vùng cao. Đến nay Cao Bằng đã khởi công 1.200"
        " căn nhà, đạt 80% kế hoạch năm.",
        None,
        (["Cao Bằng"], []),
    ),
    (
        "Quyet liet thuc hien Nghi quyet Trung uong 4",
        "Thuc hien Nghi quyet Trung uong 4 khoa XII cua Ban Chap hanh Trung uong Dang, cac chi bo"
        " trong tinh da to chuc kiem diem, phe binh va tu phe binh. Nhieu dang vien cua Ha Giang"
        " da nhan ra han che va de ra cach khac phuc.",
        None,
        (["Hà Giang"], []),
    ),
]


@pytest.mark.parametrize(("title", "text", "paper", "expected"), CARRYING_OUT)
def test_a_national_body_named_as_issuer_or_title_does_not_make_the_story_national(
    title: str, text: str, paper: str | None, expected: tuple[list[str], list[str]]
) -> None:
    kwargs = {"paper_province": paper} if paper else {}
    assert about(title, text, **kwargs) == expected


def test_a_national_body_acting_in_the_opening_still_makes_it_national() -> None:
    """The counterpart: the Politburo or a ministry is the subject; the province named once in
    passing is only mentioned, and a provincial paper's own province is not assumed."""
    directive = (
        "Bộ Chính trị vừa ban hành chỉ thị về tăng cường công tác phòng, chống thiên tai. Năm"
        " qua, mưa lũ gây thiệt hại nặng ở nhiều nơi, riêng Yên Bái có 30 người chết và mất tích."
    )
    assert about("Bộ Chính trị chỉ đạo phòng, chống thiên tai", directive) == ([], ["Yên Bái"])
    ministry = (
        "Bộ Công Thương vừa yêu cầu các doanh nghiệp bảo đảm nguồn cung xăng dầu dịp Tết. Tháng"
        " trước, một số cửa hàng ở Đồng Nai đã tạm ngừng bán vì hết hàng."
    )
    assert about("Bảo đảm nguồn cung xăng dầu dịp Tết", ministry, paper_province="Bắc Giang") == (
        [],
        ["Đồng Nai"],
    )


def test_a_publisher_theatre_or_broadcaster_named_after_its_city_is_not_the_city() -> None:
    """Like a university or a hospital: an institution's name, not where the events are; in
    the headline it is what the article is about."""
    title = "Ra mắt bộ sách về biển đảo"
    text = (
        "Nhà xuất bản Trẻ TP Hồ Chí Minh vừa ra mắt bộ sách 10 tập về biển đảo. Nhà hát Tuồng Đà"
        " Nẵng sẽ dựng vở diễn từ bộ sách, phát sóng trên Đài Phát thanh và Truyền hình Hà Nội."
    )
    assert about(title, text) == ([], ["Hồ Chí Minh", "Đà Nẵng", "Hà Nội"])
    assert why(title, text, "Đà Nẵng") == IN_A_NAME
    headline = "Nhà hát Tuồng Đà Nẵng đón nhận Huân chương Lao động hạng Nhất"
    assert about(headline, "Buổi lễ diễn ra tối qua.")[0] == ["Đà Nẵng"]


def test_a_national_team_s_match_or_camp_in_ha_noi_is_only_hosted_there() -> None:
    """The national team is a national body: Hà Nội hosts its match ("trên sân Mỹ Đình (Hà
    Nội)") or its training camp ("tại Hà Nội") as it hosts a ministry's conference."""
    match = (
        "Tối 10-9, đội tuyển Việt Nam thắng Campuchia 3-0 trên sân Mỹ Đình (Hà Nội) ở lượt trận"
        " thứ ba vòng loại. Tiền đạo số 10 ghi hai bàn."
    )
    assert about("Tuyển Việt Nam thắng đậm", match) == ([], ["Hà Nội"])
    camp = (
        "Đội tuyển Việt Nam hội quân tại Hà Nội từ hôm nay để chuẩn bị cho vòng loại. Ban huấn"
        " luyện triệu tập 30 cầu thủ."
    )
    assert about("Tuyển Việt Nam hội quân", camp) == ([], ["Hà Nội"])
    # A province's own tournament on its own ground stays its own.
    local = "Giải bóng đá thiếu niên khai mạc chiều qua trên sân vận động tỉnh Lào Cai."
    assert about("Khai mạc giải bóng đá thiếu niên", local)[0] == ["Lào Cai"]
