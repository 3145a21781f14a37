"""National news and the provinces it names (issue 14): the national dailies' forms that name a
province without being about it, each beside its counterpart that is about the province.

Every article below is invented for these tests, in the register of a national daily of 2017:
the National Assembly's sessions and its deputies, ministries' statistics and rankings, readers
and witnesses quoted with their city, foreign leaders arriving in the capital, national exams,
prices and weather across the regions.
"""

from __future__ import annotations

import pytest

from baotinh.labels.province_roles import locate_provinces


def about(title: str, text: str) -> tuple[list[str], list[str]]:
    salient, mentioned = locate_provinces(title, text)
    return [p.province for p in salient], [p.province for p in mentioned]


def why(title: str, text: str, province: str) -> str:
    salient, mentioned = locate_provinces(title, text)
    return next(p.why for p in salient + mentioned if p.province == province)


NATIONAL = [
    # A deputy's delegation, in brackets behind the deputy's name or in a title: where the
    # deputy was elected, not what the session is about.
    (
        "Quốc hội thảo luận dự án Luật Quy hoạch",
        "Sáng 25-5, Quốc hội thảo luận tại hội trường về dự án Luật Quy hoạch. Đại biểu Nguyễn"
        " Văn Thành (đoàn Hà Nội) cho rằng quy hoạch phải đi trước một bước. Đại biểu Trần Thị"
        " Hoa (Đoàn ĐBQH tỉnh Bến Tre) đề nghị làm rõ trách nhiệm của cơ quan lập quy hoạch.",
        ([], ["Hà Nội", "Bến Tre"]),
    ),
    (
        "Đề xuất tăng thuế bảo vệ môi trường với xăng dầu",
        "Tại phiên chất vấn chiều 12-6, ông Lê Minh Tuấn, Phó trưởng đoàn ĐBQH tỉnh Quảng Ngãi,"
        " hỏi Bộ trưởng Bộ Tài chính về lộ trình tăng thuế. Bộ trưởng cho biết sẽ cân nhắc kỹ"
        " tác động tới người dân và doanh nghiệp.",
        ([], ["Quảng Ngãi"]),
    ),
    # Readers and witnesses quoted with their city, in brackets behind their name.
    (
        "Người dùng than phiền vì cước 3G tăng",
        "Nhiều thuê bao di động phản ánh cước dữ liệu tăng mạnh từ đầu tháng. Chị Nguyễn Thị Lan"
        " (Hà Nội) cho biết gói cước quen thuộc đã bị cắt. Anh Trần Minh (35 tuổi, TP HCM) cũng"
        " phải trả gấp đôi. Nhà mạng giải thích đây là điều chỉnh theo thị trường.",
        ([], ["Hà Nội", "Hồ Chí Minh"]),
    ),
    (
        "Mua hàng qua mạng, nhận về hàng giả",
        "Nhiều người mua hàng qua mạng xã hội phản ánh nhận về hàng kém chất lượng. Chị Nguyễn"
        " Thị Lan (Hà Nội) kể đã mua một chiếc túi xách giá 2 triệu đồng. Chị Phạm Thu Hà (28"
        " tuổi, quận Cầu Giấy, Hà Nội) thì nhận về mỹ phẩm không rõ nguồn gốc.",
        ([], ["Hà Nội"]),
    ),
    # National statistics and their top of the table.
    (
        "Gần 12.000 doanh nghiệp thành lập mới trong tháng 3",
        "Theo Cục Quản lý đăng ký kinh doanh, tháng 3 có gần 12.000 doanh nghiệp thành lập mới,"
        " tăng 14% so với cùng kỳ. Dẫn đầu về số doanh nghiệp mới là Hà Nội và TP HCM. Vốn đăng"
        " ký bình quân đạt 11 tỷ đồng mỗi doanh nghiệp.",
        ([], ["Hà Nội", "Hồ Chí Minh"]),
    ),
    # A foreign leader arriving in the capital for a visit to Việt Nam.
    (
        "Tổng thống Pháp bắt đầu chuyến thăm cấp nhà nước",
        "Chiều 5-3, Tổng thống Pháp và phu nhân đến Hà Nội, bắt đầu chuyến thăm cấp nhà nước tới"
        " Việt Nam. Hai bên dự kiến ký nhiều thỏa thuận hợp tác về năng lượng và hàng không.",
        ([], ["Hà Nội"]),
    ),
    # A national exam, with the capital's figures as one example.
    (
        "Hơn 880.000 thí sinh bước vào kỳ thi THPT quốc gia",
        "Sáng 22-6, thí sinh làm bài thi môn Ngữ văn. Tại Hà Nội, 75.000 thí sinh dự thi ở 150"
        " điểm thi, tỷ lệ bỏ thi thấp. Bộ GD-ĐT cho biết đề thi bám sát chương trình lớp 12.",
        ([], ["Hà Nội"]),
    ),
    # Prices and weather across the regions.
    (
        "Giá xăng giảm lần thứ hai liên tiếp",
        "Liên Bộ Công Thương - Tài chính vừa quyết định giảm giá xăng RON 92 thêm 400 đồng mỗi"
        " lít. Tại TP HCM, nhiều cửa hàng đã điều chỉnh giá ngay từ 15h. Giá dầu diesel giữ"
        " nguyên.",
        ([], ["Hồ Chí Minh"]),
    ),
    # The city's official named by the post before the name, in a story a ministry opens, or at
    # the Government's conference with the provinces.
    (
        "Lấy ý kiến về quy chuẩn nhà chung cư",
        "Bộ Xây dựng vừa tổ chức hội thảo lấy ý kiến về dự thảo quy chuẩn nhà chung cư. Giám đốc"
        " Sở Xây dựng Hà Nội Lê Văn Dục cho rằng cần quy định rõ diện tích tối thiểu của căn hộ.",
        ([], ["Hà Nội"]),
    ),
    (
        "Đẩy nhanh giải ngân vốn đầu tư công",
        "Thủ tướng chủ trì hội nghị trực tuyến với các địa phương về giải ngân vốn đầu tư công."
        " Chủ tịch UBND TP HCM Nguyễn Thành Phong cho biết thành phố đã giải ngân 60% kế hoạch."
        " Thủ tướng yêu cầu xử lý dứt điểm các vướng mắc về giải phóng mặt bằng.",
        ([], ["Hồ Chí Minh"]),
    ),
    # Another province's police working with the subject's: a partner.
    (
        "Quảng Nam: bắt nhóm khai thác gỗ trái phép",
        "Ngày 5-3, Công an huyện Nam Giang phối hợp với Công an tỉnh Kon Tum bắt 5 đối tượng khai"
        " thác gỗ trái phép trong rừng phòng hộ. Tang vật thu giữ gồm 20 m3 gỗ các loại.",
        (["Quảng Nam"], ["Kon Tum"]),
    ),
    # The ministry's conference held in the capital, the city's own official quoted there.
    (
        "Tổng kết công tác y tế năm 2017",
        "Sáng 5-1, tại Hà Nội, Bộ Y tế tổ chức hội nghị tổng kết công tác năm 2017. Ông Nguyễn"
        " Khắc Hiền, Giám đốc Sở Y tế Hà Nội, cho biết thành phố đã giảm quá tải bệnh viện.",
        ([], ["Hà Nội"]),
    ),
    # "sở hữu" (owning) is no department ("Sở Xây dựng"); "số lượng … ở" no authority.
    (
        "Người nước ngoài mua nhà tăng mạnh",
        "Bộ Xây dựng vừa công bố báo cáo thị trường bất động sản quý III. Số căn hộ do người nước"
        " ngoài sở hữu ở Đà Nẵng tăng 30% so với cùng kỳ, chủ yếu là khách Hàn Quốc.",
        ([], ["Đà Nẵng"]),
    ),
    # A fugitive wanted by another province's police, handed over to it: the arrest is local.
    (
        "Bắt đối tượng truy nã đặc biệt nguy hiểm",
        "Ngày 12-4, Công an huyện Hoằng Hóa bắt Lê Văn Hùng khi đối tượng đang lẩn trốn trong một"
        " xưởng gỗ. Hùng bị Công an tỉnh Gia Lai truy nã về tội giết người. Công an huyện Hoằng"
        " Hóa đã bàn giao đối tượng cho Công an tỉnh Gia Lai để điều tra theo thẩm quyền.",
        (["Thanh Hóa"], ["Gia Lai"]),
    ),
    # A foreign leader and a cargo bound for the capital, in a sentence about another province.
    (
        "Bắt xe tải chở 3 tấn nội tạng bẩn",
        "Đêm 3-4, Công an tỉnh Lạng Sơn bắt xe tải chở 3 tấn nội tạng động vật không rõ nguồn"
        " gốc. Lái xe khai số hàng được chở tới Hà Nội để tiêu thụ trong dịp Tết.",
        (["Lạng Sơn"], ["Hà Nội"]),
    ),
    # A neighbouring city's official quoted in another province's story.
    (
        "Quảng Nam: lũ cuốn trôi cầu treo",
        "Lũ lớn đêm qua đã cuốn trôi cầu treo ở huyện Đại Lộc, tỉnh Quảng Nam. Ông Trần Văn Tâm,"
        " Phó giám đốc Sở Giao thông vận tải Đà Nẵng, cho biết tuyến đường nối hai địa phương"
        " vẫn thông suốt.",
        (["Quảng Nam"], ["Đà Nẵng"]),
    ),
    # A quoted official of one city, in apposition, in a story a ministry opens.
    (
        "Bộ Y tế cảnh báo dịch sốt xuất huyết",
        "Bộ Y tế vừa có văn bản đề nghị các địa phương tăng cường phòng, chống sốt xuất huyết."
        " Số ca mắc cả nước đã vượt 40.000. Ông Hoàng Đức Hạnh, Phó giám đốc Sở Y tế Hà Nội, cho"
        " biết thành phố đã huy động lực lượng phun hóa chất diệt muỗi.",
        ([], ["Hà Nội"]),
    ),
]

LOCAL = [
    # The city's own authorities acting, and a local event, in the same register.
    (
        "Hà Nội yêu cầu xử lý dứt điểm vi phạm vỉa hè",
        "UBND TP Hà Nội vừa yêu cầu các quận, huyện ra quân lấy lại vỉa hè cho người đi bộ."
        " Chủ tịch UBND thành phố giao Công an TP Hà Nội phối hợp xử lý vi phạm.",
        (["Hà Nội"], []),
    ),
    (
        "Mưa lớn, nhiều tuyến phố ngập sâu",
        "Chiều 5-9, mưa lớn kéo dài hai giờ khiến nhiều tuyến phố ngập sâu. Tại TP HCM, nước"
        " ngập quá bánh xe trên đường Nguyễn Hữu Cảnh, nhiều xe chết máy.",
        (["Hồ Chí Minh"], []),
    ),
    # The city's court trying a case: its own authority acting there.
    (
        "Xét xử vụ án tham ô tại ngân hàng",
        "Sáng 20-2, TAND TP Hà Nội mở phiên tòa sơ thẩm xét xử 51 bị cáo trong vụ án tham ô tài"
        " sản xảy ra tại một ngân hàng thương mại. Phiên tòa dự kiến kéo dài 30 ngày.",
        (["Hà Nội"], []),
    ),
    # The deputies' delegation itself acting in its province.
    (
        "Tiếp xúc cử tri trước kỳ họp thứ 3",
        "Sáng 10-5, Đoàn ĐBQH tỉnh Bến Tre tiếp xúc cử tri huyện Ba Tri trước kỳ họp. Cử tri kiến"
        " nghị sớm sửa chữa tuyến đê biển bị sạt lở.",
        (["Bến Tre"], []),
    ),
    # A department named in full, "và" and all, is the province's own.
    (
        "Tuyển sinh lớp 10 công lập",
        "Sở Giáo dục và Đào tạo TP Đà Nẵng vừa công bố chỉ tiêu tuyển sinh lớp 10 năm học mới."
        " Năm nay thành phố tuyển 9.800 học sinh vào các trường công lập.",
        (["Đà Nẵng"], []),
    ),
    # A street named after a person, then its city in brackets: the place, not a person's home.
    (
        "Cháy lớn tại cửa hàng điện máy",
        "Khoảng 2h sáng nay, một cửa hàng điện máy trên đường Lê Lợi (TP Thanh Hóa) bốc cháy dữ"
        " dội. Lực lượng cứu hỏa mất ba giờ mới khống chế được đám cháy.",
        (["Thanh Hóa"], []),
    ),
    # A district's chairman quoted in a story that names no other place: his district's own.
    (
        "Sạt lở đất vùi lấp ba ngôi nhà",
        "Mưa lớn kéo dài gây sạt lở đất, vùi lấp ba ngôi nhà trong đêm. Ông Giàng A Lử, Chủ tịch"
        " UBND huyện Trạm Tấu, cho biết chính quyền đã di dời 40 hộ dân đến nơi an toàn.",
        (["Yên Bái"], []),
    ),
    # The city's chairman named by his post in the city's own story.
    (
        "Xử lý nghiêm vi phạm trật tự xây dựng",
        "Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung vừa ký văn bản yêu cầu các quận xử lý nghiêm"
        " vi phạm trật tự xây dựng. Các trường hợp tái phạm sẽ bị cưỡng chế.",
        (["Hà Nội"], []),
    ),
    # A citizen of the city as the story's subject, named in the headline.
    (
        "Hà Nội: cụ bà 80 tuổi nhặt được 100 triệu đồng trả người đánh rơi",
        "Cụ Nguyễn Thị Tâm (phường Kim Liên, quận Đống Đa) đã trả lại số tiền cho người đánh rơi.",
        (["Hà Nội"], []),
    ),
]


def test_a_deputy_s_delegation_and_a_reader_s_city_say_why() -> None:
    title, text, _ = NATIONAL[0]
    assert why(title, text, "Bến Tre") == "a deputy's delegation"
    title, text, _ = NATIONAL[1]
    assert why(title, text, "Quảng Ngãi") == "a deputy's delegation"
    title, text, _ = NATIONAL[3]
    assert why(title, text, "Hà Nội") == "a hometown or address"
    # Typed without accents, the same frame.
    unaccented = (
        "Nhieu nguoi mua hang qua mang phan anh nhan ve hang kem chat luong. Chi Nguyen Thi Lan"
        " (Ha Noi) ke da mua mot chiec tui xach. Chi Pham Thu Ha (28 tuoi, quan Cau Giay, Ha Noi)"
        " thi nhan ve my pham khong ro nguon goc."
    )
    assert about("Mua hang qua mang", unaccented) == ([], ["Hà Nội"])


def test_the_national_frame_says_why() -> None:
    title, text, _ = next(case for case in NATIONAL if case[0].startswith("Bộ Y tế"))
    assert (
        why(title, text, "Hà Nội") == "an official quoted, or a partner, in a story about elsewhere"
    )
    title, text, _ = next(case for case in NATIONAL if case[0].startswith("Tổng thống"))
    assert why(title, text, "Hà Nội") == "only hosts an event of others"


# A story whose opening is national (a ministry, the Government, "cả nước") and names no province
# is national: a province its body names by its own name, even with its authorities acting or
# "Tại …," before it, is one of its examples. A district named (events down to a local place),
# or the province named in the opening, makes it the province's story.
FRAMED_NATIONALLY = [
    (
        "Bộ Y tế yêu cầu kiểm tra giá dịch vụ khám bệnh",
        "Bộ Y tế vừa yêu cầu các địa phương rà soát giá dịch vụ khám, chữa bệnh theo yêu cầu."
        " Sở Y tế Hà Nội đã lập 5 đoàn kiểm tra các bệnh viện công lập. Theo Sở Y tế Hà Nội,"
        " nhiều bệnh viện thu sai giá giường bệnh.",
        ([], ["Hà Nội"]),
    ),
    (
        "Cả nước có hơn 1.200 dự án chậm tiến độ",
        "Cả nước hiện có hơn 1.200 dự án đầu tư công chậm tiến độ, theo báo cáo của Chính phủ."
        " Tại Đà Nẵng, 40 dự án phải điều chỉnh thời gian thực hiện. UBND TP Đà Nẵng cho biết"
        " nguyên nhân chủ yếu là vướng giải phóng mặt bằng.",
        ([], ["Đà Nẵng"]),
    ),
    (
        "Khắc phục hậu quả lũ quét ở vùng cao",
        "Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn vừa kiểm tra công tác khắc phục hậu"
        " quả lũ. Tại huyện Trạm Tấu, lũ quét làm 12 người chết. UBND tỉnh Yên Bái đã hỗ trợ"
        " gạo cho các hộ bị thiệt hại.",
        (["Yên Bái"], []),
    ),
    (
        "Triệt phá đường dây buôn bán ma túy xuyên quốc gia",
        "Bộ Công an phối hợp với Công an tỉnh Nghệ An triệt phá đường dây buôn bán ma túy, thu"
        " giữ 100 bánh heroin. Công an tỉnh Nghệ An đang mở rộng điều tra.",
        (["Nghệ An"], []),
    ),
]


# A story that opens on one province: another named only later, by its own name, is secondary
# (a neighbour's proposal, a comparison made twice), unless the story moves there ("Tại Quảng
# Ngãi, …") or down to one of its districts.
OPENED_ELSEWHERE = [
    (
        "Hải Phòng khởi công cầu vượt sông Cấm",
        "Sáng 2-9, UBND TP Hải Phòng khởi công cầu nối quận Hồng Bàng với huyện Thủy Nguyên."
        " Cầu dài 1,2 km, vốn 1.500 tỷ đồng. UBND tỉnh Quảng Ninh cũng đã đề xuất nối dài tuyến"
        " đường ven biển tới địa phương mình.",
        (["Hải Phòng"], ["Quảng Ninh"]),
    ),
    (
        "Nghệ An: lúa chịu hạn cho năng suất cao",
        "Vụ hè thu năm nay, nông dân huyện Yên Thành gieo cấy 2.000 ha giống lúa chịu hạn. Năng"
        " suất đạt 6 tấn/ha, cao hơn giống cũ 15%. Giống lúa này cũng đang được trồng thử ở Hà"
        " Tĩnh. Nông dân Hà Tĩnh đánh giá cây lúa cứng, ít sâu bệnh.",
        (["Nghệ An"], ["Hà Tĩnh"]),
    ),
    (
        "Mưa lũ gây thiệt hại nặng ở Quảng Nam",
        "Mưa lớn kéo dài ba ngày khiến nhiều xã của tỉnh Quảng Nam bị ngập sâu. Tại Quảng Ngãi,"
        " lũ cũng cuốn trôi 3 ngôi nhà và làm 2 người mất tích.",
        (["Quảng Nam", "Quảng Ngãi"], []),
    ),
    (
        "Mưa lũ gây thiệt hại nặng ở Quảng Nam",
        "Mưa lớn kéo dài ba ngày khiến nhiều xã của tỉnh Quảng Nam bị ngập sâu. Lũ cũng cuốn"
        " trôi 3 ngôi nhà ở huyện Bình Sơn, UBND huyện Bình Sơn đã sơ tán 200 hộ dân.",
        (["Quảng Nam", "Quảng Ngãi"], []),
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [*NATIONAL, *LOCAL, *FRAMED_NATIONALLY, *OPENED_ELSEWHERE],
    ids=lambda value: value[:40] if isinstance(value, str) and len(value) < 90 else "",
)
def test_what_the_article_is_about_and_what_it_only_mentions(
    title: str, text: str, expected: tuple[list[str], list[str]]
) -> None:
    assert about(title, text) == expected


# Forms the rules already read right, kept as guards: a dateline, a bank's and a company's name,
# a top-of-the-table list, a national press briefing "tại Hà Nội".
ALREADY_READ = [
    (
        "Bộ Công Thương đề xuất bỏ giấy phép con",
        "HÀ NỘI - Bộ Công Thương vừa đề xuất bãi bỏ 675 điều kiện kinh doanh trong lĩnh vực do bộ"
        " quản lý, nhằm cải thiện môi trường đầu tư.",
        ([], ["Hà Nội"]),
    ),
    (
        "Lợi nhuận ngân hàng tăng mạnh",
        "Ngân hàng TMCP Sài Gòn - Hà Nội (SHB) báo lãi trước thuế 1.200 tỷ đồng trong 9 tháng."
        " Công ty CP Dược phẩm Hà Nội cũng công bố lợi nhuận tăng 20%.",
        ([], ["Hồ Chí Minh", "Hà Nội"]),
    ),
    (
        "Thu hút FDI 10 tháng đạt 28 tỷ USD",
        "Theo Cục Đầu tư nước ngoài, 10 tháng qua cả nước thu hút 28 tỷ USD vốn FDI. Dẫn đầu là"
        " Hà Nội với 5,6 tỷ USD, tiếp theo là TP HCM và Bắc Ninh.",
        ([], ["Hà Nội", "Hồ Chí Minh", "Bắc Ninh"]),
    ),
    (
        "Họp báo Chính phủ thường kỳ tháng 10",
        "Chiều 2-11, tại Hà Nội, Văn phòng Chính phủ tổ chức họp báo Chính phủ thường kỳ. Bộ"
        " trưởng, Chủ nhiệm Văn phòng Chính phủ chủ trì họp báo.",
        ([], ["Hà Nội"]),
    ),
]


@pytest.mark.parametrize(("title", "text", "expected"), ALREADY_READ)
def test_forms_already_read_right_stay_so(
    title: str, text: str, expected: tuple[list[str], list[str]]
) -> None:
    assert about(title, text) == expected
