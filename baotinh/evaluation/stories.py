"""Evaluation of story clustering: labelled sets, pairwise scores, and a plain MinHash-LSH baseline.

Three labelled sets, used by tests/test_dedupe_eval.py and benchmarks/dedupe_eval.py:

- our own variants (tests/fixtures/dedupe/variants.jsonl): articles written for this project and
  their reprints, truncations, updates and exact copies, plus different articles on one campaign;
- the five seeds (../shared/seeds): one campaign, five different articles, never to be merged;
- magizbox (../shared/corpus/magizbox-scraper): baomoi.com articles from 2017, labelled by the
  files that share a title and by the pairs stored in two layouts, corrected by reading
  (tests/fixtures/dedupe/magizbox_labels.txt, ids only: the text is never copied here).

The shared folder is read where it lies (``../shared`` next to the repository), never copied.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from baotinh.evaluation import scoring
from baotinh.stories.memory import MemoryStories, doc_from_record
from baotinh.stories.minhash import estimate, fingerprint

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_ENV = "BAOTINH_SHARED_DIR"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "dedupe"
MAGIZBOX = Path("corpus") / "magizbox-scraper"


def shared_dir() -> Path:
    """``../shared`` relative to the repository root (or BAOTINH_SHARED_DIR)."""
    return Path(os.environ.get(SHARED_ENV) or REPO_ROOT.parent / "shared")


@dataclass(frozen=True)
class Labelled:
    """One evaluation record: the input of `baotinh dedupe` plus its gold story."""

    key: str
    record: dict[str, str]
    story: str
    part: str  # which set it comes from: variants, seeds or magizbox


# --- the sets ----------------------------------------------------------------------------------


def load_variants(path: Path = FIXTURES / "variants.jsonl") -> list[Labelled]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            record = {k: row[k] for k in ("id", "title", "text", "url", "published") if k in row}
            items.append(Labelled(f"variants/{row['id']}", record, row["story"], "variants"))
    return items


def load_seeds(folder: Path | None = None) -> list[Labelled]:
    """The five seed dumps: each its own story."""
    folder = folder or shared_dir() / "seeds"
    items = []
    for path in sorted(folder.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        key = f"seeds/{path.stem}"
        items.append(Labelled(key, {"id": key, "title": title, "text": body}, key, "seeds"))
    return items


def load_magizbox(
    root: Path | None = None, labels: Path = FIXTURES / "magizbox_labels.txt"
) -> list[Labelled]:
    """Every file of the subset, with its story.

    Start: files sharing a title are one story (title_duplicate_groups.tsv) and a file stored in
    two layouts is one story (cross_format_pair_ids.txt); everything else stands alone. Then the
    corrections in `labels`, decided by reading the texts: ``split`` lists the parts of a title
    group that are different articles, ``join`` files under different titles that are one.
    """
    root = root or shared_dir() / MAGIZBOX
    data, layout = root / "vn_news" / "data", root / "vn_news" / "repository" / "20170702_3000"
    story: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for line in (root / "title_duplicate_groups.tsv").read_text(encoding="utf-8").splitlines():
        title, _, name = line.partition("\t")
        groups[title].append(Path(name.strip()).stem)
    for number, title in enumerate(sorted(groups)):
        for file_id in groups[title]:
            story[file_id] = f"title-{number}"
    for path in data.glob("*.txt"):
        story.setdefault(path.stem, f"file-{path.stem}")
    for kind, parts in load_corrections(labels):
        if kind == "split":
            for part in parts[1:]:
                for file_id in part:
                    story[file_id] = f"part-{part[0]}"
        else:  # join
            target = story[parts[0][0]]
            merged = {story[file_id] for part in parts for file_id in part}
            story = {k: target if v in merged else v for k, v in story.items()}

    pairs = [
        Path(name).stem
        for name in (root / "cross_format_pair_ids.txt").read_text(encoding="utf-8").split()
    ]
    items = [_magizbox_item(path, "data", story[path.stem]) for path in sorted(data.glob("*.txt"))]
    items += [
        _magizbox_item(layout / f"{file_id}.txt", "layout", story[file_id]) for file_id in pairs
    ]
    return items


def load_corrections(
    path: Path = FIXTURES / "magizbox_labels.txt",
) -> Iterable[tuple[str, list[list[str]]]]:
    """(kind, parts) of each correction line: ``split A B | C`` or ``join A B``."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        kind, _, rest = line.partition(" ")
        if kind not in {"split", "join"}:
            raise ValueError(f"{path.name}: unknown correction {kind!r}")
        yield kind, [part.split() for part in rest.split("|")]


def _magizbox_item(path: Path, layout: str, story: str) -> Labelled:
    # Line 1 is the title; the rest (sapo and body, or the body alone in the second layout).
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    key = f"magizbox/{layout}/{path.stem}"
    return Labelled(key, {"id": key, "title": title.strip(), "text": body}, story, "magizbox")


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    false_merges: list[tuple[str, str]]
    missed: list[tuple[str, str]]


def _pairs(labels: Mapping[str, Hashable]) -> set[tuple[str, str]]:
    members: dict[Hashable, list[str]] = defaultdict(list)
    for key, label in labels.items():
        members[label].append(key)
    return {
        (a, b) for group in members.values() for a, b in itertools.combinations(sorted(group), 2)
    }


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> Scores:
    """Pairwise precision, recall and F1 of a clustering against gold stories."""
    found, truth = _pairs(predicted), _pairs(gold)
    hits = len(found & truth)
    precision = scoring.ratio(hits, len(found), empty=1.0)
    recall = scoring.ratio(hits, len(truth), empty=1.0)
    f1 = scoring.f1(precision, recall)
    return Scores(
        precision, recall, f1, len(truth), len(found), sorted(found - truth), sorted(truth - found)
    )


# --- the two methods ---------------------------------------------------------------------------


def ours(items: Sequence[Labelled]) -> dict[str, str]:
    """Story of each item by baotinh.stories.decision, items added in the given order."""
    stories = MemoryStories()
    docs = [doc_from_record(item.record, line) for line, item in enumerate(items)]
    for doc in docs:
        stories.add(doc)
    labels = stories.labels()
    return {
        item.key: items[int(labels[doc.key])].key for item, doc in zip(items, docs, strict=True)
    }


# The baseline: the textbook pipeline on the same 5-word shingles and 128 permutations, LSH
# tuned to a Jaccard threshold of 0.5 (32 bands of 4 rows), a pair accepted when its estimated
# Jaccard reaches 0.5, and stories as the connected components of accepted pairs.
BASELINE_BANDS, BASELINE_ROWS, BASELINE_THRESHOLD = 32, 4, 0.5


def baseline(items: Sequence[Labelled]) -> dict[str, str]:
    prints = [fingerprint(item.record["text"]) for item in items]
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, fp in enumerate(prints):
        bands = fp.signature.reshape(BASELINE_BANDS, BASELINE_ROWS)
        for band, rows in enumerate(bands):
            buckets[(band, np.ascontiguousarray(rows).tobytes())].append(i)
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for a, b in itertools.combinations(members, 2):
            if (a, b) in checked:
                continue
            checked.add((a, b))
            fa, fb = prints[a], prints[b]
            if estimate(fa.signature, fa.size, fb.signature, fb.size).jaccard >= BASELINE_THRESHOLD:
                parent[root(a)] = root(b)
    return {item.key: items[root(i)].key for i, item in enumerate(items)}


def gold_of(items: Iterable[Labelled]) -> dict[str, str]:
    # Story names are unique within a set; prefix them so that sets never share one by accident.
    return {item.key: f"{item.part}:{item.story}" for item in items}
