"""A local server speaking the parts of GOV.UK Notify's v2 API that the real client calls.

It checks the client's JWT (HS256, signed with the key's secret, issuer = service id) as Notify
does, keeps every notification it accepts, and can be told to fail: `down` answers 503 before
accepting; `accept_then_fail` accepts and stores the notification but answers 500, as when the
answer is lost on the way back; `reject` answers 400, as for an address Notify will never deliver to.
"""

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt

SERVICE_ID = "2c6e5f3a-6d3b-4c1e-9a55-3b0b5d4a2f10"
SECRET = "8f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"  # noqa: S105 - a test server's key
API_KEY = f"victimsrights_test-{SERVICE_ID}-{SECRET}"


UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


def _letter_address_valid(personalisation: dict[str, Any]) -> bool:
    """Notify's rule for letters: address_line_1 to _7, at least 3 lines, the last a UK postcode (or a country)."""
    lines = [str(personalisation.get(f"address_line_{n}", "")).strip() for n in range(1, 8)]
    lines = [line for line in lines if line]
    return len(lines) >= 3 and bool(UK_POSTCODE.match(lines[-1]))


@dataclass
class NotifyState:
    notifications: list[dict[str, Any]] = field(default_factory=list)
    down: bool = False
    accept_then_fail: bool = False
    reject: bool = False  # answers 400, as Notify does for an address it will never deliver to
    answer_after_seconds: float = 0.0  # a slow answer, after the notification is kept
    requests: int = 0

    def bodies(self) -> list[str]:
        return [str(n.get("personalisation", {}).get("body", "")) for n in self.notifications]

    def last_match(self, pattern: str) -> str:
        """The first group of `pattern` in the newest message that has it (as the SMTP mailbox does)."""
        for body in reversed(self.bodies()):
            if match := re.search(pattern, body):
                return match.group(1)
        raise AssertionError(f"No message matches {pattern!r}")


class _Handler(BaseHTTPRequestHandler):
    state: NotifyState

    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]})
        except jwt.PyJWTError:
            return False
        return bool(claims["iss"] == SERVICE_ID)

    def do_POST(self) -> None:
        self.state.requests += 1
        if not self._authorised():
            return self._reply(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
        if self.state.down:
            return self._reply(503, {"errors": [{"error": "ServiceUnavailable", "message": "down"}]})
        if self.state.reject:
            return self._reply(400, {"errors": [{"error": "ValidationError", "message": "Not a valid address"}]})
        kind = self.path.rsplit("/", 1)[-1]
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if kind == "letter" and not _letter_address_valid(payload.get("personalisation", {})):
            message = "Address must be at least 3 lines, the last a real UK postcode"
            return self._reply(400, {"errors": [{"error": "ValidationError", "message": message}]})
        notification = {"id": str(uuid.uuid4()), "type": kind, **payload, "status": "created"}
        self.state.notifications.append(notification)
        time.sleep(self.state.answer_after_seconds)
        if self.state.accept_then_fail:
            return self._reply(500, {"errors": [{"error": "Exception", "message": "lost answer"}]})
        return self._reply(201, {"id": notification["id"], "reference": payload.get("reference")})

    def do_GET(self) -> None:
        self.state.requests += 1
        if not self._authorised():
            return self._reply(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
        if self.state.down:
            return self._reply(503, {"errors": [{"error": "ServiceUnavailable", "message": "down"}]})
        url = urlparse(self.path)
        if url.path == "/v2/notifications":
            reference = parse_qs(url.query).get("reference", [None])[0]
            found = [n for n in self.state.notifications if reference is None or n.get("reference") == reference]
            return self._reply(200, {"notifications": found, "links": {}})
        wanted = url.path.rsplit("/", 1)[-1]
        for notification in self.state.notifications:
            if notification["id"] == wanted:
                return self._reply(200, notification)
        return self._reply(404, {"errors": [{"error": "NoResultFound", "message": "No result found"}]})


class NotifyServer:
    def __init__(self) -> None:
        self.state = NotifyState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def mailbox(self) -> NotifyState:
        """What victims were sent, read like the SMTP server's mailbox."""
        return self.state

    def start(self) -> "NotifyServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
