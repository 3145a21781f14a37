"""Every label of every article the project holds, one line each, so that a change meant to
make the classifier faster can be shown to change nothing: write a snapshot before and after,
then `cmp` the two files.

    .venv/bin/python -m benchmarks.classify_snapshot /tmp/before.txt

The articles: the sample papers' (plain, and as their paper's ingest classifies them: with the
lead, the section and the paper's province), the labelled set, and the items of
baotinh/labels/data/*.jsonl; each also without its accents, so the unaccented paths are read
too. A line is the `repr` of the whole `Labels` (every field: mention counts, evidence,
confidence), not only what `as_dict` prints, and the topic probabilities to the last bit.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from baotinh.core.text import fold
from baotinh.evaluation.labels import load_labelled
from baotinh.labels.classify import classify
from baotinh.labels.topics import DATA_DIR, load_model
from baotinh.papers import SITES
from baotinh.samplesite.model import available_sites, load_site


def articles() -> Iterator[tuple[str, dict]]:
    """(name, keyword arguments of `classify`) for every article."""
    for key in available_sites():
        profile = SITES.get(key)
        for article in load_site(key).articles:
            body = "\n".join(article.paragraphs)
            yield f"{key}/{article.id}", {"title": article.title, "text": body}
            yield (
                f"{key}/{article.id}/ingest",
                {
                    "title": article.title,
                    "text": body,
                    "lead": article.lead,
                    "section": article.section,
                    "section_map": profile.section_topics if profile else (),
                    "paper_province": profile.provinces_before[0]
                    if profile and profile.provinces_before
                    else None,
                },
            )
    for item in load_labelled():
        yield f"labelled/{item.id}", {"title": item.title, "text": item.text}
    for path in sorted(DATA_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                item = json.loads(line)
                yield f"{path.name}/{number}", {"title": item["title"], "text": item["text"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    model = load_model()
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for name, kwargs in articles():
            folded = {k: fold(kwargs[k]) for k in ("title", "text", "lead") if kwargs.get(k)}
            for variant, call in (("", kwargs), ("/folded", {**kwargs, **folded})):
                labels = classify(**call, model=model)
                body = "\n".join(part for part in (call.get("lead"), call["text"]) if part)
                probabilities = model.probabilities(call["title"], body)[0]
                exact = " ".join(float(p).hex() for p in probabilities)
                out.write(f"{name}{variant}\t{labels!r}\t{exact}\n")
                count += 1
    print(f"{count} classifications written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
