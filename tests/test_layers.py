"""The package's shape, as issue 17 wrote it down: imports only go down the layers, and modules
stay small enough to read (a longer one says why, here and in its docstring)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 450
# Modules allowed over MAX_LINES, with the reason their docstring gives.
LONG_MODULES = {
    "db/search.py": "the SQLite and PostgreSQL paths of one search, read side by side",
}


def test_imports_only_go_down_the_layers() -> None:
    # The contract is [tool.importlinter] in pyproject.toml; `make lint` runs the same command.
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_modules_over_the_size_say_why() -> None:
    long = {}
    for package in ("baotinh", "crawlers", "db", "flows"):
        for path in (ROOT / package).rglob("*.py"):
            if "samplesite/sites" in path.as_posix():
                continue
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > MAX_LINES:
                long[path.relative_to(ROOT).as_posix()] = lines
    assert sorted(long) == sorted(LONG_MODULES), long
    for module in LONG_MODULES:
        docstring = ast.get_docstring(ast.parse((ROOT / module).read_text(encoding="utf-8")))
        assert "usual size" in (docstring or ""), module


def test_a_crawl_process_imports_no_extraction_labelling_or_prefect() -> None:
    """Every crawl starts a Scrapy process that imports the spider and the store's writes. What
    only ingest needs (trafilatura, numpy for MinHash, the topic model) or only the flow (Prefect)
    would be paid again at each start: a type-only import slipped in once and cost 0.2 s."""
    crawler_modules = "crawlers.batch, crawlers.spiders.news, crawlers.pipelines"
    heavy = ("trafilatura", "numpy", "prefect", "pyarrow")
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, {crawler_modules}, crawlers.middlewares, crawlers.extensions;"
            f" print(' '.join(m for m in {heavy!r} if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    assert loaded == []
