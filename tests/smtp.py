"""A real SMTP server on 127.0.0.1 for the alerts' tests (aiosmtpd), keeping what it receives.

``refuse`` holds recipients it answers 550 to; ``free_port`` gives a port where nothing listens
(a dead server).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Inbox:
    """What the server received, and whom it refuses."""

    messages: list[tuple[Envelope, EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook names
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw: Any = envelope.original_content or envelope.content
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope, parsed))
        return f"250 2.0.0 Ok: queued as {len(self.messages)}"


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    inbox: Inbox

    def environment(self, public_url: str = "https://vigie.example.org") -> dict[str, str]:
        return {
            "VIGIE_SMTP_HOST": self.host,
            "VIGIE_SMTP_PORT": str(self.port),
            "VIGIE_SMTP_FROM": "Vigie <alertes@vigie.example.org>",
            "VIGIE_SMTP_TLS": "none",
            "VIGIE_PUBLIC_URL": public_url,
        }


@contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()
