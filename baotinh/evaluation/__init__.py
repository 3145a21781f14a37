"""Measuring ourselves: extraction (must / must-not snippets), stories (pairwise P/R/F1) and
labels (topic accuracy, set P/R/F1), on our own fixtures and on ../shared read where it lies."""
