"""The topic of an article: one of twelve, with a confidence.

A linear model (multinomial logistic regression) over syllable unigrams and bigrams, TF-IDF
weighted. Vietnamese writes one syllable per space-separated token, so syllable bigrams carry
most two-syllable words ("bóng đá", "bệnh viện"); a word segmenter was not needed to reach the
floors (docs/classification.md has the measurements).

It is trained (scikit-learn) from what the papers say themselves: the section each article was
filed under, mapped to the taxonomy (`SECTION_TOPICS`, and each profile's own `section_topics`);
plus a small corpus and a lexicon written for this project (`baotinh/data/`). The model ships as
arrays (`baotinh/data/topic_model.npz`: terms, idf, weights), and prediction is a sparse dot
product in numpy: no scikit-learn at run time, no pickles, and every decision can be explained by
the terms that weighed most (`TopicPrediction.evidence`).

When the article's own section maps to a topic, that is evidence too: the model's probabilities
are multiplied by a prior that puts `SECTION_PRIOR` on the section's topic.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from baotinh.places import fold, modern_tones
from baotinh.text import nfc

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
SECTION_TOPICS: dict[str, str] = {
    "chinh-tri": "chinh-tri",
    "xay-dung-dang": "chinh-tri",
    "thoi-su-chinh-tri": "chinh-tri",
    "kinh-te": "kinh-te",
    "kinh-doanh": "kinh-te",
    "tai-chinh": "kinh-te",
    "xa-hoi": "xa-hoi",
    "do-thi": "xa-hoi",
    "doi-song": "xa-hoi",
    "moi-truong": "xa-hoi",
    "phap-luat": "phap-luat",
    "an-ninh-trat-tu": "phap-luat",
    "giao-duc": "giao-duc",
    "y-te": "y-te",
    "suc-khoe": "y-te",
    "van-hoa": "van-hoa",
    "van-hoa-du-lich": "van-hoa",
    "du-lich": "van-hoa",
    "giai-tri": "van-hoa",
    "the-thao": "the-thao",
    "quoc-phong": "quoc-phong",
    "quoc-phong-an-ninh": "quoc-phong",
    "quan-su": "quoc-phong",
    "nong-nghiep": "nong-nghiep",
    "nong-nghiep-nong-thon": "nong-nghiep",
    "nong-thon-moi": "nong-nghiep",
    "khoa-hoc": "khoa-hoc-cong-nghe",
    "khoa-hoc-cong-nghe": "khoa-hoc-cong-nghe",
    "cong-nghe": "khoa-hoc-cong-nghe",
    "chuyen-doi-so": "khoa-hoc-cong-nghe",
    "quoc-te": "quoc-te",
    "the-gioi": "quoc-te",
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


def syllables(text: str) -> list[str]:
    return _TOKEN.findall(modern_tones(nfc(text)))


def features(title: str, text: str) -> list[str]:
    """Syllable unigrams and bigrams, the headline's counted twice (it is the densest evidence);
    and each again without accents ("~bong da"), so text typed without them is understood too
    (on the labelled set's unaccented articles: accuracy 0.33 without these, 0.92 with)."""
    out: list[str] = []
    for tokens, times in ((syllables(title), 2), (syllables(text)[:_TEXT_TOKENS], 1)):
        grams = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
        folded = ["~" + g for g in fold("\n".join(grams)).split("\n")] if grams else []
        out.extend((grams + folded) * times)
    return out


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
    topics: tuple[str, ...]
    terms: dict[str, int]
    idf: np.ndarray  # (n_terms,)
    weights: np.ndarray  # (n_topics, n_terms)
    intercept: np.ndarray  # (n_topics,)
    trained_on: dict[str, int] = field(default_factory=dict)
    version: str = ""
    _names: list[str] | None = field(default=None, repr=False, compare=False)

    def probabilities(self, title: str, text: str) -> tuple[np.ndarray, list[int], np.ndarray]:
        counts = Counter(t for t in features(title, text) if t in self.terms)
        if not counts:
            return _softmax(self.intercept.copy()), [], np.zeros(0)
        index = [self.terms[t] for t in counts]
        # sublinear tf, idf, l2 norm: what the training vectoriser did
        values = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[index]
        values /= np.linalg.norm(values) or 1.0
        logits = self.weights[:, index] @ values + self.intercept
        return _softmax(logits), index, values

    def predict(
        self, title: str, text: str, section: str | None = None, section_map: Iterable = ()
    ) -> TopicPrediction:
        probs, index, values = self.probabilities(title, text)
        by_section = False
        mapped = section_topic(section, section_map)
        if mapped in self.topics:
            prior = np.full(len(self.topics), (1 - SECTION_PRIOR) / (len(self.topics) - 1))
            prior[self.topics.index(mapped)] = SECTION_PRIOR
            probs = probs * prior
            probs /= probs.sum()
            by_section = True
        best = int(np.argmax(probs))
        evidence = self._evidence(best, index, values)
        if by_section:
            evidence = (f"section:{mapped}", *evidence)
        return TopicPrediction(
            self.topics[best], round(float(probs[best]), 4), evidence, by_section
        )

    def _evidence(self, topic: int, index: list[int], values: np.ndarray) -> tuple[str, ...]:
        """The five terms that pushed hardest towards `topic`, an unaccented feature ("~bong
        da") shown as the text wrote it ("bóng đá") when the text had accents."""
        if not index:
            return ()
        contribution = self.weights[topic, index] * values
        names = self.names
        accented = {fold(names[i]): names[i] for i in index if not names[i].startswith("~")}
        shown: list[str] = []
        for i in np.argsort(contribution)[::-1]:
            if contribution[i] <= 0 or len(shown) == 5:
                break
            term = names[index[i]]
            term = accented.get(term[1:], term) if term.startswith("~") else term
            if term not in shown:
                shown.append(term)
        return tuple(shown)

    @property
    def names(self) -> list[str]:
        if self._names is None:
            self._names = list(self.terms)
        return self._names

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                topics=np.array(self.topics),
                terms=np.array(list(self.terms)),
                idf=self.idf.astype(np.float32),
                weights=self.weights.astype(np.float16),
                intercept=self.intercept.astype(np.float32),
                trained_on=np.array([json.dumps(self.trained_on, sort_keys=True)]),
            )

    @classmethod
    def load(cls, path: Path) -> TopicModel:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        with np.load(path, allow_pickle=False) as data:
            terms = [str(t) for t in data["terms"]]
            return cls(
                topics=tuple(str(t) for t in data["topics"]),
                terms={t: i for i, t in enumerate(terms)},
                idf=data["idf"].astype(np.float64),
                weights=data["weights"].astype(np.float64),
                intercept=data["intercept"].astype(np.float64),
                trained_on=json.loads(str(data["trained_on"][0])),
                version=f"topics-{digest}",
            )


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


# -- training -------------------------------------------------------------------------------


def bundled_examples() -> list[Example]:
    """The project's own training material: the written corpora (`topics_*.jsonl`: news items
    and headlines) and the lexicon, each term of which is one short example."""
    examples = []
    for path in sorted(DATA_DIR.glob("topics_*.jsonl")):
        source = path.stem.removeprefix("topics_")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                examples.append(Example(row["title"], row["text"], row["topic"], source))
    lexicon_path = DATA_DIR / "topic_lexicon.toml"
    if lexicon_path.exists():
        lexicon = tomllib.loads(lexicon_path.read_text(encoding="utf-8"))
        for topic, table in lexicon.items():
            examples.extend(Example(term, "", topic, "lexicon") for term in table["terms"])
    return examples


def sample_site_examples() -> list[Example]:
    """The sample papers' articles (written for this project), labelled by their sections."""
    from baotinh.samplesite.model import available_sites, load_site
    from crawlers.sites import SITES

    examples = []
    for key in available_sites():
        site = load_site(key)
        section_map = SITES[key].section_topics if key in SITES else ()
        for article in site.articles:
            topic = section_topic(article.section_slug, section_map)
            if topic:
                text = "\n".join([article.lead, *article.paragraphs])
                examples.append(Example(article.title, text, topic, f"sample:{key}"))
    return examples


def train(examples: Sequence[Example], max_terms: int = 40_000, c: float = 8.0) -> TopicModel:
    """Fit the model. Terms seen in one example only are dropped (they generalise nothing)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(
        analyzer=lambda pair: features(*pair),
        sublinear_tf=True,
        min_df=2,
        max_features=max_terms,
    )
    matrix = vectoriser.fit_transform([(e.title, e.text) for e in examples])
    labels = [e.topic for e in examples]
    classifier = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    classifier.fit(matrix, labels)
    weights, intercept = classifier.coef_, classifier.intercept_
    if len(classifier.classes_) == 2:  # scikit-learn keeps one row for two classes
        weights = np.vstack([-weights / 2, weights / 2])
        intercept = np.concatenate([-intercept / 2, intercept / 2])
    order = [list(classifier.classes_).index(t) for t in TOPICS if t in classifier.classes_]
    vocabulary = sorted(vectoriser.vocabulary_.items(), key=lambda item: item[1])
    return TopicModel(
        topics=tuple(str(classifier.classes_[i]) for i in order),
        terms={term: i for term, i in vocabulary},
        idf=vectoriser.idf_,
        weights=weights[order],
        intercept=intercept[order],
        trained_on=dict(Counter(e.source.split(":")[0] or "unknown" for e in examples)),
    )
