"""Who saw my data, under My data: each time a coach opened the person's profile or request
summary (the coach's first name, what, when), the latest first, in the person's language."""

from __future__ import annotations

from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.i18n import N_, formats
from bot.storage.audit import PROFILE, SUMMARY
from bot.types import Option

SEEN_BACK = "seen_back"
WHAT = {PROFILE: N_("your profile and steps"), SUMMARY: N_("your request for a coach")}


def option(turn: Turn) -> tuple[Option, ...]:
    """The button on My data that opens this screen, once a coach opened something."""
    if turn.user.id is None or not turn.lookup.seen_by(turn.user.id):
        return ()
    return (Option(SeenMyData.place, turn._("👁 Who saw my data")),)


class SeenMyData(Screen):
    place = "seen_my_data"

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        seen = turn.lookup.seen_by(turn.user.id) if turn.user.id is not None else ()
        back = (Option(SEEN_BACK, _("⬅ My data"), "nav"),)
        if not seen:
            return View(_("Nobody has opened your profile or your requests."), back)
        lines = [_("Who opened your data, the latest first:")]
        for look in seen:
            when = formats.long_date_time(look.at, turn.translator.code)
            lines.append(_("- {when}: {coach} saw {what}").format(
                when=when, coach=look.viewer or (_("a coach who left Brug") if look.left
                                                     else _("a coach")),
                what=_(WHAT.get(look.what, look.what))))
        return View("\n".join(lines), back)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        core.show(turn, "privacy")


SCREEN = SeenMyData()
