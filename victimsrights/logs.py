"""Structured logs: one JSON object a line, each carrying the id of the request it came from.

Log lines never carry personal data: messages name records by id and errors by type, and the
request id is random, so a line can be followed across web and worker without saying whose it is.
"""

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from logging import Filter, LogRecord

from django.conf import settings
from django.http import HttpRequest, HttpResponse

request_id: ContextVar[str] = ContextVar("request_id", default="")
# A load balancer's id, kept only when TRUST_REQUEST_ID_HEADER says one sets the header (replacing any the client
# sent), and only if it is a UUID: a client-chosen value could carry a reference or crime number into every log line.
ACCEPTED = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.IGNORECASE)


class RequestIdFilter(Filter):
    def filter(self, record: LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    """Takes the load balancer's X-Request-ID, or makes one; logs it with every line and returns it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "") if settings.TRUST_REQUEST_ID_HEADER else ""
        token = request_id.set(given if ACCEPTED.match(given) else uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)
