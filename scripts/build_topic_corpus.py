"""Build baotinh/data/topics_real.npz: real news articles labelled by their paper's section,
shipped as hashed counts of the model's features (syllable unigrams and bigrams without
accents, of the headline and the first 400 syllables): no text, no word list.

Source: the Underthesea News Corpus (CP_Vietnamese-UNC) in github:undertheseanlp/resources,
2 653 articles of Dân trí (dantri.com.vn, 2019-2021), each with its URL, whose first path part is
the section the paper filed it under. baotinh/data/README.md records provenance and licence.

    .venv/bin/python scripts/build_topic_corpus.py --source PATH/TO/undertheseanlp+resources/repo

PATH is a git directory of that repository (bare or not; the search tool's `fetch` brings one);
the commit is pinned, so the output is the same bytes on every run (`cmp` it with the shipped
file). Nothing here runs at run time or in the tests: the service reads only the output.

Labels: the section, mapped to the taxonomy (DANTRI_SECTIONS), then the team's conventions
(tests/fixtures/classify/LABEL_RULES.md, issue 14) applied to the first line (the headline; in
some documents the lead or a caption), with
general vocabulary written here, never looked up in the evaluation texts:
- a world-news (the-gioi) article that names Việt Nam is not "news only about other countries":
  left out (it may be Vietnam's own diplomacy, chinh-tri, or anything else);
- a business (kinh-doanh) article about farm produce, its prices, or farmers is nong-nghiep;
- a society (xa-hoi) article about the Party, the State's leaders or Vietnam's diplomacy is
  chinh-tri, unless it is also about weather, traffic or the environment (then it is left out:
  which is "mainly" is not in the headline).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from baotinh.places import fold  # noqa: E402
from baotinh.text import nfc  # noqa: E402
from baotinh.topics import REAL_CORPUS_PATH, _save_reproducibly, features  # noqa: E402

COMMIT = "cbdb3c3ac065d49bd047dc55ad173181f9e846e3"
CORPUS_DIR = "resources/CP_Vietnamese-UNC/datasets/CP_Vietnamese-UNC/"

# Dân trí's sections (the URL's first path part), as the corpus README names them, and our topic.
DANTRI_SECTIONS = {
    "the-gioi": "quoc-te",
    "kinh-doanh": "kinh-te",
    "xa-hoi": "xa-hoi",
    "phap-luat": "phap-luat",
    "giao-duc-huong-nghiep": "giao-duc",
    "du-hoc": "giao-duc",
    "suc-khoe": "y-te",
    "giai-tri": "van-hoa",  # entertainment is filed with culture, as for VnExpress
    "du-lich": "van-hoa",
    "the-thao": "the-thao",
    "khoa-hoc-cong-nghe": "khoa-hoc-cong-nghe",
    "suc-manh-so": "khoa-hoc-cong-nghe",  # "digital power": gadgets, telecoms, the internet
}

# Convention vocabulary, compared without accents on whole syllables (general words of the
# domain, written for these rules).
VIETNAM = ("viet nam", "ha noi", "tp hcm", "thu tuong chinh phu")
FARMING = (
    "nong san",
    "nong dan",
    "lua gao",
    "gia lua",
    "gia gao",
    "gia heo",
    "gia lon",
    "heo hoi",
    "lon hoi",
    "chan nuoi",
    "trong trot",
    "thuy san",
    "ca tra",
    "tom hum",
    "ho tieu",
    "ca phe nhan",
    "thanh long",
    "vai thieu",
    "sau rieng",
    "trai cay",
    "rau qua",
    "thuc an chan nuoi",
    "vu mua",
    "thu hoach",
    "nha vuon",
)
POLITICS = (
    "tong bi thu",
    "chu tich nuoc",
    "bo chinh tri",
    "ban bi thu",
    "trung uong dang",
    "dai hoi dang",
    "quoc hoi",
    "dai bieu quoc hoi",
    "dang uy",
    "tinh uy",
    "thanh uy",
    "ky luat dang",
    "uy ban kiem tra",
    "hoi dam",
    "dien dam",
    "dai su",
    "ngoai giao",
    "tham chinh thuc",
    "nguyen thu",
    "chu tich hdnd",
    "hdnd",
    "mat tran to quoc",
    "bau cu",
    "ung cu",
    "cu tri",
)
SOCIETY = (  # and what else makes a politics mention not the article's subject
    "bao",
    "ap thap",
    "mua lu",
    "lu lut",
    "sat lo",
    "thoi tiet",
    "ret",
    "nang nong",
    "tai nan",
    "giao thong",
    "o nhiem",
    "moi truong",
    "chay",
    "dich benh",
    "covid",
    "chong dich",
    "le hoi",
    # and crime and courts, which are phap-luat
    "xet xu",
    "khoi to",
    "bat giu",
    "toa an",
    "tand",
    "vien kiem sat",
    "doi tuong",
)


def mentions(text: str, words: tuple[str, ...]) -> bool:
    folded = " " + " ".join(re.findall(r"\w+", fold(nfc(text)).lower())) + " "
    return any(f" {w} " in folded for w in words)


def label(section: str, headline: str) -> str | None:
    """Our topic for an article of `section` whose first line reads `headline`; None
    when the conventions leave it out."""
    topic = DANTRI_SECTIONS.get(section)
    if topic == "quoc-te" and mentions(headline, VIETNAM):
        return None
    if topic == "kinh-te" and mentions(headline, FARMING):
        return "nong-nghiep"
    if topic == "xa-hoi" and mentions(headline, POLITICS):
        return None if mentions(headline, SOCIETY) else "chinh-tri"
    return topic


def read_corpus(source: Path, commit: str) -> dict[str, str]:
    """{file name: text} of the corpus's documents at `commit`, read from the git directory."""
    listing = subprocess.run(
        ["git", f"--git-dir={source}", "ls-tree", "-r", "--name-only", commit, CORPUS_DIR],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    out = {}
    for name in sorted(n for n in listing if n.endswith(".txt")):
        blob = subprocess.run(
            ["git", f"--git-dir={source}", "show", f"{commit}:{name}"],
            capture_output=True,
            check=True,
        ).stdout
        out[name.rsplit("/", 1)[-1]] = blob.decode("utf-8")
    return out


def parse(document: str) -> tuple[dict[str, str], str, str]:
    """(header fields, headline, the rest) of one corpus document."""
    header, lines = {}, []
    for line in document.splitlines():
        found = re.match(r"#\s*(\w+)\s*=\s*(.*)", line)
        if found and not lines:
            header[found.group(1)] = found.group(2).strip()
        elif line.strip():
            lines.append(line.strip())
    return header, (lines[0] if lines else ""), "\n".join(lines[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="git dir of the repository")
    parser.add_argument("--commit", default=COMMIT)
    parser.add_argument("--output", type=Path, default=REAL_CORPUS_PATH)
    args = parser.parse_args()
    source = args.source / ".git" if (args.source / ".git").is_dir() else args.source

    rows: list[tuple[str, str, str, Counter[int]]] = []  # (id, topic, section, bag)
    tally: Counter[str] = Counter()
    for name, document in read_corpus(source, args.commit).items():
        header, headline, rest = parse(document)
        section = header.get("url", "").split("://", 1)[-1].split("/")[1:2]
        section_slug = section[0] if section else ""
        topic = label(section_slug, headline)
        mapped = DANTRI_SECTIONS.get(section_slug)
        tally[f"{section_slug} → {topic or 'left out'}"] += 1
        if topic is None:
            continue
        bag = Counter(zlib.crc32(t.encode("utf-8")) for t in features(headline, rest))
        rows.append((header.get("doc_id", name), topic, f"dantri/{section_slug}", bag))
        if topic != mapped:
            tally["relabelled by a convention"] += 1

    # A feature in one article only cannot pass training's min_df on real text: not shipped.
    document_frequency = Counter(h for *_, bag in rows for h in bag)
    rows = [
        (*r, Counter({h: n for h, n in r[3].items() if document_frequency[h] >= 2})) for r in rows
    ]
    rows = [(i, topic, source, bag) for i, topic, source, _, bag in rows]
    table = np.array(sorted({h for *_, bag in rows for h in bag}), dtype=np.uint32)
    position = {int(h): i for i, h in enumerate(table)}
    indptr, indices, counts = [0], [], []
    for *_, bag in rows:
        previous = 0  # each row's columns ascending, stored as steps: they compress to a third
        for column in sorted(position[h] for h in bag):
            indices.append(column - previous)
            previous = column
        counts.extend(min(bag[int(table[c])], 255) for c in sorted(position[h] for h in bag))
        indptr.append(len(indices))
    ids = [r[0] for r in rows]
    arrays = {
        "table": table,
        "indptr": np.array(indptr, dtype=np.int32),
        "steps": np.array(indices, dtype=np.uint32),
        "counts": np.array(counts, dtype=np.uint8),
        "topics": np.array([r[1] for r in rows]),
        "sources": np.array([r[2] for r in rows]),
        "ids": np.array(ids),
        # One article in five, chosen by its id, is held out: never trained on, it measures.
        "heldout": np.array([zlib.crc32(i.encode()) % 5 == 0 for i in ids]),
    }
    _save_reproducibly(args.output, arrays, lzma=True)
    for line, n in sorted(tally.items()):
        print(f"{n:6}  {line}")
    print(f"{len(rows)} articles, {len(table)} distinct hashed features → {args.output}")
    print(Counter(r[1] for r in rows).most_common())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
