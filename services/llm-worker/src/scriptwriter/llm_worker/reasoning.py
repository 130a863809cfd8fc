"""Streaming removal of `<think>…</think>` reasoning, safe for tags split at any character."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"


@dataclass(frozen=True)
class Piece:
    kind: Literal["text", "reasoning_start", "reasoning_end"]
    text: str = ""


def _partial_tag_suffix(buffer: str, tag: str) -> int:
    """Length of the longest end of `buffer` that could be the start of `tag`."""
    lowered = buffer[-len(tag) :].lower()
    for size in range(min(len(tag) - 1, len(lowered)), 0, -1):
        if tag.startswith(lowered[-size:]):
            return size
    return 0


class ReasoningFilter:
    """Feed raw model text; get visible text and reasoning boundaries. Tags match in any letter case."""

    def __init__(self) -> None:
        self._thinking = False
        self._pending = ""

    @property
    def thinking(self) -> bool:
        return self._thinking

    def feed(self, text: str) -> list[Piece]:
        if not self._pending and "<" not in text:  # no tag can start here: the common case, once per token
            return [Piece("text", text)] if text and not self._thinking else []
        buffer = self._pending + text
        self._pending = ""
        pieces: list[Piece] = []
        while buffer:
            tag = CLOSE_TAG if self._thinking else OPEN_TAG
            found = buffer.lower().find(tag)
            if found < 0:
                keep = _partial_tag_suffix(buffer, tag)
                visible = buffer[: len(buffer) - keep]
                if visible and not self._thinking:
                    pieces.append(Piece("text", visible))
                self._pending = buffer[len(buffer) - keep :]
                break
            if not self._thinking and found:
                pieces.append(Piece("text", buffer[:found]))
            self._thinking = not self._thinking
            pieces.append(Piece("reasoning_start" if self._thinking else "reasoning_end"))
            buffer = buffer[found + len(tag) :]
        return pieces

    def start_reasoning(self) -> list[Piece]:
        """A `reasoning_content` delta arrived (providers that send reasoning out of band)."""
        if self._thinking:
            return []
        self._thinking = True
        return [Piece("reasoning_start")]

    def end_reasoning(self) -> list[Piece]:
        if not self._thinking:
            return []
        self._thinking = False
        return [Piece("reasoning_end")]

    def finish(self) -> list[Piece]:
        """End of stream: an unclosed block ends; a held-back partial tag was plain text after all."""
        pending, self._pending = self._pending, ""
        if self._thinking:
            self._thinking = False
            return [Piece("reasoning_end")]
        return [Piece("text", pending)] if pending else []
