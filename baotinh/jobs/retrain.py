"""Retraining the topic model from the store, guarded by the labelled set.

The papers' editors label articles every day by filing them under sections; once the store holds
a few thousand, a model trained on them knows each paper's vocabulary better than the shipped
one. A retrained model is promoted only if it scores no worse on our labelled set (written for
this project, never trained on) than the model in use, so a bad night of data cannot make the
labels worse unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from baotinh.evaluation.labels import evaluate_topics, load_labelled
from baotinh.jobs.labelling import store_examples
from baotinh.labels import LABELLED_SET
from baotinh.labels.topic_training import bundled_examples, train
from baotinh.labels.topics import Example, TopicModel, load_model, model_dir, promote, section_topic
from baotinh.papers import SITES
from baotinh.samplesite.model import available_sites, load_site

# A retrained model may score this much below the current one and still be promoted: the
# labelled set is small, and a model that knows the papers' own sections is worth a hair.
TOLERANCE = 0.01


@dataclass(frozen=True)
class RetrainResult:
    candidate: Path
    examples: dict[str, int]
    current_version: str
    candidate_version: str
    current_macro_f1: float | None
    candidate_macro_f1: float | None
    promoted: bool
    reason: str


def retrain_from_store(
    engine: Engine, output_dir: Path | None = None, tolerance: float = TOLERANCE
) -> RetrainResult:
    """Train on the project's material plus the store's section-labelled articles, write the
    model beside earlier ones, and promote it if the labelled set says it is no worse."""
    return judge(train_candidate(engine, output_dir), tolerance)


def train_candidate(
    engine: Engine | None, output_dir: Path | None = None, output: Path | None = None
) -> Path:
    """Train a model on the project's material (and the store's, given an `engine`) and write
    it to `output`, or as `<model dir>/topics-<UTC time>.npz`; nothing is promoted."""
    examples = bundled_examples() + sample_site_examples()
    if engine is not None:
        examples += store_examples(engine)
    directory = output_dir or model_dir()
    path = output or directory / f"topics-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}.npz"
    train(examples).save(path)
    return path


def judge(path: Path, tolerance: float = TOLERANCE) -> RetrainResult:
    """Promote the model at `path` if it scores no worse (within `tolerance`) on the labelled
    set than the model in use."""
    candidate = TopicModel.load(path)  # as it will be used: float16 weights, its own version
    current = load_model()
    if not LABELLED_SET.exists():
        reason = "no labelled set to check it against: not promoted"
        return RetrainResult(
            path,
            candidate.trained_on,
            current.version,
            candidate.version,
            None,
            None,
            False,
            reason,
        )
    held_out = load_labelled()
    current_f1 = evaluate_topics(held_out, current)["ours"].macro_f1
    candidate_f1 = evaluate_topics(held_out, candidate)["ours"].macro_f1
    promoted = candidate_f1 >= current_f1 - tolerance
    if promoted:
        promote(path)
    reason = (
        f"labelled-set macro-F1 {candidate_f1:.3f} against {current_f1:.3f} for the model in use"
        f" ({'promoted' if promoted else 'kept the model in use'})"
    )
    return RetrainResult(
        path,
        candidate.trained_on,
        current.version,
        candidate.version,
        round(current_f1, 4),
        round(candidate_f1, 4),
        promoted,
        reason,
    )


def sample_site_examples() -> list[Example]:
    """The sample papers' articles (written for this project), labelled by their sections."""
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
