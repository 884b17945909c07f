"""Every screen, found by its place name: one line per screen."""

from __future__ import annotations

from bot.flows.screens import (
    coach,
    job_checkin,
    job_low,
    job_start,
    keep_data,
    menu,
    my_link,
    network,
    person,
    place,
    privacy,
    privacy_confirm,
    profile,
    road_item,
    road_step,
    roadmap,
    sectors,
    share,
    summary,
)
from bot.flows.screens.base import Screen


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
    share.SCREEN,
    coach.SCREEN,
    my_link.SCREEN,
    person.SCREEN,
    roadmap.SCREEN,
    road_step.SCREEN,
    road_item.SCREEN,
    sectors.SCREEN,
    network.SCREEN,
    job_start.SCREEN,
    job_checkin.SCREEN,
    job_low.SCREEN,
)
