"""The operator's SMTP server, configured in one place, and sending one e-mail through it.

``VIGIE_SMTP_HOST``, ``VIGIE_SMTP_PORT``, ``VIGIE_SMTP_USER``, ``VIGIE_SMTP_PASSWORD``,
``VIGIE_SMTP_FROM`` and ``VIGIE_SMTP_TLS`` (``starttls``, ``ssl`` or ``none``), or the options
of ``vigie alerts send`` of the same names. Only the standard library speaks SMTP here. The
connection opens at the first e-mail (a run with nothing new never connects) and serves the
whole run. Every failure is an ``SmtpError`` of one line; ``unreachable`` when the server
itself failed (no use trying the next e-mail), not when it refused one recipient.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TIMEOUT = 30.0  # seconds for each exchange with the server


class SmtpError(Exception):
    """An e-mail not sent (the message is one line); ``unreachable``: the server failed."""

    def __init__(self, message: str, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


class SmtpConfigError(ValueError):
    """The SMTP settings are missing or wrong (one line, for the operator)."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    tls: str = "starttls"
    user: str | None = None
    password: str | None = None

    @property
    def display(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def of(
        cls, options: Mapping[str, str | int | None], environ: Mapping[str, str] | None = None
    ) -> SmtpSettings:
        """The settings of the options given (``host``, ``port``, ``user``, ``password``,
        ``sender``, ``tls``), else of the ``VIGIE_SMTP_*`` environment."""
        env = os.environ if environ is None else environ

        def value(name: str, variable: str) -> str | None:
            given = options.get(name)
            return str(given) if given not in (None, "") else (env.get(variable) or None)

        host = value("host", "VIGIE_SMTP_HOST")
        sender = value("sender", "VIGIE_SMTP_FROM")
        if not host or not sender:
            missing = " and ".join(
                name for name, given in (("VIGIE_SMTP_HOST", host), ("VIGIE_SMTP_FROM", sender)) if not given
            )
            raise SmtpConfigError(f"no SMTP server configured: set {missing} (or --smtp-host, --smtp-from)")
        tls = (value("tls", "VIGIE_SMTP_TLS") or "starttls").lower()
        if tls not in TLS_MODES:
            raise SmtpConfigError(f"VIGIE_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {tls!r}")
        port_text = value("port", "VIGIE_SMTP_PORT")
        try:
            port = int(port_text) if port_text else DEFAULT_PORTS[tls]
        except ValueError:
            raise SmtpConfigError(f"VIGIE_SMTP_PORT must be a number, not {port_text!r}") from None
        if not 0 < port < 65536:
            raise SmtpConfigError(f"VIGIE_SMTP_PORT must be a port number (1 to 65535), not {port}")
        return cls(
            host,
            port,
            sender,
            tls,
            value("user", "VIGIE_SMTP_USER"),
            value("password", "VIGIE_SMTP_PASSWORD"),
        )


class SmtpMailer:
    """Sends e-mails through one connection, opened at the first (``with SmtpMailer(…) as m``)."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def send(self, message: EmailMessage, recipient: str) -> str:
        """Hand ``message`` to the server for ``recipient``; the server's answer ("250 …")."""
        smtp = self._connection()
        try:
            smtp.ehlo_or_helo_if_needed()
            code, answer = smtp.mail(self.settings.sender)
            if code != 250:
                raise SmtpError(
                    f"the SMTP server refused the sender {self.settings.sender}: {_answer(code, answer)}"
                )
            code, answer = smtp.rcpt(recipient)
            if code not in (250, 251):
                smtp.rset()
                raise SmtpError(f"the SMTP server refused {recipient}: {_answer(code, answer)}")
            code, answer = smtp.data(message.as_bytes())
            return _answer(code, answer)
        except smtplib.SMTPResponseException as exc:
            self._drop()
            raise SmtpError(
                f"the SMTP server refused the e-mail to {recipient}: {_answer(exc.smtp_code, exc.smtp_error)}"
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise SmtpError(
                f"the SMTP server {self.settings.display} failed: {_reason(exc)}", unreachable=True
            ) from exc

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        settings = self.settings
        try:
            if settings.tls == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=TIMEOUT, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
                if settings.tls == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpError(
                f"the SMTP server {settings.display} refused the login of {settings.user}: {_answer(exc.smtp_code, exc.smtp_error)}",
                unreachable=True,
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise SmtpError(
                f"cannot reach the SMTP server {settings.display}: {_reason(exc)}", unreachable=True
            ) from exc
        self._smtp = smtp
        return smtp

    def _drop(self) -> None:
        """Forget a connection in an unknown state: the next e-mail opens a new one."""
        if self._smtp is not None:
            try:
                self._smtp.close()
            finally:
                self._smtp = None


def _answer(code: int, answer: bytes | str) -> str:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
    return f"{code} {' '.join(text.split())}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _answer(exc.smtp_code, exc.smtp_error)
    return " ".join(str(exc).split()) or type(exc).__name__
