"""The topic of an article: one of twelve, with a confidence.

A linear model (multinomial logistic regression) over syllable unigrams and bigrams, TF-IDF
weighted. Vietnamese writes one syllable per space-separated token, so syllable bigrams carry
most two-syllable words ("bóng đá", "bệnh viện"); a word segmenter was not needed to reach the
floors (docs/classification.md has the measurements).

It is trained (scikit-learn, in `topic_training`) from what the papers say themselves: the
section each article was filed under, mapped to the taxonomy (`SECTION_TOPICS`, and each
profile's own `section_topics`); plus a small corpus and a lexicon written for this project
(`baotinh/labels/data/`). The model ships as arrays (`baotinh/labels/data/topic_model.npz`:
hashed terms, idf, weights), and prediction is a sparse dot product in numpy: no scikit-learn at
run time, no pickles, and every decision can be explained by the terms that weighed most
(`TopicPrediction.evidence`).

When the article's own section maps to a topic, that is evidence too: the model's probabilities
are multiplied by a prior that puts `SECTION_PRIOR` on the section's topic.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from baotinh.core.text import nfc
from baotinh.labels.places import fold, modern_tones
from baotinh.labels.protocol import without_protocol

TOPICS: tuple[str, ...] = (
    "chinh-tri",
    "kinh-te",
    "xa-hoi",
    "phap-luat",
    "giao-duc",
    "y-te",
    "van-hoa",
    "the-thao",
    "quoc-phong",
    "nong-nghiep",
    "khoa-hoc-cong-nghe",
    "quoc-te",
)
DATA_DIR = Path(__file__).parent / "data"
SHIPPED_MODEL_PATH = DATA_DIR / "topic_model.npz"
MODEL_PATH_ENV = "BAOTINH_TOPIC_MODEL"
MODEL_DIR_ENV = "BAOTINH_MODEL_DIR"
PROMOTED_NAME = "topics-current.npz"

# How papers commonly name their sections (slugified), and the topic each one is. A profile's
# own `section_topics` wins over this. Sections that mix topics ("thoi-su", "tin-tuc") map to
# nothing: their articles are classified from their text alone and are not training examples.
# Real papers' slugs, and where they were seen (baotinh/labels/data/README.md has the evidence
# list):
# [UNC] github:undertheseanlp/resources/resources/CP_Vietnamese-UNC@cbdb3c3 (Dân trí URLs);
# [R] github:hoangph/webscrape/parameter.R@b3b264a (section URLs of Nhân Dân, Lao Động, Tổ
# Quốc, Đất Việt, Công Luận, Người Đưa Tin, QĐND, VnEconomy, CafeF).
SECTION_TOPICS: dict[str, str] = {
    "chinh-tri": "chinh-tri",
    "chinhtri": "chinh-tri",  # Nhân Dân [R]
    "xay-dung-dang": "chinh-tri",
    "thoi-su-chinh-tri": "chinh-tri",
    "kinh-te": "kinh-te",
    "kinhte": "kinh-te",  # Nhân Dân [R]
    "kinh-doanh": "kinh-te",  # Dân trí [UNC]
    "tai-chinh": "kinh-te",
    "kinh-te-the-gioi": "kinh-te",  # Tổ Quốc [R]; foreign business is kinh-te (issue 14)
    "tai-chinh-chung-khoan": "kinh-te",  # Tổ Quốc [R]
    "chung-khoan": "kinh-te",  # VnEconomy [R]
    "bat-dong-san": "kinh-te",  # VnEconomy, CafeF, Đất Việt [R]
    "doanh-nghiep": "kinh-te",  # CafeF [R]
    "xa-hoi": "xa-hoi",  # Dân trí [UNC]: also politics, which the text then decides
    "xahoi": "xa-hoi",  # Nhân Dân [R]
    "doi-song-xa-hoi": "xa-hoi",  # Công Luận [R]
    "do-thi": "xa-hoi",
    "doi-song": "xa-hoi",
    "moi-truong": "xa-hoi",
    "phap-luat": "phap-luat",  # Dân trí [UNC]
    "phapluat": "phap-luat",  # Nhân Dân [R]
    "phap-luat-dieu-tra": "phap-luat",  # Công Luận [R]
    "an-ninh-trat-tu": "phap-luat",
    "giao-duc": "giao-duc",
    "giaoduc": "giao-duc",  # Nhân Dân [R]
    "giao-duc-huong-nghiep": "giao-duc",  # Dân trí [UNC]
    "giao-duc-khuyen-hoc": "giao-duc",  # Dân trí, earlier [R]
    "du-hoc": "giao-duc",  # Dân trí [UNC]
    "y-te": "y-te",
    "suc-khoe": "y-te",  # Dân trí [UNC]
    "suckhoe": "y-te",  # Nhân Dân [R]
    "van-hoa": "van-hoa",
    "vanhoa": "van-hoa",  # Nhân Dân [R]
    "van-hoa-du-lich": "van-hoa",
    "van-hoa-giai-tri": "van-hoa",  # Lao Động [R]
    "du-lich": "van-hoa",  # Dân trí [UNC]
    "giai-tri": "van-hoa",  # Dân trí [UNC]
    "the-thao": "the-thao",  # Dân trí [UNC]
    "quoc-phong": "quoc-phong",  # Đất Việt [R]
    "quoc-phong-an-ninh": "quoc-phong",  # QĐND [R]
    "quan-su": "quoc-phong",
    "nong-nghiep": "nong-nghiep",
    "nong-nghiep-nong-thon": "nong-nghiep",
    "nong-thon-moi": "nong-nghiep",
    "khoa-hoc": "khoa-hoc-cong-nghe",  # Đất Việt [R]
    "khoahoc": "khoa-hoc-cong-nghe",  # Nhân Dân [R]
    "khoa-hoc-cong-nghe": "khoa-hoc-cong-nghe",  # Dân trí [UNC]
    "cong-nghe": "khoa-hoc-cong-nghe",
    "suc-manh-so": "khoa-hoc-cong-nghe",  # Dân trí [UNC]: gadgets, telecoms, the internet
    "chuyen-doi-so": "khoa-hoc-cong-nghe",
    "quoc-te": "quoc-te",
    "the-gioi": "quoc-te",  # Dân trí [UNC]: Việt Nam's own diplomacy is chinh-tri by the text
    "viet-kieu": "quoc-te",  # Tổ Quốc [R]: Vietnamese abroad (LABEL_RULES.md)
}

# How much the paper's own section counts: the prior mass on its topic (the rest is spread).
SECTION_PRIOR = 0.6
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_TEXT_TOKENS = 400  # the opening of a long article says what it is about


def slugify(label: str) -> str:
    """ "Văn hóa - Du lịch" → "van-hoa-du-lich": section labels and URL slugs compare so."""
    return "-".join(_TOKEN.findall(fold(nfc(label)).lower()))


def section_topic(
    section: str | None, overrides: Iterable[tuple[str, str | None]] = ()
) -> str | None:
    """The topic a paper's section is: its profile's mapping first, then the common names.
    `section` may be a label ("Văn hóa - Du lịch"), a slug or a breadcrumb's last part."""
    if not section:
        return None
    slug = slugify(section.rsplit(">", 1)[-1].rsplit("/", 1)[-1])
    profile_map = dict(overrides)
    return profile_map[slug] if slug in profile_map else SECTION_TOPICS.get(slug)


_WORD = re.compile(r"\w+")


def syllables(text: str) -> list[str]:
    """The runs of letters (`_TOKEN`). Found as runs of word characters (one test a character
    where `_TOKEN` makes three: 40 % faster), split again only where a run is not all letters
    ("2024", "F0", "x_y"); `_TOKEN`'s letters are word characters, so the runs are the same."""
    found: list[str] = []
    for run in _WORD.findall(modern_tones(nfc(text))):
        if run.isalpha():
            found.append(run)
        else:
            found.extend(_TOKEN.findall(run))
    return found


@lru_cache(maxsize=8)  # a prediction reads them twice: for its features and its evidence
def _tokens(title: str, text: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """The headline's syllables and the text's first 400 (without the list of who attended and
    the titles after a name: `protocol`), as written and without accents."""
    title_tokens = syllables(title)
    text_tokens = syllables(without_protocol(text))[:_TEXT_TOKENS]
    written = title_tokens + text_tokens
    folded = fold("\n".join(written)).split("\n") if written else []
    cut = len(title_tokens)
    return title_tokens, text_tokens, folded[:cut], folded[cut:]


def _grams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def features(title: str, text: str) -> list[str]:
    """The model's features: syllable unigrams and bigrams without accents ("bong da").

    Without accents: text typed without them reads exactly like text with them, with no
    accented twin of every feature to keep beside it (docs/classification.md has what each
    choice measured). The headline's are counted twice: it is the densest evidence."""
    _, _, title_folded, text_folded = _tokens(title, text)
    headline = _grams(title_folded)
    return headline + headline + _grams(text_folded)


def term_hash(term: str) -> int:
    """A feature's number: CRC-32 of its UTF-8 bytes. Stable across processes and machines
    (Python's own hash() is salted), and collisions are rare at 32 bits: about one pair among
    the 60 000 terms a model keeps."""
    return zlib.crc32(term.encode("utf-8"))


def hashed_counts(terms: Iterable[str]) -> Counter[int]:
    return Counter(map(term_hash, terms))


@dataclass(frozen=True)
class Example:
    title: str
    text: str
    topic: str
    source: str = ""


@dataclass(frozen=True)
class TopicPrediction:
    topic: str
    confidence: float
    # The terms that pushed hardest towards the topic, for a person asking "why?".
    evidence: tuple[str, ...] = ()
    by_section: bool = False


@dataclass
class TopicModel:
    """Weights over hashed features. `buckets` is sorted: a feature's column is found by
    binary search of its hash, so no vocabulary of strings is shipped or held in memory."""

    topics: tuple[str, ...]
    buckets: np.ndarray  # (n_terms,) uint32, sorted
    idf: np.ndarray  # (n_terms,)
    weights: np.ndarray  # (n_topics, n_terms)
    intercept: np.ndarray  # (n_topics,)
    trained_on: dict[str, int] = field(default_factory=dict)
    version: str = ""

    def _columns(self, title: str, text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The input's distinct known features ("bong da"), their columns, tf-idf values."""
        counts = Counter(features(title, text))
        names = list(counts)
        # term_hash, inlined and mapped (no Python-level loop: this is a large part of a
        # prediction's cost), straight into the array
        hashes = np.fromiter(
            map(zlib.crc32, map(str.encode, names)), dtype=np.uint32, count=len(names)
        )
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(names))
        known, columns, values = self._weighted(hashes, tf)
        return [names[i] for i in known], columns, values

    def _weighted(
        self, hashes: np.ndarray, tf: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Which of the hashed features the model knows (their positions), their columns and
        tf-idf values: sublinear tf, idf, l2 norm, as training did. Two strings of one hash
        (rare) add up in training; here they are two entries of one column, which the dot
        product sums."""
        columns = np.searchsorted(self.buckets, hashes)
        columns[columns == len(self.buckets)] = 0
        known = np.flatnonzero(self.buckets[columns] == hashes)
        values = (1.0 + np.log(tf[known])) * self.idf[columns[known]]
        values /= np.linalg.norm(values) or 1.0
        return known, columns[known], values

    def probabilities(self, title: str, text: str) -> tuple[np.ndarray, list[str], np.ndarray]:
        """Topic probabilities, and for explanation the features used and their weights'
        contributions per topic, shape (n_topics, n_features)."""
        names, columns, values = self._columns(title, text)
        if not names:
            return _softmax(self.intercept.copy()), [], np.zeros((len(self.topics), 0))
        contributions = self.weights[:, columns] * values
        return _softmax(contributions.sum(axis=1) + self.intercept), names, contributions

    def predict(
        self, title: str, text: str, section: str | None = None, section_map: Iterable = ()
    ) -> TopicPrediction:
        probs, names, contributions = self.probabilities(title, text)
        by_section = False
        mapped = section_topic(section, section_map)
        if mapped in self.topics:
            prior = np.full(len(self.topics), (1 - SECTION_PRIOR) / (len(self.topics) - 1))
            prior[self.topics.index(mapped)] = SECTION_PRIOR
            probs = probs * prior
            probs /= probs.sum()
            by_section = True
        best = int(np.argmax(probs))
        evidence = _evidence(names, contributions[best], title, text) if names else ()
        if by_section:
            evidence = (f"section:{mapped}", *evidence)
        return TopicPrediction(
            self.topics[best], round(float(probs[best]), 4), evidence, by_section
        )

    @property
    def size(self) -> int:
        return len(self.buckets)

    def save(self, path: Path) -> None:
        """Arrays only (no pickles), compressed; the same model and arrays give the same bytes
        (the archive's timestamps are fixed), so a rebuilt model can be compared with `cmp`."""
        arrays = {
            "topics": np.array(self.topics),
            "buckets": self.buckets.astype(np.uint32),
            "idf": self.idf.astype(np.float16),
            "weights": self.weights.astype(np.float16),
            "intercept": self.intercept.astype(np.float32),
            "trained_on": np.array([json.dumps(self.trained_on, sort_keys=True)]),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        _save_reproducibly(path, arrays)

    @classmethod
    def load(cls, path: Path) -> TopicModel:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        with np.load(path, allow_pickle=False) as data:
            return cls(
                topics=tuple(str(t) for t in data["topics"]),
                buckets=data["buckets"].astype(np.uint32),
                idf=data["idf"].astype(np.float64),
                weights=data["weights"].astype(np.float64),
                intercept=data["intercept"].astype(np.float64),
                trained_on=json.loads(str(data["trained_on"][0])),
                version=f"topics-{digest}",
            )


def _evidence(names: list[str], contribution: np.ndarray, title: str, text: str) -> tuple[str, ...]:
    """The five terms that pushed hardest towards a topic, as the text wrote them ("bóng
    đá", though the feature is "bong da")."""
    top: list[str] = []
    for i in np.argsort(contribution, kind="stable")[::-1]:
        if contribution[i] <= 0 or len(top) == 5:
            break
        top.append(names[i])
    if not top:
        return ()
    title_tokens, text_tokens, title_folded, text_folded = _tokens(title, text)
    shown: list[str] = []
    for term in top:
        spelled = _spelled(term, title_tokens, title_folded) or _spelled(
            term, text_tokens, text_folded
        )
        spelled = spelled or term
        if spelled not in shown:
            shown.append(spelled)
    return tuple(shown)


def _spelled(term: str, written: list[str], folded: list[str]) -> str | None:
    """`term` (a folded unigram or bigram) as `written` has it, if it is there."""
    first, *rest = term.split(" ")
    # The first syllable is looked for by list.index (a C loop), the rest compared only where
    # it is: slicing the list at every position cost more than the rest of the prediction.
    stop = len(folded) - len(rest)
    i = -1
    while True:
        try:
            i = folded.index(first, i + 1, stop)
        except ValueError:
            return None
        if folded[i + 1 : i + 1 + len(rest)] == rest:
            return " ".join(written[i : i + 1 + len(rest)])


def _save_reproducibly(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed, but with a fixed timestamp in the zip: bit-for-bit reproducible."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def model_dir() -> Path:
    """Where retrained models live (BAOTINH_MODEL_DIR, default var/models beside the store)."""
    return Path(os.environ.get(MODEL_DIR_ENV) or "var/models")


def model_path() -> Path:
    """The model in use: BAOTINH_TOPIC_MODEL if set; else the retrained model the retrain flow
    promoted (`<model dir>/topics-current.npz`); else the one the package ships."""
    configured = os.environ.get(MODEL_PATH_ENV)
    if configured:
        return Path(configured)
    promoted = model_dir() / PROMOTED_NAME
    return promoted if promoted.exists() else SHIPPED_MODEL_PATH


def promote(candidate: Path) -> Path:
    """Make `candidate` the model in use (when BAOTINH_TOPIC_MODEL does not say otherwise).
    Atomic: a classifier starting meanwhile loads the old model or the new, never half of one."""
    target = model_dir() / PROMOTED_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_suffix(".tmp")
    shutil.copyfile(candidate, staging)
    os.replace(staging, target)
    return target


@lru_cache(maxsize=4)  # a promoted model replaces the old; a few versions in memory at most
def _load_cached(path: Path, mtime: float) -> TopicModel:
    return TopicModel.load(path)


def load_model(path: Path | None = None) -> TopicModel:
    path = path or model_path()
    if not path.exists():
        raise FileNotFoundError(
            f"no topic model at {path}; `baotinh train-topics` builds one"
            + (
                f" (unset {MODEL_PATH_ENV} to use the shipped model)"
                if path != SHIPPED_MODEL_PATH
                else ""
            )
        )
    return _load_cached(path, path.stat().st_mtime)
