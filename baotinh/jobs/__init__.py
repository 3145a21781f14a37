"""The steps flows and the CLI run: crawl papers, ingest their pages, label, reprocess, backfill,
retrain the topic model, import text dumps, export. Each works on the store through `db/`."""
