"""A pipeline that holds the reactor on purpose (used by the loop-watch test only)."""

from __future__ import annotations

import time
from typing import Any


class BlockingPipeline:
    """Sleep 150 ms on the reactor for every item: the kind of step the loop watch must report."""

    def process_item(self, item: Any) -> Any:
        time.sleep(0.15)
        return item
