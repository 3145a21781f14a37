"""Child processes that die with their parent.

A child started with ``preexec_fn=die_with_parent()`` gets SIGKILL from the kernel when its
parent goes away, even by ``kill -9`` (Linux ``prctl(PR_SET_PDEATHSIG)``). It stays in its
parent's process group, so ``kill -9 -PGID`` still stops everything at once. Off Linux it is a
no-op: there, only the process group reaches the children.

Caveat: the kernel sends the signal when the *thread* that forked the child exits, not the
process. Start such children from a thread that outlives them (the main thread, or a thread
that waits for the child before it ends).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1

# Loaded in the parent: the child, between fork and exec, only calls into it.
_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child gets SIGKILL when this process
    (strictly: the calling thread) dies. None off Linux."""
    if _libc is None:
        return None
    parent = os.getpid()

    def preexec() -> None:
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # The parent may have died between fork and prctl: then nobody will signal us.
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    return preexec
