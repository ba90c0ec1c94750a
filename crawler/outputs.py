"""Output files written whole or not at all: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class OutputError(RuntimeError):
    """The output file cannot be written; the message is fit for the user."""


def write_atomically(path: Path, write: Callable[[Path], T]) -> T:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it over ``path``.

    An existing file is never half-overwritten; on any error the temporary file is removed.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        result = write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # mkstemp's 0600 would make the output private
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return result
