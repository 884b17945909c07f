"""An event's results read from storage in one transaction, and the two files they make:
the chart (PNG) and the CSV, named per request, written after the commit (drawing takes a
while), sent as a photo and a document. The chat and `brug event report` share it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection

from bot.services.dated_files import STAMP, made_before
from bot.services.event_results import EventResults, compute
from bot.services.results_chart import write_chart
from bot.services.results_csv import write_csv
from bot.storage.event_review import EventReview
from bot.storage.gatherings import Gathering, Gatherings
from bot.storage.poll_answers import PollAnswers
from bot.types import Outgoing

PREFIX = "results-"


def read_results(conn: Connection, event: Gathering) -> EventResults:
    counts = Gatherings(conn).counts(event.id)
    review = EventReview(conn)
    answers = PollAnswers(conn)
    return compute(event.title, event.starts_at,
                   invited=counts.joined + counts.waiting + counts.left, joined=counts.joined,
                   attended=review.attended(event.id), answers=answers.of_event(event.id),
                   respondents=answers.respondents(event.id),
                   evaluation=review.evaluation(event.id))


@dataclass(frozen=True)
class ResultFiles:
    """The results and where their chart and CSV go."""

    results: EventResults
    chart: Path
    table: Path

    @classmethod
    def of(cls, results: EventResults, folder: Path, event_id: int, now: datetime
           ) -> ResultFiles:
        # When they were made (the injected clock) is in the name, for the retention job.
        name = f"{PREFIX}{event_id}-{now.astimezone(UTC).strftime(STAMP)}-{secrets.token_hex(6)}"
        return cls(results, folder / f"{name}.png", folder / f"{name}.csv")

    def write(self, _: Callable[[str], str]) -> None:
        """Draw the chart (labels translated by `_`) and write the CSV."""
        write_chart(self.results, _, self.chart)
        write_csv(self.results, self.table)

    def messages(self, to: str, channel: str, caption: str) -> tuple[Outgoing, Outgoing]:
        return (Outgoing(to=to, text="", kind="image", file=str(self.chart),
                         caption=self.results.title, channel=channel),
                Outgoing(to=to, text="", kind="document", file=str(self.table),
                         caption=caption, channel=channel))


def old_files(folder: Path, before: datetime) -> list[Path]:
    """Result files made before `before` (sent long ago: a day is plenty)."""
    return made_before(folder, f"{PREFIX}*", before)


def remove_files(folder: Path, event_ids: list[int]) -> int:
    """The result files of these events (an organiser who leaves): gone with them."""
    gone = 0
    for event_id in event_ids:
        for path in folder.glob(f"{PREFIX}{event_id}-*"):
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def events_of(conn: Connection, organiser_id: int) -> list[int]:
    """The events an organiser made: their result files go when the organiser is erased."""
    return [event.id for event in Gatherings(conn).of_organiser(organiser_id)]


def event_lines(conn: Connection) -> list[str]:
    """Every event, one line each: number, start, title, organiser, counts (for an admin)."""
    store = Gatherings(conn)
    lines = []
    for event in store.every():
        counts = store.counts(event.id)
        mark = " (cancelled)" if event.cancelled else ""
        lines.append(f"{event.id}\t{event.starts_at.isoformat()}\t{event.title}{mark}\t"
                     f"organiser {event.organiser_id}\tjoined {counts.joined}, waiting "
                     f"{counts.waiting}, left {counts.left}")
    return lines


def find_event(conn: Connection, reference: str) -> Gathering | str:
    """The event a number or an exact title names, or why none is found."""
    store = Gatherings(conn)
    if reference.isdecimal():
        found = store.get(int(reference))
        return found if found is not None else f"no event number {reference}"
    named = [event for event in store.every() if event.title == reference]
    if len(named) == 1:
        return named[0]
    if not named:
        return f"no event is called {reference!r}; `brug event list` shows them"
    return (f"{len(named)} events are called {reference!r}; give a number: "
            + ", ".join(str(event.id) for event in named))
