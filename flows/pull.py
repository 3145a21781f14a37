"""The pull step of every deployment: the directory a worker's flow runs keep their files in.

The deployments name their flows by module (`flows.nightly:nightly`), so a worker runs the code of
the baotinh package installed beside it, wherever it was started, with no checkout at a fixed
path. What a flow run still needs from its working directory is a place for its files: the
embedded store, `var/logs`, `var/models`. A process worker starts each run in a fresh temporary
directory that is deleted afterwards, so this step moves it to the worker's home: `BAOTINH_HOME`,
else `~/.local/share/baotinh`. `baotinh serve` gives its own worker the directory it runs in.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "BAOTINH_HOME"
DEFAULT_HOME = Path("~/.local/share/baotinh")


def enter_home() -> dict[str, str]:
    """Create the worker's home if needed and make it the run's working directory; the
    directory is the step's output, as Prefect's own `set_working_directory` gives it."""
    home = Path(os.environ.get(HOME_ENV) or DEFAULT_HOME).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    os.chdir(home)
    return {"directory": str(home)}
