"""Fixed-window rate limits in the shared cache (a database table), so every web process agrees."""

import hashlib
import logging

from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def allow(*, scope: str, identifier: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once `limit` attempts were made in this window."""
    key = "rl:" + hashlib.sha256(f"{scope}:{identifier}".encode()).hexdigest()
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    if count == limit + 1:
        # Identifiers are hashed in the key; log only the scope, never the identifier.
        logger.warning("rate limit reached: scope=%s key=%s", scope, key[3:15])
    return count <= limit
