"""The few facts of a rendered prompt the canned answers adapt to: labelled fields, episode numbers, names."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

# Surnames that rarely start an ordinary word, so a match is very likely a name.
_SURNAMES = "林苏沈许陈秦周陆顾傅萧楚慕霍厉薄宋唐温姜乔韩赵孙李吴郑刘杨贺盛谢徐孟颜裴祁叶江夏宁岳"
# Two-character words holding one of those surnames that are not names.
_NOT_NAME_PAIRS = (
    "许多也许允许或许许久温柔温暖温度温和周围周末一周周年周到陆续大陆陆地顾客照顾回顾不顾顾不师傅"
    "孙子韩国清楚楚楚唐突荒唐感谢谢谢江湖夏天盛大盛世宋朝李子叶子陈旧陈列宁愿宁可岳母岳父江边温情"
)
_NOT_NAMES = frozenset(_NOT_NAME_PAIRS[i : i + 2] for i in range(0, len(_NOT_NAME_PAIRS), 2))
# Characters that cannot continue a given name: particles, kinship and title words, common verbs.
_STOP = frozenset(
    "被和的在与跟向从把让给对替逼嫁当拿救查发回为也都就又却才将已曾竟突终便总一不没仍还再是了着过"
    "家氏总少小太老母父姐哥弟妹叔爷奶先生说看想要去来到带绑睁抢揭护找做成"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def seed(prompt: str) -> int:
    return int(hashlib.sha256(prompt.encode()).hexdigest()[:8], 16)


def field(prompt: str, label: str) -> str | None:
    """The value of a `标签：值` line, stripped; `None` when absent or empty."""
    match = re.search(rf"^\s*{re.escape(label)}\s*[:：]\s*(.+?)\s*$", prompt, re.MULTILINE)
    return match.group(1) if match and match.group(1) else None


def integer(prompt: str, label: str) -> int | None:
    value = field(prompt, label)
    match = re.match(r"\d+", value or "")
    return int(match.group()) if match else None


def episode_number(prompt: str) -> int:
    """The first `第 N 集` of the prompt (the episode asked for); 1 when there is none."""
    match = re.search(r"第\s*(\d+)\s*集", prompt)
    return max(1, int(match.group(1))) if match else 1


def names_in(text: str) -> list[str]:
    """Plausible personal names (surname + one or two characters) in order of first appearance."""
    found: list[str] = []
    for index, char in enumerate(text):
        if char not in _SURNAMES or {text[index : index + 2], text[max(0, index - 1) : index + 1]} & _NOT_NAMES:
            continue
        given = ""
        for follower in text[index + 1 : index + 3]:
            if not _CJK.match(follower) or follower in _STOP:
                break
            given += follower
        name = char + given
        if given and name not in found and not any(name in other or other in name for other in found):
            found.append(name)
    return found


_LEAD_TYPES = {"female_lead": "F", "女主": "F", "女主角": "F", "male_lead": "M", "男主": "M", "男主角": "M"}
_CAST_PATTERNS = (
    re.compile(r"^\s*-\s*(?P<name>[^\s（(：:]{1,8})[（(](?P<type>[^）)]+)[）)]", re.MULTILINE),
    re.compile(r'"name"\s*:\s*"(?P<name>[^"]{1,8})"\s*,\s*"type"\s*:\s*"(?P<type>[^"]+)"'),
)


def characters_in(prompt: str) -> list[tuple[str, str]]:
    """`(name, type)` of each character a prompt lists (`- 名字（类型）：…` lines or JSON objects)."""
    found: list[tuple[str, str]] = []
    for pattern in _CAST_PATTERNS:
        for match in pattern.finditer(prompt):
            entry = (match.group("name").strip(), match.group("type").strip())
            if entry not in found:
                found.append(entry)
    return found


def leads_in(prompt: str) -> dict[str, str]:
    """Lead names by role (`F` female lead, `M` male lead) from a character list in the prompt."""
    leads: dict[str, str] = {}
    for name, kind in characters_in(prompt):
        role = _LEAD_TYPES.get(kind)
        if role and role not in leads:
            leads[role] = name
    return leads


def people_in(prompt: str) -> list[str]:
    """Names a prompt's scripts use (cast lines, speakers) and its character list, most frequent first."""
    counts: Counter[str] = Counter(name for name, _type in characters_in(prompt))
    for line in prompt.splitlines():
        line = line.strip()
        if line.startswith("|"):
            counts.update(line[1:].split("、"))
        elif match := re.match(r"([^△\s：:()（）]{2,4})(?:\(V0\))?[：:]", line):
            counts[match.group(1)] += 1
    return [name for name, _count in counts.most_common() if names_in(name) == [name]]
