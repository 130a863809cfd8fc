"""The coalescing window widens while a worker runs many streams at once and narrows when they end."""

from __future__ import annotations

import pytest

from scriptwriter.llm_worker.window import CoalescingWindow

pytestmark = pytest.mark.timeout(10)


def test_many_streams_widen_the_window_and_fewer_narrow_it() -> None:
    window = CoalescingWindow(0.003, 0.025, busy_streams=64)
    for running in (1, 30, 64):
        window.streams(running)
        assert window.seconds == 0.003 and not window.busy
    window.streams(65)
    assert window.seconds == 0.025 and window.busy
    window.streams(200)
    assert window.seconds == 0.025
    window.streams(64)
    assert window.seconds == 0.003


@pytest.mark.parametrize(("base", "busy"), [(0.0, 0.025), (0.003, None), (0.003, 0.001)])
def test_off_stays_off_and_never_narrower_than_the_base(base: float, busy: float | None) -> None:
    window = CoalescingWindow(base, busy, busy_streams=2)
    window.streams(100)
    assert window.seconds == base and not window.busy
