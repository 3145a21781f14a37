"""Our extractor and plain trafilatura on the same expectations (`baotinh.evaluation.snippets`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import trafilatura

from baotinh.evaluation.snippets import Expectation, Score, evaluate, load_expectations
from baotinh.extraction.html import article_to_json, extract_article
from baotinh.extraction.pages import ExtractionError

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXPECTATIONS = ROOT / "tests" / "extraction"
SETS = {"real pages": "pages.toml", "seeds": "seeds.toml"}


def ours(expectation: Expectation) -> dict[str, Any] | None:
    try:
        if isinstance(expectation.source, str):
            from baotinh.extraction.dumps import extract_text_dump

            return article_to_json(extract_text_dump(expectation.source))
        url = expectation.url or "https://example.vn/"
        return article_to_json(extract_article(expectation.source, url, None))
    except ExtractionError:
        return None


def plain_trafilatura(expectation: Expectation) -> dict[str, Any] | None:
    source = expectation.source
    if isinstance(source, str):  # a text dump: trafilatura takes it as it is
        lines = source.strip().split("\n")
        return {"title": lines[0], "text": "\n".join(lines[1:]), "published": None, "authors": []}
    raw = trafilatura.extract(source, url=expectation.url, output_format="json", with_metadata=True)
    if raw is None:
        return None
    data = json.loads(raw)
    authors = [a.strip() for a in (data.get("author") or "").split(";") if a.strip()]
    return {
        "title": data.get("title"),
        "text": data.get("text"),
        "published": data.get("date"),
        "authors": authors,
    }


def run() -> dict[str, dict[str, Score]]:
    """{set name: {"ours": Score, "trafilatura": Score}} for every expectation file present."""
    results: dict[str, dict[str, Score]] = {}
    for name, filename in SETS.items():
        path = EXPECTATIONS / filename
        if not path.exists():
            continue
        expectations = load_expectations(path, SHARED)
        results[name] = {
            "ours": evaluate(expectations, ours),
            "trafilatura": evaluate(expectations, plain_trafilatura),
        }
    return results


def report(results: dict[str, dict[str, Score]], show_failures: bool = False) -> str:
    lines = [
        f"{'set':12}{'extractor':13}{'precision':>10}{'recall':>8}{'F1':>7}"
        f"{'title':>8}{'date':>7}{'authors':>9}{'listings':>10}"
    ]
    for name, scores in results.items():
        for who, score in scores.items():
            lines.append(
                f"{name:12}{who:13}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
                f"{Score.rate(score.titles):>8.0%}{Score.rate(score.dates):>7.0%}"
                f"{Score.rate(score.authors):>9.0%}{Score.rate(score.kinds):>10.0%}"
            )
            if show_failures:
                lines += [f"    {failure}" for failure in score.failures]
    return "\n".join(lines)
