# One entry point for people and CI. Everything installs from the lock file (uv.lock).
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
# Compiled once at install: the tests, the demo and every worker start many Python processes
# (servers, workers, flow runs, one spider per paper), and where PYTHONDONTWRITEBYTECODE is set
# each would compile Prefect, Scrapy and SQLAlchemy again (measured: 4.3-4.8 s of CPU against
# 1.6-1.8 s for their imports).
export UV_COMPILE_BYTECODE := 1

.PHONY: system install demo serve test bench bench-demo bench-extraction eval-extraction bench-dedupe eval-dedupe bench-classify eval-classify bench-search lint format clean-demo

# A fresh Debian machine may lack venv support, the sqlite3 shell the demo points to, or the
# Chromium the browser test drives (Debian's package: Playwright never downloads a browser here).
system:
	@if ! $(PYTHON) -c "import ensurepip, venv" 2>/dev/null || ! command -v sqlite3 >/dev/null \
		|| ! command -v chromium >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv sqlite3 chromium; \
		else echo "Please install python3-venv, sqlite3 and chromium (Debian packages)"; fi; \
	fi

$(UV): | system
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(BIN)/baotinh: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	@touch $@

install: $(BIN)/baotinh

demo: install
	$(BIN)/baotinh demo

# A real Prefect server (SQLite under var/prefect; BAOTINH_PREFECT_DATABASE_URL for PostgreSQL),
# the work pool, the deployments of prefect.yaml and a worker; the UI at http://127.0.0.1:4200.
serve: install
	$(BIN)/baotinh serve $(SERVE_ARGS)

# Two workers: most of the suite waits on subprocesses, servers and HTTP, not on the CPU. A module
# stays on one worker (--dist loadfile), so module-wide servers are started once. xdist would hand
# out the modules with the most tests first, which puts the few-test end-to-end modules (the
# longest) at the end, one after another; --no-loadscope-reorder keeps tests/conftest.py's order.
TEST_WORKERS ?= 2
test: system install
	$(BIN)/python -m compileall -q baotinh crawlers db flows migrations
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# Crawl throughput beside `scrapy bench`, and first vs second nightly request counts.
bench: install
	$(BIN)/python -m benchmarks.crawl_bench

# Extraction pages/s beside plain trafilatura, and 2 workers against 1, interleaved round by round.
# The demo's wall time and the share of it that goes to orchestration (Prefect).
bench-demo: install
	$(BIN)/python -m benchmarks.demo_bench

bench-extraction: install
	$(BIN)/python -m benchmarks.extraction_bench

# Precision/recall/F1 and metadata accuracy on the real pages and seeds, ours beside trafilatura.
eval-extraction: install
	$(BIN)/python -m benchmarks.extraction_eval

# Dedupe cost per new article with 10 thousand and 1 million stored articles (generated text with
# 1,000-member stories and daily template notices; SQLite in a temporary folder), then two ingest
# workers against one on PostgreSQL (BAOTINH_TEST_POSTGRES_URL, a scratch database). About an
# hour on two cores, most of it loading the million. DEDUPE_BENCH_ARGS="--sizes 10000,100000" for
# less. Not in `make test`.
bench-dedupe: install
	$(BIN)/python -m benchmarks.dedupe_bench $(DEDUPE_BENCH_ARGS)

# Dedupe pairwise precision/recall/F1 beside a plain MinHash-LSH baseline (reads ../shared).
eval-dedupe: install
	$(BIN)/python -m benchmarks.dedupe_eval

# Topic accuracy/macro-F1 beside baselines; documents, campaigns, provinces P/R/F1, on our labelled
# set, the seeds and real articles labelled by reading them (reads ../shared); last line key=value.
eval-classify: install
	$(BIN)/python -m benchmarks.classify_eval

# Articles classified per second, whole and per label, on one core.
bench-classify: install
	$(BIN)/python -m benchmarks.classify_bench

# Search p50/p95 (one and three words, with and without accents), Parquet export rate, CPU and
# peak memory at two sizes, ingest cost with and without the search index; SQLite and PostgreSQL
# (BAOTINH_TEST_POSTGRES_URL) at 100 thousand generated articles (~7 minutes on two cores).
# A million: SEARCH_BENCH_ARGS="--sizes 1000000 --postgres-max 1000000 --keep NAME" (loading it
# takes ~25 minutes into each store; --keep keeps the stores for the next run, which then only
# measures; --export-backend postgresql to export from PostgreSQL). Not in `make test`.
bench-search: install
	$(BIN)/python -m benchmarks.search_bench $(SEARCH_BENCH_ARGS)
	$(BIN)/python -m benchmarks.ingest_index_bench

# ruff, and the layers of pyproject.toml's [tool.importlinter]: imports only go down.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean-demo:
	rm -rf var/
