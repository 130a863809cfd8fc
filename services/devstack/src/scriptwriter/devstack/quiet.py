"""Runs a chatty server, passing on only its warnings and errors (the embedded MongoDB server logs every command)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

_CHATTY = (" - INFO - ", " - DEBUG - ")


def main(argv: list[str]) -> int:
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

    def forward(signum: int, _frame: object) -> None:
        child.send_signal(signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, forward)
    assert child.stdout is not None
    for line in child.stdout:
        if not any(marker in line for marker in _CHATTY):
            sys.stdout.write(line)
            sys.stdout.flush()
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 1 else os.EX_USAGE)
