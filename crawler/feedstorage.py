"""A local-file feed storage that survives a killed crawl: no torn lines, nothing left in a buffer."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage

logger = logging.getLogger(__name__)


def repair_torn_tail(path: Path) -> int:
    """Cut a last line that has no newline (a write cut short by a kill); return how many bytes were cut."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with path.open("rb+") as handle:
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) == b"\n":
            return 0
        # Walk back to the last newline, a block at a time.
        end = size
        while end > 0:
            start = max(0, end - 65536)
            handle.seek(start)
            block = handle.read(end - start)
            cut = block.rfind(b"\n")
            if cut != -1:
                keep = start + cut + 1
                break
            end = start
        else:
            keep = 0
        handle.truncate(keep)
    return size - keep


class SafeFileFeedStorage(FileFeedStorage):
    """Scrapy's file storage, but each exported line is written straight to the file (unbuffered).

    JSON Lines writes one ``write()`` per item, so a kill loses at most the item being written,
    and a line torn by the kill is cut off when the file is next opened for appending.
    """

    def open(self, spider: Any) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "ab" and (cut := repair_torn_tail(path)):
            logger.warning("Cut a torn last line (%d bytes) from %s, left by an interrupted crawl", cut, path)
        return path.open(self.write_mode, buffering=0)
