"""`baotinh.labels.classify.classify` on the articles real pages give: empty, huge, odd bytes."""

from __future__ import annotations

from baotinh.labels.classify import classifier_version, classify
from baotinh.labels.topics import TOPICS


def test_an_empty_article_gets_a_doubtful_topic_and_nothing_else() -> None:
    labels = classify("", "")
    assert labels.topic.topic in TOPICS
    assert labels.topic.confidence < 0.3
    assert (labels.campaigns, labels.doc_refs, labels.provinces) == ([], [], [])
    assert labels.version == classifier_version()


def test_the_paper_s_province_stands_in_only_when_the_text_names_none() -> None:
    local = classify(
        "Xã Tân Lập ra quân làm đường", "Bà con góp công làm đường.", paper_province="Bắc Giang"
    )
    assert [(p.province, p.current, p.via) for p in local.provinces] == [
        ("Bắc Giang", "Bắc Ninh", "paper")
    ]
    named = classify("Lạng Sơn ra quân làm đường", "", paper_province="Bắc Giang")
    assert [p.province for p in named.provinces] == ["Lạng Sơn"]


def test_a_huge_article_is_labelled_whole() -> None:
    sentence = "Thực hiện Chỉ thị số 05-CT/TW, huyện Lục Ngạn phát triển kinh tế. "
    labels = classify("Tiêu đề", sentence * 3000 + "\x00 Chỉ thị 1973/CT-TTg")
    assert [ref.ref for ref in labels.doc_refs] == ["Chỉ thị 05-CT/TW", "Chỉ thị 1973/CT-TTg"]
    assert labels.doc_refs[0].mentions == 3000
    assert labels.provinces[0].mentions == 3000
    assert labels.topic.topic in TOPICS
