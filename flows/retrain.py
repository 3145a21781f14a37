"""Retrain the topic model from the store and, if it is no worse, label history with it.

Thin: the work is `baotinh.jobs.retrain.retrain_from_store` and `baotinh.jobs.labelling.relabel`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger

from baotinh.jobs.labelling import relabel
from baotinh.jobs.retrain import TOLERANCE, retrain_from_store
from db.engine import get_engine
from db.settings import database_url


@flow(name="retrain-topics", log_prints=True)
def retrain_topics(tolerance: float = TOLERANCE, relabel_history: bool = True) -> dict[str, Any]:
    """Train on the project's corpus and every stored article its paper filed under a mapped
    section; promote the new model if it scores no worse on the labelled set; then (by default)
    label again every article the new model would label differently."""
    logger = get_run_logger()
    engine = get_engine(database_url())
    result = retrain_from_store(engine, tolerance=tolerance)
    logger.info("trained %s on %s: %s", result.candidate_version, result.examples, result.reason)
    summary: dict[str, Any] = {**asdict(result), "candidate": str(result.candidate)}
    if result.promoted and relabel_history:
        counts = relabel(engine, progress=logger.info)
        logger.info("relabelled %d article(s), %d failed", counts.labelled, counts.errors)
        summary["relabelled"] = asdict(counts)
    return summary
