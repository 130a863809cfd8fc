"""JSON tokens read across deltas: each reader keeps its place, so a token may be split at any character."""

from __future__ import annotations

import re

_WHITESPACE = frozenset(" \t\n\r")
_NUMBER_CHARS = frozenset("0123456789+-.eE")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_STRING_SPECIAL = re.compile(r'["\\]')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

NUMBER_STARTS = frozenset("-0123456789")
LITERALS: dict[str, tuple[str, bool | None]] = {"t": ("true", True), "f": ("false", False), "n": ("null", None)}


class MalformedJsonError(ValueError):
    """The text stopped being JSON. Raised by the token readers; the parser catches it and marks itself broken."""


def skip_whitespace(delta: str, index: int) -> int:
    """The index of the first non-whitespace character at or after `index` (or the end of `delta`)."""
    while index < len(delta) and delta[index] in _WHITESPACE:
        index += 1
    return index


class StringToken:
    """A string after its opening quote: plain runs are copied in slices, escapes may be split anywhere.

    Raw control characters are accepted, as `json.loads(..., strict=False)` does, because models write literal
    newlines in long text. A `\\uD83D\\uDE00` pair becomes one character; a lone surrogate stays as it is, like
    `json.loads`.
    """

    def __init__(self) -> None:
        self.closed = False
        self.grew = False
        self._parts: list[str] = []
        self._escape = ""  # the escape read so far: "", "\\", "\\u", "\\u1", … "\\u12"
        self._high_surrogate = ""  # held back until we know whether a low surrogate follows

    def read(self, delta: str, index: int) -> int:
        """Consume text from `index`; return where reading stopped (after the closing quote when `closed`)."""
        end = len(delta)
        while index < end:
            if self._escape:
                index = self._read_escape(delta, index)
                continue
            special = _STRING_SPECIAL.search(delta, index)
            stop = end if special is None else special.start()
            if stop > index:
                self._append(delta[index:stop])
            if special is None:
                return end
            if delta[stop] == '"':
                self._append("")
                self.closed = True
                return stop + 1
            self._escape = "\\"
            index = stop + 1
        return index

    def text(self) -> str:
        """The characters read so far; joins the pieces once, so repeated reads stay cheap."""
        whole = "".join(self._parts)
        self._parts = [whole]
        self.grew = False
        return whole

    def _read_escape(self, delta: str, index: int) -> int:
        if self._escape == "\\":
            char = delta[index]
            if char == "u":
                self._escape = "\\u"
            elif char in _ESCAPES:
                self._escape = ""
                self._append(_ESCAPES[char])
            else:
                raise MalformedJsonError(f"invalid escape \\{char}")
            return index + 1
        digits = delta[index : index + 6 - len(self._escape)]
        if not _HEX_DIGITS.issuperset(digits):
            raise MalformedJsonError(f"invalid escape {self._escape}{digits}")
        self._escape += digits
        if len(self._escape) == 6:
            self._append_code_point(int(self._escape[2:], 16))
            self._escape = ""
        return index + len(digits)

    def _append(self, text: str) -> None:
        if self._high_surrogate:
            self._parts.append(self._high_surrogate)
            self._high_surrogate = ""
        self._parts.append(text)
        self.grew = True

    def _append_code_point(self, code: int) -> None:
        if 0xDC00 <= code <= 0xDFFF and self._high_surrogate:
            high, self._high_surrogate = ord(self._high_surrogate), ""
            self._append(chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)))
        elif 0xD800 <= code <= 0xDBFF:
            self._append("")
            self._high_surrogate = chr(code)
        else:
            self._append(chr(code))


class NumberToken:
    """A number, complete only once a character that cannot belong to it arrives."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def read(self, delta: str, index: int) -> int:
        """Consume number characters; a return value short of `len(delta)` means the number ended there."""
        stop = index
        while stop < len(delta) and delta[stop] in _NUMBER_CHARS:
            stop += 1
        self._parts.append(delta[index:stop])
        return stop

    def value(self) -> int | float:
        token = "".join(self._parts)
        if _NUMBER.fullmatch(token) is None:
            raise MalformedJsonError(f"invalid number {token[:40]!r}")
        if "." in token or "e" in token or "E" in token:
            return float(token)
        try:
            return int(token)
        except ValueError as exc:  # more digits than int() converts, which json.loads refuses too
            raise MalformedJsonError("integer too long") from exc


class LiteralToken:
    """`true`, `false` or `null`, matched character by character."""

    def __init__(self, first_char: str) -> None:
        self._word, self.value = LITERALS[first_char]
        self._matched = 0

    @property
    def done(self) -> bool:
        return self._matched == len(self._word)

    def read(self, delta: str, index: int) -> int:
        piece = delta[index : index + len(self._word) - self._matched]
        if not self._word.startswith(piece, self._matched):
            raise MalformedJsonError(f"invalid literal near {piece!r}")
        self._matched += len(piece)
        return index + len(piece)
