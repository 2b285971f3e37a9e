"""`preploop health`: ask a running bot's /healthz, for a container's health check or a person."""

from __future__ import annotations

import urllib.error
import urllib.request

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
PROBE_SECONDS = 5.0


def ask_health(port: int, *, host: str = "127.0.0.1", timeout: float = PROBE_SECONDS) -> int:
    """Print what /healthz answers; return 0 when healthy, 1 otherwise (no answer included)."""
    url = f"http://{host}:{port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            print(response.read().decode("utf-8", "replace"))
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as error:  # 503: the body says what is wrong
        print(error.read().decode("utf-8", "replace"))
        return 1
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        print(f"Nothing answered at {url}: {reason}")
        return 1
