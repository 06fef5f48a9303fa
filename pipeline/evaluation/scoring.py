"""The arithmetic every evaluation shares."""

from __future__ import annotations


def ratio(part: int, whole: int) -> float:
    """part / whole, 0 when there is nothing to divide by (no predictions, no gold)."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall; 0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
