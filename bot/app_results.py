"""Applying what an organiser does after an event (bot/flows/results_events.py), in the
update's transaction: send the results (text, chart, CSV), tick who came, keep the
evaluation. Only for the event's organiser, or an admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.app_gatherings import ORGANISING
from bot.flows.events import Event
from bot.flows.results_events import (
    AttendanceTicked,
    EvaluationSaved,
    EveryoneCame,
    ResultsAsked,
)
from bot.services.event_results import summary_text
from bot.services.results_chart import chart_labels
from bot.services.results_report import ResultFiles, read_results
from bot.storage.event_review import EventReview
from bot.storage.gatherings import Gathering
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _own(ctx: Applying, event_id: int) -> Gathering | None:
    """The event if this person organises it (an admin may read any)."""
    if ctx.user.role not in ORGANISING:
        return None
    event = ctx.repo.gatherings().get(event_id)
    if event is None or (event.organiser_id != ctx.user_id and ctx.user.role != "admin"):
        return None
    return event


def _send_results(ctx: Applying, event: ResultsAsked) -> None:
    found = _own(ctx, event.event_id)
    if found is None:
        return
    catalogs = ctx.around.catalogs
    translator = catalogs.get(ctx.user.language or catalogs.choose(ctx.incoming.language_hint))
    results = read_results(ctx.repo.conn, found)
    files = ResultFiles.of(results, ctx.around.files, found.id, ctx.now)
    to, channel = ctx.incoming.user, ctx.incoming.channel
    text = summary_text(results, translator.gettext, translator.locale, translator.ngettext)
    labels = chart_labels(translator)
    ctx.put(Outgoing(to=to, text="\n\n".join(filter(None, (text, labels.note))),
                     channel=channel),
            *files.messages(to, channel, ctx._("The results as a table (CSV)")))
    ctx.after_commit.append(lambda: files.write(labels.translate))


def _tick(ctx: Applying, event: AttendanceTicked) -> None:
    if _own(ctx, event.event_id) is not None:
        EventReview(ctx.repo.conn).toggle(event.event_id, event.user_id, ctx.now)


def _everyone_came(ctx: Applying, event: EveryoneCame) -> None:
    if _own(ctx, event.event_id) is None:
        return
    count = EventReview(ctx.repo.conn).everyone_came(event.event_id, ctx.now)
    ctx.put(Outgoing(to=ctx.incoming.user, channel=ctx.incoming.channel, text=ctx.ngettext(
        "Everyone who did not cancel is ticked: {count} came.",
        "Everyone who did not cancel is ticked: {count} came.", count).format(count=count)))


def _save_evaluation(ctx: Applying, event: EvaluationSaved) -> None:
    if _own(ctx, event.event_id) is None:
        return
    EventReview(ctx.repo.conn).save_evaluation(event.event_id, event.evaluation, ctx.now)
    ctx.put(Outgoing(to=ctx.incoming.user, channel=ctx.incoming.channel, text=ctx._(
        "Your evaluation is saved with the event. It is in the results and their CSV file.")))


RESULTS_HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    ResultsAsked: _send_results,
    AttendanceTicked: _tick,
    EveryoneCame: _everyone_came,
    EvaluationSaved: _save_evaluation,
}
