"""Every screen, found by its place name: one line per screen."""

from __future__ import annotations

from collections.abc import Callable

from bot.flows import coach_digest
from bot.flows.appointments import KIND_PREFIX as APPOINTMENT_REMINDER
from bot.flows.gathering_reminders import GATHERING_REMINDER
from bot.flows.screens import (
    all_events,
    appointment_card,
    appointment_change,
    appointment_move,
    assign,
    coach_appointments,
    consent_again,
    consent_purpose,
    conversations,
    dutch_beside,
    event_admin,
    event_came,
    event_cancel,
    event_check,
    event_new,
    event_plan,
    event_review,
    event_view,
    growth_points,
    growth_review,
    handoff_ask,
    handoff_rating,
    handover,
    job_start,
    keep_data,
    menu,
    my_events,
    my_link,
    my_newcomers,
    network,
    person,
    place,
    plan,
    privacy,
    privacy_confirm,
    profile,
    quiet_hours,
    road_item,
    road_step,
    roadmap,
    sectors,
    seen_my_data,
    summary,
    talk_offer,
)
from bot.flows.screens.base import Core, Screen
from bot.flows.turn import Turn
from bot.services.weekly_digest import DIGEST


def _by_place(*screens: Screen) -> dict[str, Screen]:
    found: dict[str, Screen] = {}
    for screen in screens:
        if screen.place in found:
            raise ValueError(f"two screens are called '{screen.place}'")
        found[screen.place] = screen
    for screen in screens:
        target = found.get(screen.retired_to or "")
        if screen.retired_to is not None and (target is None or target.retired_to is not None):
            raise ValueError(f"'{screen.place}' retires to '{screen.retired_to}', which must "
                             "be a screen that always shows")
    if place.FLOW in found:
        raise ValueError(f"'{place.FLOW}' is where flow steps are; no screen may be called so")
    return found


SCREENS = _by_place(
    menu.SCREEN,
    privacy.SCREEN,
    privacy_confirm.SCREEN,
    keep_data.SCREEN,
    profile.SCREEN,
    summary.SCREEN,
    my_link.SCREEN,
    person.SCREEN,
    roadmap.SCREEN,
    road_step.SCREEN,
    road_item.SCREEN,
    sectors.SCREEN,
    network.SCREEN,
    job_start.SCREEN,
    plan.SCREEN,
    coach_appointments.SCREEN,
    appointment_card.SCREEN,
    appointment_move.SCREEN,
    handoff_ask.SCREEN,
    handoff_rating.SCREEN,
    conversations.SCREEN,
    my_events.SCREEN,
    event_new.SCREEN,
    event_check.SCREEN,
    event_view.SCREEN,
    event_admin.SCREEN,
    event_plan.SCREEN,
    event_cancel.SCREEN,
    event_came.SCREEN,
    event_review.SCREEN,
    consent_purpose.SCREEN,
    consent_again.SCREEN,
    talk_offer.SCREEN,
    appointment_change.SCREEN,
    handover.SCREEN,
    assign.SCREEN,
    my_newcomers.SCREEN,
    quiet_hours.SCREEN,
    seen_my_data.SCREEN,
    growth_review.SCREEN,
    growth_points.SCREEN,
    all_events.SCREEN,
    dutch_beside.SCREEN,
)

# Reminders that show a screen when they fall due, by reminder kind (the part of the kind
# before a ":": an appointment's reminders carry its number after it).
SHOWN_BY_REMINDER: dict[str, Callable[[Turn, Core], None]] = {
    GATHERING_REMINDER: event_view.remind,
    APPOINTMENT_REMINDER.rstrip(":"): appointment_card.remind,
    keep_data.ASK: keep_data.ask,
    talk_offer.REMINDER: talk_offer.remind,
    DIGEST: coach_digest.send,
}


def shown_by_reminder(kind: str | None) -> Callable[[Turn, Core], None] | None:
    """What shows a screen for a reminder of this kind, if a screen answers it."""
    return SHOWN_BY_REMINDER.get((kind or "").partition(":")[0])
