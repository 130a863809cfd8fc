"""`python -m bench`: run every benchmark with its defaults and print the reports."""

from __future__ import annotations

from . import first_token, human_submit, partial_json, resume, sse_fanout

if __name__ == "__main__":
    print(first_token.run(runs=50, chunk_delay_ms=5.0))
    print()
    print(human_submit.run(runs=50))
    print()
    print(partial_json.run())
    print()
    print(sse_fanout.run())
    print()
    print(resume.run())
