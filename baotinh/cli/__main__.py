"""`python -m baotinh.cli`: the same as the `baotinh` command."""

from baotinh.cli import run

run()
