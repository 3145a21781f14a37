"""Labels for the generated articles of a benchmark store, so that an export reads label lists
as it would from a classified store (the generated articles have none, and an export of
articles without labels reads empty tables).

Drawn from each article's id, in SQL that both stores run: every article a topic and a
province it is about (half of them a second one, whose mention count ties the first's now and
then), a third a province it only mentions; a third a campaign (a sixth two), a fifth one it
only mentions; a quarter a document (an eighth two). Names with and without accents, provinces
merged in 2025 among them. Only articles that have no labels yet are labelled: a kept store is
labelled once."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

_PROVINCES = (
    ("Bắc Giang", "Bắc Ninh"),
    ("Bắc Ninh", "Bắc Ninh"),
    ("Lạng Sơn", "Lạng Sơn"),
    ("Hải Dương", "Hải Phòng"),
    ("Nam Định", "Ninh Bình"),
    ("Điện Biên", "Điện Biên"),
    ("Đắk Lắk", "Đắk Lắk"),
    ("Hà Giang", "Tuyên Quang"),
)
_PAIRS = "WITH pairs (n, province, current_province) AS (VALUES {})".format(
    ", ".join(f"({n}, '{name}', '{now}')" for n, (name, now) in enumerate(_PROVINCES))
)
# The articles to label: loaded, and without labels. NOT EXISTS, not NOT IN: PostgreSQL hashes
# a NOT IN list only if it fits work_mem (4 MB), and a million labelled ids do not, so a kept
# store's second run compared each article with every label row (stopped after 10 minutes).
_NEW = (
    "SELECT id FROM articles WHERE canonical_url LIKE :loaded AND NOT EXISTS"
    " (SELECT 1 FROM article_labels WHERE article_labels.article_id = articles.id)"
)

_STATEMENTS = (
    # (which pair, mentions, salient, the articles that have it)
    *(
        f"{_PAIRS} INSERT INTO article_provinces"
        " (article_id, province, current_province, mentions, via, salient)"
        f" SELECT a.id, p.province, p.current_province, {mentions}, 'province', {salient}"
        f" FROM ({_NEW}) a JOIN pairs p ON p.n = {pair} WHERE {where}"
        for pair, mentions, salient, where in (
            ("a.id % 8", "a.id % 4 + 1", "true", "true"),
            ("(3 * a.id + 1) % 8", "a.id % 3 + 1", "true", "a.id % 2 = 0"),
            ("(a.id + 4) % 8", "1", "false", "a.id % 3 = 0"),
        )
    ),
    *(
        "INSERT INTO article_campaigns (article_id, campaign, evidence, salient)"
        f" SELECT a.id, '{slug}', '{evidence}', {salient} FROM ({_NEW}) a WHERE {where}"
        for slug, evidence, salient, where in (
            ("hoc-tap-lam-theo-bac", "Chỉ thị 05-CT/TW", "true", "a.id % 3 = 0"),
            ("xay-dung-chinh-don-dang", "xây dựng Đảng", "true", "a.id % 6 = 0"),
            ("nong-thon-moi", "nông thôn mới", "false", "a.id % 5 = 0"),
        )
    ),
    *(
        "INSERT INTO article_doc_refs (article_id, ref, doc_type, number, code, mentions)"
        f" SELECT a.id, '{ref}', '{kind}', '{number}', '{code}', a.id % 3 + 1"
        f" FROM ({_NEW}) a WHERE {where}"
        for ref, kind, number, code, where in (
            ("Chỉ thị 05-CT/TW", "Chỉ thị", "05", "CT/TW", "a.id % 4 = 0"),
            ("Nghị quyết 18-NQ/TW", "Nghị quyết", "18", "NQ/TW", "a.id % 8 = 0"),
        )
    ),
    # Last: the topic row is what marks an article labelled.
    "INSERT INTO article_labels (article_id, topic, topic_confidence, topic_by_section,"
    " topic_evidence, classifier_version, labelled_at)"
    " SELECT a.id, CASE a.id % 3 WHEN 0 THEN 'chinh-tri' WHEN 1 THEN 'kinh-te' ELSE 'xa-hoi' END,"
    f" 0.75, false, '[]', 'bench', CURRENT_TIMESTAMP FROM ({_NEW}) a",
)


def label_articles(engine: Engine, loaded: str) -> int:
    """Label the articles whose canonical URL is LIKE `loaded` and that have no labels yet;
    returns how many were labelled."""
    with engine.begin() as connection:
        new = connection.scalar(text(f"SELECT count(*) FROM ({_NEW}) a"), {"loaded": loaded})
        if new:
            for statement in _STATEMENTS:
                connection.execute(text(statement), {"loaded": loaded})
            if engine.dialect.name == "postgresql":
                tables = "article_labels, article_provinces, article_campaigns, article_doc_refs"
                connection.exec_driver_sql(f"ANALYZE {tables}")
    return new or 0
