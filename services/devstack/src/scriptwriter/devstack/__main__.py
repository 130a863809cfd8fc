"""`python -m scriptwriter.devstack`: start everything in the foreground with honcho; Ctrl-C stops it all."""

from __future__ import annotations

import os
import shlex
import sys

from .processes import process_table
from .settings import StackSettings


def main() -> None:
    settings = StackSettings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    specs = process_table(settings)
    lines = []
    for spec in specs:
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in spec.env.items())
        lines.append(f"{spec.name}: exec {'env ' + env + ' ' if env else ''}{shlex.join(spec.argv)}")
    procfile = settings.data_dir / "Procfile"
    procfile.write_text("\n".join(lines) + "\n")
    print(f"Script Writer: UI at http://{settings.gateway_host}:{settings.gateway_port}", flush=True)
    if settings.openai_base_url is None:
        print("Using the offline demo model; set OPENAI_BASE_URL, OPENAI_API_KEY and LLM_MODEL for a real one.")
    honcho = [sys.executable, "-m", "honcho", "-f", str(procfile), "-d", os.getcwd(), "start"]
    os.execv(sys.executable, honcho)


if __name__ == "__main__":
    main()
