"""The Redis connection of cluster mode, from ``CLUSTER_REDIS_URL``."""

from __future__ import annotations

import redis
from scrapy.settings import BaseSettings


class ClusterError(Exception):
    """Cluster mode cannot run (Redis unreachable, another store-worker running, ...); a one-line message."""


def cluster_url(settings: BaseSettings) -> str | None:
    """Return the Redis URL that switches cluster mode on, or None (``CLUSTER_REDIS_URL``, else ``REDIS_URL``)."""
    return settings.get("CLUSTER_REDIS_URL") or settings.get("REDIS_URL") or None


def connect(url: str) -> redis.Redis:
    """Open and check a connection; an unreachable or invalid URL raises ``ClusterError``."""
    try:
        server = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
        server.ping()
    except ValueError as exc:
        raise ClusterError(f"CLUSTER_REDIS_URL {url!r} is not a Redis URL: {exc}") from None
    except redis.RedisError as exc:
        raise ClusterError(f"cannot reach Redis at {url}: {exc}") from None
    return server
