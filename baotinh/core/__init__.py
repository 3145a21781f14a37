"""The bottom layer: plain values and text functions everything else uses.

Text normalisation and accent folding, dates in Vietnam time, URLs and their identity keys, the
records a page becomes, the crawl window, search text, run health, child processes. Nothing here
imports any other part of the project (import-linter checks it: `make lint`).
"""
