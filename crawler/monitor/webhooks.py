"""Alert delivery: POST a JSON payload to a webhook, retried with backoff; failures are logged, never raised."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from typing import Any

logger = logging.getLogger(__name__)


def deliver(url: str, payload: dict[str, Any], attempts: int = 3, timeout: float = 10.0, backoff: float = 1.0) -> bool:
    """POST ``payload`` as JSON to ``url``; retry on errors and 5xx/429; return True once a 2xx answers."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(
            url, data=body, method="POST",
            headers={"Content-Type": "application/json", "User-Agent": "author-crawler-webhook"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if 200 <= response.status < 300:
                    return True
                problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}"
            if 400 <= exc.code < 500 and exc.code != 429:  # the payload will not be accepted: do not insist
                logger.warning("Webhook %s refused the %s alert: %s", url, payload.get("event"), problem)
                return False
        except (OSError, ValueError) as exc:
            problem = str(getattr(exc, "reason", exc))
        if attempt < attempts:
            logger.info("Webhook %s failed (%s); retry %d of %d", url, problem, attempt, attempts - 1)
            time.sleep(backoff * 2 ** (attempt - 1))
        else:
            logger.warning("Webhook %s failed %d times (%s); %s alert not delivered", url, attempts, problem,
                           payload.get("event"))
    return False
