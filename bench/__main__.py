"""`python -m bench` (`make bench`): run every benchmark, print the reports and write docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from . import first_token, human_submit, partial_json, pipeline, resume, sse_fanout

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"

SECTIONS: list[tuple[str, str, Callable[[], str]]] = [
    ("Token latency and throughput: the system against a direct baseline", "python -m bench.pipeline", pipeline.run),
    ("First-token latency", "python -m bench.first_token", lambda: first_token.run(runs=50, chunk_delay_ms=5.0)),
    ("Human submit → next node", "python -m bench.human_submit", lambda: human_submit.run(runs=50)),
    ("Partial-JSON parsing", "python -m bench.partial_json", lambda: partial_json.run()),
    ("SSE fan-out", "python -m bench.sse_fanout", lambda: sse_fanout.run()),
    ("Resume", "python -m bench.resume", lambda: resume.run()),
]


def machine() -> str:
    version = subprocess.run(["nats-server", "--version"], capture_output=True, text=True).stdout.strip()
    cores = f"{os.cpu_count()} cores, {platform.machine()}"
    return f"{cores}, Python {platform.python_version()}, {version}, measured {datetime.now(UTC):%Y-%m-%d}"


def main() -> None:
    only = set(sys.argv[1:])
    parts = [
        "# Benchmarks",
        f"Machine: {machine()}. Every figure is measured beside its baseline in the same run. Rerun everything with "
        "`make bench` (this file is rewritten), or one section with the command under its heading "
        "(`uv run python -m bench.<name> --help`). `make test` runs a small smoke of each.",
    ]
    for title, command, run in SECTIONS:
        if only and command.rsplit(".", 1)[-1] not in only:
            continue
        print(f"== {title}", flush=True)
        report = run()
        print(report, flush=True)
        parts += [f"## {title}", f"`{command}`", report]
    if not only:
        REPORT.write_text("\n\n".join(parts) + "\n")
        print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
