"""Which stored articles tell the same story: MinHash fingerprints, the story decision, and an
in-memory index for evaluations and text imports. The store's side is `db/stories.py`."""
