"""Fixed-window rate limits in the database, so every web process agrees and none loses a count."""

import datetime
import hashlib
import logging
import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from victimsrights.operations.models import RateCounter

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def allow(*, scope: str, identifier: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once `limit` attempts were made in this window."""
    window = int(time.time()) // window_seconds
    key = hashlib.sha256(f"{scope}:{identifier}:{window_seconds}:{window}".encode()).hexdigest()
    window_ends = datetime.datetime.fromtimestamp((window + 1) * window_seconds, tz=datetime.UTC)
    count = _count_one(key, expires_at=window_ends)
    if count == limit + 1:
        # Identifiers are hashed in the key; log only the scope, never the identifier.
        logger.warning("rate limit reached: scope=%s key=%s", scope, key[:12])
    return count <= limit


def _count_one(key: str, *, expires_at: datetime.datetime) -> int:
    """Add one to the window's counter, creating it on first use; the count after (others may have added too)."""
    with transaction.atomic():
        if not RateCounter.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires_at)
            except IntegrityError:  # another request created it first
                RateCounter.objects.filter(key=key).update(count=F("count") + 1)
        return RateCounter.objects.values_list("count", flat=True).get(key=key)


def rate_counters_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the counters of windows that have ended."""
    return RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()[0]
