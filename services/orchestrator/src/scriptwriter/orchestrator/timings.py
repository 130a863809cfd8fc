"""The orchestrator's own time per transition (load, decide, save, publish), kept for the last few thousand."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass
class Timings:
    limit: int = 5000
    samples: dict[str, deque[float]] = field(default_factory=dict)

    def record(self, kind: str, seconds: float) -> None:
        self.samples.setdefault(kind, deque(maxlen=self.limit)).append(seconds * 1000)

    def summary(self) -> dict[str, dict[str, float]]:
        report = {}
        for kind, values in self.samples.items():
            ordered = sorted(values)
            report[kind] = {
                "n": len(ordered),
                "p50": ordered[len(ordered) // 2],
                "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
                "max": ordered[-1],
            }
        return report
