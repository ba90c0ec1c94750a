"""The add-on that turns cluster mode on when ``CLUSTER_REDIS_URL`` (or ``REDIS_URL``) is set.

Crawl workers (``scrapy crawl author``) get scrapy-redis's shared queue and dupefilter, the lease-
keeping scheduler, the idle stop, and a pipeline that hands records to the item queue instead of
deduplicating and storing them. The store-worker (``scrapy store-worker``) keeps deduplication,
the store and the JSON Lines feeds, and needs no extraction pool. Without the setting nothing
changes: the embedded mode is the default.
"""

from __future__ import annotations

from scrapy.settings import Settings

from crawler.cluster.connection import cluster_url
from crawler.cluster.idle import ClusterIdleStop
from crawler.cluster.keys import ClusterKeys
from crawler.cluster.pipelines import ClusterPushPipeline
from pipelines.dedup import DedupPipeline
from pipelines.extract import ExtractionPipeline
from pipelines.store import StorePipeline
from pipelines.template import TemplatePipeline


class ClusterAddon:
    """Apply cluster mode's settings for this process's role (``CLUSTER_ROLE``: worker or store)."""

    def update_settings(self, settings: Settings) -> None:
        url = cluster_url(settings)
        if not url:
            return
        keys = ClusterKeys(settings.get("CLUSTER_KEY"))
        settings.set("REDIS_URL", url, priority="addon")
        if settings.get("CLUSTER_ROLE") == "store":
            settings.set_in_component_priority_dict("ITEM_PIPELINES", ExtractionPipeline, None)
            return
        settings.set("SCHEDULER", "crawler.cluster.scheduler.ClusterScheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", priority="addon")
        settings.set("SCHEDULER_QUEUE_KEY", keys.requests, priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", keys.dupefilter, priority="addon")
        # scrapy-redis's default (False) wipes the shared queue whenever any one worker stops.
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        settings.set_in_component_priority_dict("ITEM_PIPELINES", TemplatePipeline, None)
        settings.set_in_component_priority_dict("ITEM_PIPELINES", DedupPipeline, None)
        settings.set_in_component_priority_dict("ITEM_PIPELINES", StorePipeline, None)
        settings.set_in_component_priority_dict("ITEM_PIPELINES", ClusterPushPipeline, 300)
        settings.set_in_component_priority_dict("EXTENSIONS", ClusterIdleStop, 0)
        # Records are exported by the store-worker, once; a worker writes a feed only when asked with -o.
        settings.set("FEEDS", {}, priority="project")
