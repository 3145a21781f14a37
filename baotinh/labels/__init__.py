"""What an article is about: topic, campaigns, cited documents, provinces (`classify` puts them
together), with their rules, gazetteer, model and labelled set under `data/`."""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
# The labelled set the retrain guard scores a candidate model on (and `make eval-classify` reports).
LABELLED_SET = DATA_DIR / "labelled.jsonl"
