"""Cluster mode: many ``scrapy crawl author`` processes share one crawl through Redis (scrapy-redis).

Switched on by one setting, ``CLUSTER_REDIS_URL`` (see ``crawler.cluster.addon``).
"""
