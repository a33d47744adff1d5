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
            if now - session.get(LAST_SEEN, now) > settings.VICTIM_IDLE_SECONDS:
                session.flush()
            else:
                session[LAST_SEEN] = now
        return self.get_response(request)
