from __future__ import annotations

from scriptwriter.gateway.routes.replay import compare


def test_identical_answers_are_fully_similar() -> None:
    assert compare("甲\n乙", "甲\n乙") == {"similarity": 1.0, "differences": []}


def test_differences_name_the_changed_lines() -> None:
    result = compare('{"title": "龙王"}\n{"body": "归来"}', '{"title": "龙王"}\n{"body": "回来"}')
    assert 0.5 < result["similarity"] < 1.0
    assert result["differences"][-2:] == ['-{"body": "归来"}', '+{"body": "回来"}']
