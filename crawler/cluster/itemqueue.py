"""The item queue: records travel from crawl workers to the one store-worker through a Redis list.

Reliable-queue pattern: the store-worker moves a record to a processing list as it takes it, and
deletes it there only after the store has kept or deliberately dropped it. A store-worker that dies
leaves its records in the processing list; the next one puts them back first.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import redis

from crawler.cluster.keys import ClusterKeys

# Binary fields travel as base64 in the JSON document.
_BINARY = ("html_z",)


def encode_record(record: dict[str, Any]) -> bytes:
    """Serialize a record (an ``ArticleItem`` as a dict) for the queue."""
    doc = dict(record)
    for name in _BINARY:
        if doc.get(name) is not None:
            doc[name] = base64.b64encode(doc[name]).decode("ascii")
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_record(data: bytes) -> dict[str, Any]:
    """Inverse of ``encode_record``."""
    doc = json.loads(data)
    for name in _BINARY:
        if doc.get(name) is not None:
            doc[name] = base64.b64decode(doc[name])
    return doc


class ItemQueue:
    """Push (workers), claim, acknowledge and restore (the store-worker)."""

    def __init__(self, server: redis.Redis, keys: ClusterKeys) -> None:
        self.server = server
        self.keys = keys

    def push(self, data: bytes) -> None:
        self.server.lpush(self.keys.items, data)

    def claim(self, limit: int) -> list[bytes]:
        """Take up to ``limit`` records, oldest first, into the processing list."""
        claimed = []
        for _ in range(limit):
            data = self.server.lmove(self.keys.items, self.keys.items_processing, "RIGHT", "LEFT")
            if data is None:
                break
            claimed.append(data)
        return claimed

    def ack(self, data: bytes) -> None:
        """The record was stored or deliberately dropped."""
        self.server.lrem(self.keys.items_processing, 1, data)

    def restore(self) -> int:
        """Put back the records a dead store-worker had claimed; return how many."""
        count = 0
        while self.server.lmove(self.keys.items_processing, self.keys.items, "RIGHT", "RIGHT") is not None:
            count += 1
        return count

    def waiting(self) -> int:
        return self.server.llen(self.keys.items)

    def processing(self) -> int:
        return self.server.llen(self.keys.items_processing)
