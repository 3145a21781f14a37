"""Benchmarks and evaluations, run as modules from the repository root (`python -m benchmarks.x`,
or the `make bench*` / `make eval-*` targets); each ends with a `key=value` line of its figures."""
