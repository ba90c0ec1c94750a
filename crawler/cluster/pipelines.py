"""Cluster mode's last worker stage: hand each validated record to the store-worker through Redis."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from crawler.cluster.connection import cluster_url, connect
from crawler.cluster.itemqueue import ItemQueue, encode_record
from crawler.cluster.keys import ClusterKeys


class ClusterPushPipeline:
    """Push records to the item queue; deduplication and the store run once, in ``scrapy store-worker``."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.url = cluster_url(crawler.settings)
        self.keys = ClusterKeys(crawler.settings.get("CLUSTER_KEY"))
        self.queue: ItemQueue | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterPushPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        assert self.url, "cluster mode is off"
        self.queue = ItemQueue(connect(self.url), self.keys)

    def process_item(self, item: Any) -> Any:
        assert self.queue is not None, "pipeline not opened"
        self.queue.push(encode_record(ItemAdapter(item).asdict()))
        self.stats.inc_value("cluster/items_pushed")
        return item
