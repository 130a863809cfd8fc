"""When a failed attempt is tried again, and after how long.

Retries are JetStream redeliveries (`nak` with a delay), so the attempt number is the delivery count and a worker
lost mid-stream also uses one. A retryable failure is tried again while the job has attempts left and JetStream
will deliver it again; otherwise the node fails. The delay doubles from `base_s` with a little jitter, so jobs that
failed together do not come back together, and it honours the endpoint's `Retry-After`; both are capped at `max_s`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .errors import JobError, RetryableError

JITTER = 0.25


@dataclass(frozen=True)
class RetryPolicy:
    base_s: float = 1.0
    max_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def should_retry(self, error: JobError, attempt: int, max_attempts: int, final_delivery: bool) -> bool:
        return isinstance(error, RetryableError) and attempt < max_attempts and not final_delivery

    def delay_s(self, attempt: int, error: RetryableError) -> float:
        backoff = self.base_s * 2.0 ** (attempt - 1) * (1 + JITTER * self.rng.random())
        if error.retry_after_s is not None:
            backoff = max(backoff, error.retry_after_s)
        return min(backoff, self.max_s)
