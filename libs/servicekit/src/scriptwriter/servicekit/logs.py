"""Readable one-line logs; secrets never reach them."""

from __future__ import annotations

import logging
import os


def configure_logging(service: str) -> logging.Logger:
    level = os.environ.get("SCRIPTWRITER_LOG_LEVEL", "INFO").upper()
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-5s %(name)s: %(message)s", force=True)
    for noisy in ("httpx", "httpx2", "httpcore", "openai", "nats"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return logging.getLogger(f"scriptwriter.{service}")
