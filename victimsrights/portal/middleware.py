"""Sessions end after a spell without a request: 15 minutes for a victim (shared devices), 30 for staff."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT, SESSION_VICTIM_SEALED_RECORD

LAST_SEEN = "victim_last_seen"
STAFF_LAST_SEEN = "staff_last_seen"


def _expired(request: HttpRequest, key: str, idle_seconds: int) -> bool:
    now = time.time()
    last_seen = request.session.get(key, now)
    if now - last_seen > idle_seconds:
        return True
    if now - last_seen > 30 or key not in request.session:
        request.session[key] = now  # at most one session write every 30 seconds
    return False


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_VICTIM_REPORT in session or SESSION_VICTIM_SEALED_RECORD in session:
            if _expired(request, LAST_SEEN, settings.VICTIM_IDLE_SECONDS):
                session.flush()
        elif request.user.is_authenticated and _expired(request, STAFF_LAST_SEEN, settings.STAFF_IDLE_SECONDS):
            logout(request)
        return self.get_response(request)
