"""Who holds a lock, as ``host:pid``, and whether that process is known to be gone."""

from __future__ import annotations

import os
import socket


def lock_owner() -> str:
    """This process, as a lock owner: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_is_dead(owner: str) -> bool:
    """True when ``owner`` is a process of this host that no longer runs (it crashed or was killed).

    A process on another host cannot be checked from here: its lock lapses with its timeout instead.
    """
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
