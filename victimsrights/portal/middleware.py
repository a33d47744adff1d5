"""A signed-in victim's session ends after 15 minutes without a request (shared devices)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from victimsrights.accounts.victims import SESSION_VICTIM_REPORT, SESSION_VICTIM_SEALED_RECORD

LAST_SEEN = "victim_last_seen"


class VictimIdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_VICTIM_REPORT in session or SESSION_VICTIM_SEALED_RECORD in session:
            now = time.time()
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > settings.VICTIM_IDLE_SECONDS:
                session.flush()
            elif now - last_seen > 30 or LAST_SEEN not in session:
                session[LAST_SEEN] = now  # at most one session write every 30 seconds
        return self.get_response(request)
