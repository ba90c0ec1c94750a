"""Log formatter that names dropped items by URL instead of dumping their whole body."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter


class QuietDropLogFormatter(LogFormatter):
    """Log drops at INFO with the reason and the URL: duplicates are normal, not warnings."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any = None) -> dict:
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        return {
            "level": logging.INFO,
            "msg": "Dropped %(url)s: %(reason)s",
            "args": {"url": url or "?", "reason": exception},
        }

    def scraped(self, item: Any, response: Any, spider: Any = None) -> dict:
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        return {"level": logging.DEBUG, "msg": "Scraped %(url)s", "args": {"url": url or "?"}}
