"""`python -m baotinh.cli`: the same as the `baotinh` command."""

import sys

from baotinh.cli import main

sys.exit(main())
