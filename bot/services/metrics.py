"""The operator's metrics: what Brug counts, in a Prometheus registry of its own.

Code that handles updates or delivers messages reports here through a few plain calls
(`update`, `delivery`, `duplicate`, `draining`); the HTTP side renders the registry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

UPDATE_KINDS = ("text", "press", "command", "media", "timeout")
# What became of one attempt to deliver a message. Other words may be reported as well; these
# are shown from the start, at zero, so a dashboard has every line before the first event.
DELIVERY_RESULTS = ("sent", "retried", "rate_limited", "blocked", "failed")
# From a millisecond (a turn on SQLite) to ten seconds (a database that holds its lock).
HANDLING_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                    10.0)


class Metrics:
    """Counters, histograms and gauges of one Brug process, in their own registry."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self._updates = Counter("brug_updates", "Updates handled, by kind.", ["kind"],
                                registry=r)
        self._update_failures = Counter(
            "brug_update_failures", "Updates whose handling raised an error, by kind.",
            ["kind"], registry=r)
        self._handling = Histogram(
            "brug_update_handling_seconds",
            "Time from an update entering the core to its transaction's commit.",
            buckets=HANDLING_BUCKETS, registry=r)
        self._deliveries = Counter(
            "brug_deliveries", "Attempts to deliver a message, by result.", ["result"],
            registry=r)
        self._duplicates = Counter(
            "brug_duplicate_deliveries",
            "Messages sent again after a crash or a lost answer: each may have arrived twice.",
            registry=r)
        self._outbox_pending = Gauge(
            "brug_outbox_pending", "Messages waiting in the outbox.", registry=r)
        self._outbox_oldest = Gauge(
            "brug_outbox_oldest_pending_age_seconds",
            "Age of the oldest message waiting in the outbox (0 when none waits).", registry=r)
        self._draining = Gauge(
            "brug_outbox_sender_draining", "1 while the outbox sender is sending.", registry=r)
        self._last_drain = Gauge(
            "brug_outbox_sender_last_drain_timestamp_seconds",
            "When the outbox sender last finished a round (Unix time).", registry=r)
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        # The labelled series made once: looking one up costs more than counting (every update).
        self._updated = {kind: self._updates.labels(kind) for kind in UPDATE_KINDS}
        for kind in UPDATE_KINDS:
            self._update_failures.labels(kind)
        self._delivered = {result: self._deliveries.labels(result)
                           for result in DELIVERY_RESULTS}
        # For the health check: monotonic times of the sender's last round, start and end.
        self.drain_started_at: float | None = None
        self.drain_finished_at: float | None = None

    def update(self, kind: str, seconds: float, *, failed: bool = False) -> None:
        """One update (or due reminder) went through the core in this many seconds."""
        if failed:
            self._update_failures.labels(kind).inc()
            return
        series = self._updated.get(kind)
        (series if series is not None else self._updates.labels(kind)).inc()
        self._handling.observe(seconds)

    def delivery(self, result: str) -> None:
        """One attempt to deliver a message ended so: `sent`, `retried` (a passing error, tried
        again later), `rate_limited` (told to wait), `blocked` (the person blocked the bot),
        `failed` (given up), or another short word."""
        series = self._delivered.get(result)
        (series if series is not None else self._deliveries.labels(result)).inc()

    def duplicate(self, count: int = 1) -> None:
        """Messages sent again whose first sending may have arrived (after a crash)."""
        self._duplicates.inc(count)

    def outbox(self, pending: int, oldest_age_seconds: float) -> None:
        """The outbox as it stands now (read from the database before each scrape)."""
        self._outbox_pending.set(pending)
        self._outbox_oldest.set(max(0.0, oldest_age_seconds))

    @contextmanager
    def draining(self) -> Iterator[None]:
        """Around one round of the outbox sender: the health check sees that it is alive."""
        self.drain_started_at = time.monotonic()
        try:
            with self._draining.track_inprogress():
                yield
        finally:
            self.drain_finished_at = time.monotonic()
            self._last_drain.set_to_current_time()
