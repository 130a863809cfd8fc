"""The genre tree of Chinese short dramas and the platforms they are made for."""

from __future__ import annotations

from collections.abc import Sequence

PLATFORMS: tuple[str, ...] = (
    "抖音",
    "快手",
    "小红书",
    "B站",
    "微博",
    "腾讯视频",
    "爱奇艺",
    "优酷",
    "芒果TV",
    "西瓜视频",
)

GenreTree = dict[str, dict[str, dict[str, tuple[str, ...]]]]

GENRE_TREE: GenreTree = {
    "女频": {
        "爱情类": {
            "甜宠": (),
            "虐恋": (),
            "先婚后爱": ("闪婚", "替嫁", "错嫁", "契约婚姻"),
            "霸总": ("高冷型", "奶狗型", "疯批型", "沙雕型"),
            "世情": (),
        },
        "设定类": {
            "穿越": ("身穿", "魂穿", "近穿", "远穿", "反穿", "来回穿", "双穿", "穿书", "穿系统"),
            "重生": ("重生", "双重生", "多重生"),
            "马甲": ("单马甲", "多马甲", "双马甲"),
            "替身": ("双胞胎", "真假千金", "错认白月光"),
        },
        "其他类型": {
            "复仇": (),
            "萌宝": ("单宝", "多宝", "龙凤胎", "双胞胎", "真假萌宝"),
            "家庭": ("家庭伦理", "寻亲"),
            "团宠": (),
            "恶女": ("恶毒女配", "双重人格"),
            "娱乐圈": (),
        },
    },
    "男频": {
        "设定类": {
            "穿越": (),
            "重生": (),
            "玄幻": ("修炼成仙", "升级打怪"),
            "末世": ("天灾", "丧尸", "安全屋"),
        },
        "逆袭类": {
            "战神": ("强者", "龙王", "兵王", "城主"),
            "神豪": ("一夜暴富", "点石成金", "物价贬值", "神仙神豪"),
            "赘婿": (),
            "离婚": (),
            "逆袭": ("小人物", "扮猪吃老虎", "马甲大佬"),
            "残疾大佬": (),
            "金手指": ("超能力", "系统选中", "世界巨变"),
            "高手下山": (),
        },
        "其他类型": {
            "神医": (),
            "后宫": (),
        },
    },
}


def is_genre_path(path: Sequence[str]) -> bool:
    """A path is root › group › genre, optionally followed by one of the genre's sub-genres."""
    if len(path) not in (3, 4):
        return False
    groups = GENRE_TREE.get(path[0])
    if groups is None:
        return False
    genres = groups.get(path[1])
    if genres is None or path[2] not in genres:
        return False
    return len(path) == 3 or path[3] in genres[path[2]]


def format_genre_path(path: Sequence[str]) -> str:
    return " > ".join(path)
