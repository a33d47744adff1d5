"""A real SMTP server on loopback (aiosmtpd), for tests that check what victims receive."""

import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from victimsrights.testing.processes import free_port


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def last_match(self, pattern: str) -> str:
        """The first group of `pattern` in the newest message that has it."""
        for body in reversed(self.bodies()):
            if match := re.search(pattern, body):
                return match.group(1)
        raise AssertionError(f"No message matches {pattern!r}")

    def bodies(self) -> list[str]:
        return [str(message.get_payload(decode=True).decode()) for message in self.messages]  # type: ignore[union-attr]


class SmtpServer:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.mailbox = Mailbox()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
