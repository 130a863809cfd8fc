"""Counting words the way Chinese scripts are measured: each CJK character is a word, as is each other word."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def word_count(text: str) -> int:
    return len(_CJK.findall(text)) + len(_WORD.findall(_CJK.sub(" ", text)))
