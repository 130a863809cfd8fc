"""Incremental parsing of streamed JSON: a partial value that only grows, in time linear in the text.

The model's output arrives in deltas of a few characters. `IncrementalJsonParser` is a state machine that resumes
wherever a delta ended (inside a string, an escape, a number, a literal; see `partial_json_tokens`) and builds the
value tree in place, so each delta costs time proportional to its own length, never to the text before it.

The partial value is monotonic, so a UI can render it after every delta without flicker:

- arrays and objects appear as soon as they open; a string value appears as `""` once its quote opens and then
  only grows by appending; numbers, `true`, `false` and `null` appear only once complete;
- an object key appears once its string is complete and its value has begun;
- nothing that appeared ever disappears or changes type.

Models wrap JSON in prose and code fences: text before the first `{` or `[` is skipped, and once the root value is
complete everything after it is ignored. Malformed JSON never raises from `feed`; the parser stops updating the
value, marks itself `broken`, and `finish` hands the text to `json_repair`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import json_repair

from .partial_json_tokens import (
    LITERALS,
    NUMBER_STARTS,
    LiteralToken,
    MalformedJsonError,
    NumberToken,
    StringToken,
    skip_whitespace,
)

_ROOT_START = re.compile(r"[{\[]")

Container = dict[str, Any] | list[Any]
Step = Callable[[str, int], int]
"""A parser state: consumes `delta` from an index and returns where the next state starts reading."""


class IncrementalJsonParser:
    """Feed a streamed JSON document delta by delta; read the best partial value at any time.

    A duplicate key replaces the earlier value, as `json.loads` does; it is the one case where a value that
    appeared can change.
    """

    def __init__(self) -> None:
        self._step: Step = self._skip_preamble
        self._root: Container | None = None
        self._stack: list[Container] = []  # the open containers, innermost last
        self._key = ""  # the key whose value is being read in the innermost object
        self._string = StringToken()
        self._number = NumberToken()
        self._literal: LiteralToken | None = None
        # Where the open string value lives; its text is written there when `value` is read.
        self._open_container: Any = None
        self._open_index: Any = None
        self._text_parts: list[str] = []
        self._text_start = 0
        self._text_end = 0
        self._complete = False
        self._broken = False

    @property
    def value(self) -> Any:
        """The partial value: None before the root begins, then the root object or array.

        This is the parser's own tree, updated in place by later feeds; copy it to keep a snapshot. A read costs
        time proportional to the open string's length when that string grew since the last read.
        """
        if self._open_container is not None and self._string.grew:
            self._open_container[self._open_index] = self._string.text()
        return self._root

    @property
    def complete(self) -> bool:
        """The root value has closed; anything fed afterwards is ignored."""
        return self._complete

    @property
    def broken(self) -> bool:
        """The text stopped being valid JSON; `value` stays as it was and `finish` repairs the text."""
        return self._broken

    @property
    def text(self) -> str:
        """The JSON text seen so far: from the root's opening bracket to its closing one (or the end)."""
        if len(self._text_parts) > 1:
            self._text_parts = ["".join(self._text_parts)]
        return self._text_parts[0] if self._text_parts else ""

    def feed(self, delta: str) -> None:
        """Consume the next piece of the model's output. Never raises on malformed text."""
        if self._complete or not delta:
            return
        self._text_start = 0 if self._root is not None else len(delta)
        self._text_end = len(delta)
        index = 0
        try:
            while index < len(delta):
                index = self._step(delta, index)
        except MalformedJsonError:
            self._broken = True
            self._step = self._ignore_rest
        if self._text_start < self._text_end:
            self._text_parts.append(delta[self._text_start : self._text_end])

    def finish(self) -> Any:
        """End of the stream: the value if the document is complete, else what `json_repair` makes of the text.

        Raises ValueError when the output holds no usable JSON object or array.
        """
        if self._complete:
            return self.value
        if self._step == self._in_number:  # the end of the stream is the delimiter that completes a number
            self._step = self._ignore_rest
            try:
                self._place(self._number.value())
            except MalformedJsonError:
                self._broken = True
        repaired = json_repair.loads(self.text) if self.text else None
        if not isinstance(repaired, dict | list):
            raise ValueError("the model's output holds no JSON object or array")
        return repaired

    # -- states between tokens -------------------------------------------------------------------------------

    def _skip_preamble(self, delta: str, index: int) -> int:
        found = _ROOT_START.search(delta, index)
        if found is None:
            return len(delta)
        self._text_start = found.start()
        self._root = {} if found.group() == "{" else []
        self._push(self._root)
        return found.end()

    def _expect_value(self, delta: str, index: int) -> int:
        index = skip_whitespace(delta, index)
        if index == len(delta):
            return index
        char = delta[index]
        if char == '"':
            self._place("")
            container = self._stack[-1]
            self._open_container = container
            self._open_index = self._key if isinstance(container, dict) else len(container) - 1
            self._string = StringToken()
            self._step = self._in_string_value
            return index + 1
        if char == "{" or char == "[":
            opened: Container = {} if char == "{" else []
            self._place(opened)
            self._push(opened)
            return index + 1
        if char in NUMBER_STARTS:
            self._number = NumberToken()
            self._step = self._in_number
            return index
        if char in LITERALS:
            self._literal = LiteralToken(char)
            self._step = self._in_literal
            return index
        raise MalformedJsonError(f"unexpected {char!r} where a value should start")

    def _expect_first_value(self, delta: str, index: int) -> int:
        """Just after `[`: a value or `]`."""
        index = skip_whitespace(delta, index)
        if index < len(delta) and delta[index] == "]":
            return self._pop(index)
        self._step = self._expect_value
        return index

    def _expect_first_key(self, delta: str, index: int) -> int:
        """Just after `{`: a key or `}`."""
        index = skip_whitespace(delta, index)
        if index < len(delta) and delta[index] == "}":
            return self._pop(index)
        self._step = self._expect_key
        return index

    def _expect_key(self, delta: str, index: int) -> int:
        index = skip_whitespace(delta, index)
        if index == len(delta):
            return index
        if delta[index] != '"':
            raise MalformedJsonError(f"unexpected {delta[index]!r} where a key should start")
        self._string = StringToken()
        self._step = self._in_key
        return index + 1

    def _expect_colon(self, delta: str, index: int) -> int:
        index = skip_whitespace(delta, index)
        if index == len(delta):
            return index
        if delta[index] != ":":
            raise MalformedJsonError(f"unexpected {delta[index]!r} after a key")
        self._step = self._expect_value
        return index + 1

    def _after_value(self, delta: str, index: int) -> int:
        index = skip_whitespace(delta, index)
        if index == len(delta):
            return index
        char = delta[index]
        in_object = isinstance(self._stack[-1], dict)
        if char == ",":
            self._step = self._expect_key if in_object else self._expect_value
            return index + 1
        if char == ("}" if in_object else "]"):
            return self._pop(index)
        raise MalformedJsonError(f"unexpected {char!r} after a value")

    def _ignore_rest(self, delta: str, index: int) -> int:
        return len(delta)

    # -- states inside tokens --------------------------------------------------------------------------------

    def _in_key(self, delta: str, index: int) -> int:
        index = self._string.read(delta, index)
        if self._string.closed:
            self._key = self._string.text()
            self._step = self._expect_colon
        return index

    def _in_string_value(self, delta: str, index: int) -> int:
        index = self._string.read(delta, index)
        if self._string.closed:
            self._open_container[self._open_index] = self._string.text()
            self._open_container = self._open_index = None
            self._step = self._after_value
        return index

    def _in_number(self, delta: str, index: int) -> int:
        index = self._number.read(delta, index)
        if index < len(delta):
            self._place(self._number.value())
            self._step = self._after_value
        return index

    def _in_literal(self, delta: str, index: int) -> int:
        literal = self._literal
        assert literal is not None  # set by _expect_value before this state is entered
        index = literal.read(delta, index)
        if literal.done:
            self._place(literal.value)
            self._step = self._after_value
        return index

    # -- building the tree -----------------------------------------------------------------------------------

    def _place(self, value: Any) -> None:
        """Add a value that has begun to the innermost container, under the current key in an object."""
        container = self._stack[-1]
        if isinstance(container, dict):
            container[self._key] = value
        else:
            container.append(value)

    def _push(self, container: Container) -> None:
        self._stack.append(container)
        self._step = self._expect_first_key if isinstance(container, dict) else self._expect_first_value

    def _pop(self, index: int) -> int:
        """Close the innermost container at `delta[index]`; closing the root completes the document."""
        self._stack.pop()
        if self._stack:
            self._step = self._after_value
        else:
            self._complete = True
            self._text_end = index + 1
            self._step = self._ignore_rest
        return index + 1
