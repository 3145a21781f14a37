"""The arithmetic every evaluation shares: a ratio that says what an empty denominator means,
and F1 as the harmonic mean of precision and recall."""

from __future__ import annotations


def ratio(numerator: int, denominator: int, empty: float) -> float:
    """numerator / denominator, or `empty` when there is nothing to divide by: 1.0 where
    "nothing predicted" means "nothing wrong" (set labels, story pairs), 0.0 where it means
    "nothing found" (snippets)."""
    return numerator / denominator if denominator else empty


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
