"""A real SMTP server (Debian's aiosmtpd) that the faults tests can hold.

    /usr/bin/python3 tests/faults/smtp_gate.py PORT MAILDIR

Delivers every message into MAILDIR (new/) like aiosmtpd's Mailbox handler,
and prints one line per message on stdout once it is stored:
"stored <Message-ID>". Commands on stdin, one per line:

    hold SECONDS   the next message: store it, print the line, then wait
                   SECONDS before answering 250 (the window in which the
                   test kills the client that sent it)

Prints "ready" once listening; exits when stdin closes or on SIGTERM.
Test-only code.
"""
import asyncio
import email
import mailbox
import sys

from aiosmtpd.controller import Controller


class Gate:
    def __init__(self, maildir):
        self.box = mailbox.Maildir(maildir, create=True)
        self.hold = 0.0

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode('utf-8', 'surrogateescape')
        message_id = email.message_from_bytes(raw).get('Message-ID', '')
        self.box.add(raw)
        print(f'stored {message_id}', flush=True)
        hold, self.hold = self.hold, 0.0
        if hold:
            await asyncio.sleep(hold)
        return '250 Message accepted for delivery'


def main():
    port, maildir = int(sys.argv[1]), sys.argv[2]
    gate = Gate(maildir)
    controller = Controller(gate, hostname='127.0.0.1', port=port, enable_SMTPUTF8=True)
    controller.start()
    print('ready', flush=True)
    try:
        for line in sys.stdin:
            words = line.split()
            if len(words) == 2 and words[0] == 'hold':
                gate.hold = float(words[1])
                print('holding', flush=True)
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
