"""
Mail servers on loopback for the tests of the outbox and the worker.

`SMTPServer` is a real SMTP server (aiosmtpd) that records every connection and accepted
message, and can refuse or hold messages on demand; `SilentServer` accepts connections and
never says a word, like a mail server that hangs.
"""

import asyncio
import socket
import threading
from email import message_from_bytes
from email.policy import default as default_policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Handler:
    def __init__(self):
        self.connections = 0
        self.messages = []
        self.refuse = False  # answer every message with a permanent refusal
        self.refused = set()  # addresses refused as unknown mailboxes; the others are accepted
        self.hold_after_data = 0  # seconds to wait, once a message is recorded, before accepting it
        self.received = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "554 5.7.1 Relay access denied"
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default_policy)))
        self.received.set()
        if self.hold_after_data:
            await asyncio.sleep(self.hold_after_data)
        return "250 Message accepted for delivery"

    def recipients(self):
        return sorted(address for rcpt_tos, _message in self.messages for address in rcpt_tos)

    def subjects(self):
        return sorted(message["Subject"] for _rcpt_tos, message in self.messages)


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        self.event_handler.connections += 1
        super().connection_made(transport)


class CountingController(Controller):
    def factory(self):
        return CountingSMTP(self.handler, **self.SMTP_kwargs)


class SMTPServer:
    """A real SMTP server on 127.0.0.1; it can be stopped and started again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.handler = Handler()
        self.controller = None
        self.starts = 0

    @property
    def connections(self):
        # The controller's own start-up probe connects once per start; it is not a client.
        return self.handler.connections - self.starts

    def start(self):
        self.controller = CountingController(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.starts += 1
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class SilentServer:
    """Accepts TCP connections and never answers (until stopped)."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while True:
            try:
                conn, _address = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            self.accepted.append(conn)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.listener.close()
        for conn in self.accepted:
            conn.close()
