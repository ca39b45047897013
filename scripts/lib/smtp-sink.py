#!/usr/bin/env python3
"""A throwaway SMTP server for the tests: it accepts every message and keeps it as a file.

    python3 scripts/lib/smtp-sink.py --port PORT --dir DIR
        [--starttls-port PORT --tls-port PORT --injected-port PORT --cert PEM --key PEM --login USER:PASSWORD]

Listens on 127.0.0.1:PORT and speaks enough RFC 5321 for a plain client (EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT). Given a certificate, it also listens as a relay that needs encryption
and a login, as councils' mail services do: on --starttls-port it offers STARTTLS (RFC 3207) and,
once encrypted, AUTH PLAIN and LOGIN (RFC 4954); on --tls-port it is encrypted from the start
(RFC 8314) and offers AUTH LOGIN only, so that a client's use of each mechanism can be tested; on
--injected-port it is the STARTTLS relay with an unencrypted answer added after the go-ahead, as
a man in the middle would add it.
Either refuses MAIL before a login.

Each accepted message becomes DIR/NNNNN.eml, written under a temporary name (.NNNNN.eml.tmp) and
renamed into place, so a reader sees whole files only: the envelope as header lines,
`X-Envelope-From: <sender>`, one `X-Envelope-To: <recipient>` for each accepted recipient,
`X-Envelope-TLS: <version>` when it came encrypted and `X-Envelope-Login: <user>` when after a
login, then the message data exactly as received with the dot-stuffing undone, CRLF line endings
kept. A recipient whose address contains `refuse` gets `550 mailbox unavailable`, so that a
client's handling of a refusal can be tested.

Standard library only (Python 3.12 dropped smtpd). Silent but for one line on stderr once it is
listening; ends quietly on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import base64
import os
import re
import signal
import ssl
import sys

MAX_SIZE = 10485760
# The longest line read at once; a longer one ends the connection.
LINE_LIMIT = MAX_SIZE + 1024

PATH_RE = re.compile(r"^\s*<([^<>]*)>\s*(.*)$")


class Store:
    """Numbers the messages and writes each one atomically into the directory."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        # Go on after any messages already there rather than overwrite them.
        numbers = [int(name[:-4]) for name in os.listdir(directory) if re.fullmatch(r"\d+\.eml", name)]
        self.last = max(numbers, default=0)

    def save(self, sender, recipients, data, tls=None, login=None):
        # One event loop thread: taking the next number needs no lock.
        self.last += 1
        name = "%05d.eml" % self.last
        temporary = os.path.join(self.directory, "." + name + ".tmp")
        envelope = "X-Envelope-From: <%s>\r\n" % sender
        envelope += "".join("X-Envelope-To: <%s>\r\n" % recipient for recipient in recipients)
        if tls is not None:
            envelope += "X-Envelope-TLS: %s\r\n" % tls
        if login is not None:
            envelope += "X-Envelope-Login: %s\r\n" % login
        with open(temporary, "wb") as file:
            file.write(envelope.encode("utf-8", "surrogateescape"))
            file.write(data)
        os.rename(temporary, os.path.join(self.directory, name))


def parse_path(argument, keyword):
    """`FROM:<a@b> SIZE=1` → ("a@b", "SIZE=1"), or None when it does not read so."""
    if not argument[: len(keyword)].upper() == keyword:
        return None
    match = PATH_RE.match(argument[len(keyword) :])
    if match is None:
        return None
    return match.group(1), match.group(2)


class Relay:
    """What a listener asks of its clients: nothing (plain), or encryption and a login."""

    def __init__(self, tls_context=None, implicit=False, login=None, mechanisms=(), inject=False):
        self.tls_context = tls_context
        self.implicit = implicit
        self.inject = inject
        self.login = login
        self.mechanisms = mechanisms


PLAIN = Relay()


class Session:
    def __init__(self, store, reader, writer, relay=PLAIN):
        self.store = store
        self.reader = reader
        self.writer = writer
        self.relay = relay
        self.greeted = False
        self.tls = writer.get_extra_info("ssl_object").version() if relay.implicit else None
        self.user = None
        self.reset()

    def reset(self):
        self.sender = None
        self.recipients = []

    async def reply(self, line):
        self.writer.write(line.encode("ascii") + b"\r\n")
        await self.writer.drain()

    async def read_line(self):
        """One line with its ending, or None at the end of the connection."""
        try:
            return await self.reader.readuntil(b"\n")
        except asyncio.IncompleteReadError:
            return None

    async def run(self):
        await self.reply("220 localhost Hallmark test SMTP sink")
        while True:
            line = await self.read_line()
            if line is None:
                return
            text = line.rstrip(b"\r\n").decode("utf-8", "surrogateescape")
            verb, _, argument = text.partition(" ")
            verb = verb.upper()
            argument = argument.strip()
            handler = getattr(self, "command_" + verb, None) if verb.isalpha() else None
            if handler is None:
                await self.reply("500 Command not recognized")
                continue
            if await handler(argument) is False:
                return

    async def command_EHLO(self, argument):
        if not argument:
            await self.reply("501 Syntax: EHLO domain")
            return
        self.greeted = True
        self.reset()
        await self.reply("250-localhost")
        await self.reply("250-8BITMIME")
        if self.relay.tls_context is not None and self.tls is None:
            await self.reply("250-STARTTLS")
        if self.relay.login is not None and self.tls is not None and self.user is None:
            await self.reply("250-AUTH %s" % " ".join(self.relay.mechanisms))
        await self.reply("250 SIZE %d" % MAX_SIZE)

    async def command_STARTTLS(self, argument):
        if self.relay.tls_context is None or self.tls is not None:
            await self.reply("502 Command not implemented")
            return
        # As a man in the middle would: an answer added after the go-ahead, unencrypted, for
        # the client to refuse rather than read once encrypted.
        await self.reply("220 Ready to start TLS" + ("\r\n250 injected" if self.relay.inject else ""))
        await self.writer.start_tls(self.relay.tls_context)
        # RFC 3207: everything said before is forgotten, and the client greets again.
        self.tls = self.writer.get_extra_info("ssl_object").version()
        self.greeted = False
        self.reset()

    async def read_answer(self, prompt):
        await self.reply("334 " + prompt)
        line = await self.read_line()
        return None if line is None else line.rstrip(b"\r\n")

    async def command_AUTH(self, argument):
        if self.relay.login is None or self.tls is None or not self.greeted:
            await self.reply("503 Bad sequence of commands: AUTH is offered only once encrypted")
            return
        if self.user is not None:
            await self.reply("503 Bad sequence of commands: already logged in")
            return
        mechanism, _, initial = argument.partition(" ")
        mechanism = mechanism.upper()
        if mechanism not in self.relay.mechanisms:
            await self.reply("504 Unrecognized authentication type")
            return
        try:
            if mechanism == "PLAIN":
                answer = initial.encode("ascii") if initial else await self.read_answer("")
                if answer is None:
                    return False
                _, user, password = base64.b64decode(answer, validate=True).decode("utf-8").split("\0")
            else:
                # The user may come with the command, as for PLAIN (RFC 4954 §4).
                user = initial.encode("ascii") if initial else await self.read_answer(base64.b64encode(b"Username:").decode("ascii"))
                if user is None:
                    return False
                password = await self.read_answer(base64.b64encode(b"Password:").decode("ascii"))
                if password is None:
                    return False
                user = base64.b64decode(user, validate=True).decode("utf-8")
                password = base64.b64decode(password, validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            await self.reply("501 Cannot decode the answer")
            return
        if (user, password) != self.relay.login:
            await self.reply("535 5.7.8 Authentication credentials invalid")
            return
        self.user = user
        await self.reply("235 2.7.0 Authentication successful")

    async def command_HELO(self, argument):
        if not argument:
            await self.reply("501 Syntax: HELO domain")
            return
        self.greeted = True
        self.reset()
        await self.reply("250 localhost")

    async def command_MAIL(self, argument):
        if not self.greeted:
            await self.reply("503 Bad sequence of commands: send EHLO first")
            return
        if self.sender is not None:
            await self.reply("503 Bad sequence of commands: nested MAIL command")
            return
        if self.relay.login is not None and self.user is None:
            await self.reply("530 5.7.0 Authentication required")
            return
        parsed = parse_path(argument, "FROM:")
        if parsed is None:
            await self.reply("501 Syntax: MAIL FROM:<address>")
            return
        address, parameters = parsed
        for parameter in parameters.split():
            key, _, value = parameter.partition("=")
            if key.upper() == "SIZE" and value.isdigit() and int(value) > MAX_SIZE:
                await self.reply("552 Message size exceeds fixed maximum message size")
                return
        self.sender = address
        await self.reply("250 OK")

    async def command_RCPT(self, argument):
        if self.sender is None:
            await self.reply("503 Bad sequence of commands: need MAIL command")
            return
        parsed = parse_path(argument, "TO:")
        if parsed is None or not parsed[0]:
            await self.reply("501 Syntax: RCPT TO:<address>")
            return
        address = parsed[0]
        if "refuse" in address.lower():
            await self.reply("550 mailbox unavailable")
            return
        self.recipients.append(address)
        await self.reply("250 OK")

    async def command_DATA(self, argument):
        if self.sender is None or not self.recipients:
            await self.reply("503 Bad sequence of commands: need RCPT command")
            return
        if argument:
            await self.reply("501 Syntax: DATA")
            return
        await self.reply("354 End data with <CR><LF>.<CR><LF>")
        data = bytearray()
        too_big = False
        while True:
            line = await self.read_line()
            if line is None:
                # The client went away in the middle: the message is dropped.
                return False
            if line in (b".\r\n", b".\n"):
                break
            if line.startswith(b"."):
                line = line[1:]
            if not too_big:
                data += line
                if len(data) > MAX_SIZE:
                    too_big = True
                    data = bytearray()
        if too_big:
            self.reset()
            await self.reply("552 Message size exceeds fixed maximum message size")
            return
        self.store.save(self.sender, self.recipients, bytes(data), tls=self.tls, login=self.user)
        self.reset()
        await self.reply("250 OK")

    async def command_RSET(self, argument):
        self.reset()
        await self.reply("250 OK")

    async def command_NOOP(self, argument):
        await self.reply("250 OK")

    async def command_QUIT(self, argument):
        await self.reply("221 Bye")
        return False


async def serve(arguments):
    store = Store(arguments.dir)

    async def handle(reader, writer, relay=PLAIN):
        try:
            await Session(store, reader, writer, relay).run()
        except (ConnectionError, asyncio.LimitOverrunError, ValueError, OSError):
            # A client that goes away or sends a line too long for the limit: only that connection ends.
            pass
        except asyncio.CancelledError:
            raise
        except Exception:
            pass
        finally:
            try:
                writer.close()
                await writer.wait_closed()
            except Exception:
                pass

    servers = [await asyncio.start_server(handle, "127.0.0.1", arguments.port, limit=LINE_LIMIT, reuse_address=True)]
    if arguments.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.cert, arguments.key)
        user, _, password = arguments.login.partition(":")
        starttls = Relay(context, login=(user, password), mechanisms=("PLAIN", "LOGIN"))
        implicit = Relay(context, implicit=True, login=(user, password), mechanisms=("LOGIN",))
        injected = Relay(context, login=(user, password), mechanisms=("PLAIN", "LOGIN"), inject=True)
        servers.append(
            await asyncio.start_server(
                lambda r, w: handle(r, w, starttls), "127.0.0.1", arguments.starttls_port, limit=LINE_LIMIT, reuse_address=True
            )
        )
        servers.append(
            await asyncio.start_server(
                lambda r, w: handle(r, w, injected), "127.0.0.1", arguments.injected_port, limit=LINE_LIMIT, reuse_address=True
            )
        )
        servers.append(
            await asyncio.start_server(
                lambda r, w: handle(r, w, implicit), "127.0.0.1", arguments.tls_port, limit=LINE_LIMIT, reuse_address=True, ssl=context
            )
        )
    loop = asyncio.get_running_loop()
    stopped = loop.create_future()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, lambda: stopped.done() or stopped.set_result(None))
    print("SMTP sink listening on 127.0.0.1:%d" % arguments.port, file=sys.stderr, flush=True)
    await stopped
    # Not wait_closed: from Python 3.12 it waits for every client to hang up. The connections
    # still open end with the server.
    for server in servers:
        server.close()
    sessions = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in sessions:
        task.cancel()
    await asyncio.gather(*sessions, return_exceptions=True)


def main():
    parser = argparse.ArgumentParser(description="A throwaway SMTP server that keeps each message as a file.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--starttls-port", type=int)
    parser.add_argument("--tls-port", type=int)
    parser.add_argument("--injected-port", type=int, help="as --starttls-port, but adding an unencrypted answer after STARTTLS's go-ahead")
    parser.add_argument("--cert", help="the relays' certificate chain (PEM); without it, only the plain listener")
    parser.add_argument("--key")
    parser.add_argument("--login", default="", help="USER:PASSWORD the relays accept")
    arguments = parser.parse_args()
    if arguments.cert and not (arguments.key and arguments.starttls_port and arguments.tls_port and arguments.injected_port and ":" in arguments.login):
        parser.error("--cert needs --key, --starttls-port, --tls-port, --injected-port and --login USER:PASSWORD")
    loop = asyncio.new_event_loop()
    # Quiet: no asyncio reports of dropped connections on stderr.
    loop.set_exception_handler(lambda loop, context: None)
    try:
        loop.run_until_complete(serve(arguments))
    finally:
        loop.close()


if __name__ == "__main__":
    main()
