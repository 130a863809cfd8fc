"""`python -m bench`: run every benchmark with its defaults."""

from __future__ import annotations

from . import first_token

if __name__ == "__main__":
    print(first_token.run(runs=30, chunk_delay_ms=5.0))
