"""Template `brainstorming`: story ideas, those suiting the requested genres first."""

from __future__ import annotations

import json
import re

from .prompt import seed

IDEAS: tuple[tuple[str, str], ...] = (  # (title, body); GENRE_TAGS below say which genres each suits
    (
        "替嫁新娘",
        "林晚被继母逼着替妹妹嫁给传闻中毁容暴戾的陆家少爷，新婚夜却发现他容貌俊美、暗中操盘陆氏。她一边隐藏神医身份替他解毒，一边揭穿继母的阴谋，两人从互相试探到并肩夺回家产。",
    ),
    (
        "闪婚总裁",
        "为了给外婆凑手术费，苏念和相亲认识的普通职员闪婚。婚后她屡遭刁难，丈夫总能轻描淡写地替她摆平，直到公司年会上，她才发现自己的老公竟是集团总裁，而他接近她另有隐情。",
    ),
    (
        "重回十八岁",
        "被丈夫和闺蜜联手害死的沈清，睁眼回到高考前一个月。她这次不再做恋爱脑，抢回被顶替的名额，亲手揭穿渣男骗局，还意外结识前世为她收尸的冷面学霸，两人联手改写命运。",
    ),
    (
        "真假千金",
        "在乡下长大的许知意被认回豪门，却被假千金处处陷害。没人知道她是顶级黑客和国医圣手。她在家宴上当众揭穿假千金的身世谎言，也让一直暗中护着她的竹马终于说出了心意。",
    ),
    (
        "龙王归来",
        "入赘三年受尽白眼的陈默，在岳母寿宴上被逼当众下跪。就在所有人嘲笑时，十万战士齐声喊他龙王。他没有急着报复，而是一步步揭开妻子家族被人做局的真相，护她站上巅峰。",
    ),
    (
        "萌宝寻爹",
        "五岁的天才萌宝黑进全城最大集团的系统，只为给单亲妈妈找个靠谱老公。没想到被他选中的冷面总裁，正是当年与妈妈有一夜之缘的男人。总裁追妻，萌宝助攻，旧日误会一层层揭开。",
    ),
    (
        "末世安全屋",
        "末世降临前七天，外卖员周野绑定了安全屋系统。他囤物资、救邻居，也识破了前世背叛他的兄弟。当丧尸围城，他的安全屋成了整座城唯一的灯火，而他必须决定谁值得被救。",
    ),
    (
        "神医下山",
        "被师父赶下山的少年秦川，带着一纸婚约来到都市。未婚妻当众退婚，他却在医院里救下垂危的首富。从被人看不起的乡下小子到全城争抢的神医，他也查出了当年师门被灭的真凶。",
    ),
)


GENRE_TAGS: dict[str, tuple[str, ...]] = {
    "替嫁新娘": ("替嫁", "先婚后爱", "爱情类", "神医", "复仇", "马甲"),
    "闪婚总裁": ("闪婚", "先婚后爱", "霸总", "甜宠", "爱情类", "契约婚姻"),
    "重回十八岁": ("重生", "复仇", "设定类", "逆袭", "虐恋"),
    "真假千金": ("真假千金", "替身", "马甲", "团宠", "复仇"),
    "龙王归来": ("龙王", "战神", "赘婿", "逆袭类", "扮猪吃老虎"),
    "萌宝寻爹": ("萌宝", "霸总", "甜宠", "家庭", "寻亲"),
    "末世安全屋": ("末世", "安全屋", "金手指", "系统选中", "天灾", "丧尸"),
    "神医下山": ("神医", "高手下山", "逆袭", "男频"),
}


def brainstorming(prompt: str) -> str:
    match = re.search(r"构思\s*(\d+)\s*个", prompt)
    count = max(1, min(int(match.group(1)) if match else 3, len(IDEAS)))
    genre_line = next((line for line in prompt.splitlines() if line.startswith("题材")), prompt)
    start = seed(prompt) % len(IDEAS)
    rotated = [IDEAS[(start + i) % len(IDEAS)] for i in range(len(IDEAS))]
    # Ideas that suit the requested genres first, the rest in a prompt-dependent order.
    ranked = sorted(rotated, key=lambda idea: -sum(tag in genre_line for tag in GENRE_TAGS[idea[0]]))
    ideas = ranked[:count]
    return json.dumps({"ideas": [{"title": t, "body": b} for t, b in ideas]}, ensure_ascii=False, indent=2)
