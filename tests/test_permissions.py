"""Who may do what: each role tries each action (screens through forged buttons, commands,
the admin's command-line actions) and every forbidden one is refused with one line and
changes nothing that is stored."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.cli import main as cli
from bot.flows import permissions
from bot.flows.commands import OPENS
from bot.flows.screens.registry import SCREENS
from bot.storage.tables import handoffs, link_codes, metadata, users
from tests.harness import Session, labels, query, run_simulate, texts
from tests.test_coach import brug
from tests.test_events import make_event, make_organiser


def test_the_table_is_the_one_rule_of_who_may_open_a_staff_screen() -> None:
    from bot.flows.screens.base import Screen

    # A staff screen says who may open it only by its action; an `available` of its own is
    # kept only where it says more than the table (an admin may take a request from its
    # alert, yet the list of conversations is a coach's desk).
    beside = {name for name, screen in SCREENS.items() if screen.action != permissions.OWN
              and type(screen).available is not Screen.available}
    assert beside == {"conversations"}


# What each role's menu offers of the staff items (content/menu.yaml), as the table says.
STAFF_ITEMS = {"My newcomers": "coach", "My link for newcomers": "my_link",
               "Plan a meeting": "plan", "My meetings": "coach_appointments",
               "My conversations": "conversations", "Hand over to a colleague": "handover",
               "Coaches and newcomers": "assign"}


async def test_each_roles_menu_offers_the_staff_screens_the_table_allows(
    session: Session,
) -> None:
    await cast(session)
    offered = {}
    for person in PEOPLE:
        out = await session.say(person, "/menu")
        offered[person] = {label for label in labels(out[-1]) if label in STAFF_ITEMS}
    assert offered["nina"] == offered["olga"] == set()
    assert offered["cora"] == set(STAFF_ITEMS) - {"Coaches and newcomers"}
    assert offered["adam"] == {"Coaches and newcomers"}
    for person, role in PEOPLE.items():
        for label in offered[person]:
            assert permissions.allows(role, SCREENS[STAFF_ITEMS[label]].action), label


REFUSED = "You cannot do that with your role. Nothing was changed."
# One person per role; amal is cora's newcomer and shares her profile with her.
PEOPLE = {"nina": "newcomer", "cora": "coach", "olga": "organiser", "adam": "admin"}


async def cast(session: Session) -> None:
    for person, role in PEOPLE.items():
        await session.onboard(person)
        if role != "newcomer":
            await session.feed({"user": person, "role": role})
    await session.onboard("amal")
    await session.feed({"user": "cora", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")


async def stored(session: Session) -> dict[str, list[str]]:
    """Every row of every table, but where each person is in their own conversation (their
    place, the question's number, when they wrote) and the handled updates."""
    found: dict[str, list[str]] = {}
    for table in metadata.sorted_tables:
        if table.name == "processed_updates":
            continue
        columns = [c for c in table.columns
                   if not (table is users and c.name in ("state", "seen_at"))]
        rows = await query(session.app, select(*columns))
        found[table.name] = sorted(repr(sorted(row.items())) for row in rows)
    for row in await query(session.app, select(users.c.external_id, users.c.state)
                           .order_by(users.c.external_id)):
        kept = {k: v for k, v in row["state"].items()
                if k not in ("at", "turn", "shown", "options_page", "consent_texts",
                             # whom a staff member last chose to write to: only a pointer,
                             # checked against their open conversations each time
                             "talk")}
        found.setdefault("states", []).append(repr((row["external_id"], sorted(kept.items()))))
    return found


async def forge(session: Session, user: str, place: str, choice: str,
                shown: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Put the person on a screen (as a stale state would) and press a button there."""
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    state = {**row["state"], "at": place, "shown": {**row["state"].get("shown", {}),
                                                     **(shown or {})}}
    await session.app.store.run(lambda repo: repo.conn.execute(
        users.update().where(users.c.external_id == user).values(state=state)))
    session.simulator.options.by_user[user] = (state["turn"], [(choice, "forged")])
    return await session.press(user, 1)


def test_the_table_names_every_screen_command_and_command_line_action() -> None:
    for name, screen in SCREENS.items():
        assert screen.action in permissions.TABLE, name
    assert set(permissions.COMMANDS) == {*OPENS, "start", "back", "skip"}
    assert set(cli.commands) <= set(permissions.CLI)
    for action in permissions.CLI.values():
        assert permissions.TABLE[action] == {permissions.ADMIN}, action
    assert permissions.allows("coach", permissions.SEE_NEWCOMERS)
    assert not permissions.allows("newcomer", permissions.SEE_NEWCOMERS)
    assert not permissions.allows("admin", "something new")  # unknown: refused


async def test_each_role_tries_each_screen_and_the_forbidden_ones_change_nothing(
    session: Session,
) -> None:
    await cast(session)
    guarded = {name: screen.action for name, screen in SCREENS.items()
               if screen.action != permissions.OWN}
    assert {"coach", "my_link", "plan", "event_new", "conversations"} <= set(guarded)
    refused: dict[str, set[str]] = {person: set() for person in PEOPLE}
    for person, role in PEOPLE.items():
        for name, action in guarded.items():
            if permissions.allows(role, action):
                continue
            before = await stored(session)
            out = await forge(session, person, name, "n1")
            assert out[0]["text"].startswith(REFUSED), (person, name, out)
            assert "What do you want to do?" in out[-1]["text"]
            assert await stored(session) == before, (person, name)
            refused[person].add(name)
    events = {name for name in guarded if name.startswith("event_")}
    admins_only = {name for name, action in guarded.items()
                   if action in (permissions.ASSIGN, permissions.REPORT_EVENTS)}
    # Admins also take requests for a person (a ticket about missed meetings goes to them).
    requests = {name for name, action in guarded.items()
                if action == permissions.TAKE_HANDOFFS}
    assert admins_only == {"assign", "all_events"}
    assert refused["nina"] == set(guarded)
    assert refused["cora"] == events | admins_only
    assert refused["olga"] == set(guarded) - events
    assert refused["adam"] == set(guarded) - events - admins_only - requests
    # The roles that may: the coach reads her newcomer's shared profile.
    await session.say("cora", "/menu")
    out = await session.press("cora", "My newcomers")
    out = await session.press("cora", "Amal")
    assert out[0]["text"].startswith("Profile of Amal:")


async def test_a_coach_who_lost_the_role_loses_her_newcomers_at_once(session: Session) -> None:
    await cast(session)
    await session.say("cora", "/menu")
    out = await session.press("cora", "My newcomers")
    assert labels(out[-1])[0] == "Amal"
    await session.feed({"user": "cora", "role": "newcomer"})
    before = await stored(session)
    out = await session.press("cora", "Amal")  # her last buttons, still on her phone
    assert out[0]["text"].startswith(REFUSED)
    assert "Amal" not in texts(out)
    assert await stored(session) == before


async def test_a_coach_sees_only_her_own_newcomers(session: Session) -> None:
    await cast(session)
    await session.onboard("bert")
    await session.feed({"user": "bert", "role": "coach"})
    [amal] = await query(session.app, select(users.c.id).where(users.c.external_id == "amal"))
    out = await forge(session, "bert", "coach", f"n{amal['id']}")
    assert "Profile of Amal" not in texts(out)
    assert "Nobody is linked to you yet." in out[-1]["text"]


async def test_every_role_may_use_every_command(session: Session) -> None:
    await cast(session)
    for person in PEOPLE:
        for command in permissions.COMMANDS:
            out = await session.say(person, f"/{command}")
            assert REFUSED not in texts(out), (person, command)


async def test_a_forged_claim_from_a_newcomer_is_refused(session: Session) -> None:
    await cast(session)
    await session.say("amal", "/person")
    await session.press("amal", "💬 Talk to a coach here")
    await session.press("amal", 1)
    before = await stored(session)
    # An admin may take requests meant for admins; this one went to the coaches.
    refusals = {"nina": REFUSED, "olga": REFUSED, "adam": "This request is not for you"}
    for person, refusal in refusals.items():
        session.simulator.options.by_user[person] = (None, [("hoc.1", "✋ I take it")])
        out = await session.press(person, 1)
        assert out[0]["text"].startswith(refusal), person
        assert [line for line in out if line.get("to") in ("amal", "cora")] == []
    assert await stored(session) == before
    [row] = await query(session.app, select(handoffs.c.coach_id))
    assert row["coach_id"] is None


async def test_an_organiser_runs_only_her_own_events(session: Session) -> None:
    await make_organiser(session, "olga")
    await make_organiser(session, "piet")
    await make_event(session, "olga")
    before = await stored(session)
    [event] = await query(session.app, select(metadata.tables["events"].c.id))
    for place, choice in (("event_admin", "event_cancel"), ("event_admin", "event_link"),
                          ("event_cancel_ask", "cancel_yes")):
        out = await forge(session, "piet", place, choice, {"event_id": event["id"]})
        assert "Jobdate Oostende" not in texts(out), place
        assert await stored(session) == before
    # Olga, who made it, gets its link again from the same button.
    out = await forge(session, "olga", "event_admin", "event_link", {"event_id": event["id"]})
    assert "https://t.me/brug_bot?start=e_" in texts(out)


async def test_only_an_admin_does_the_command_line_actions(session: Session) -> None:
    await cast(session)
    lines = [{"user": "nina", "role": "organiser"}, {"user": "cora", "link": "nina"},
             {"link_code": "cora"}, {"invite": "admin"}, {"event": "Jobdate", "people": ["amal"]}]
    for person, role in PEOPLE.items():
        if role == "admin":
            continue
        for line in lines:
            before = await stored(session)
            [refused] = await session.feed({**line, "by": person})
            assert refused["error"].startswith(f"refused: a {role} may not"), (person, line)
            assert await stored(session) == before, (person, line)
    # The admin may, and so may the server's operator (no "by").
    [link] = await session.feed({"invite": "coach", "by": "adam"})
    assert link["payload"].startswith("i_")
    # Stored hashed, single-use, for a week.
    [code] = await query(session.app, select(link_codes).where(
        link_codes.c.code_hash == hashlib.sha256(link["payload"].encode()).hexdigest()))
    assert code["single_use"] and code["expires_at"] - code["created_at"] == timedelta(days=7)
    assert link["payload"] not in repr(await stored(session))
    assert await session.feed({"user": "nina", "role": "organiser", "by": "adam"}) == []
    [row] = await query(session.app, select(users.c.role).where(users.c.external_id == "nina"))
    assert row["role"] == "organiser"


def test_brug_export_gives_the_admin_everything_about_one_person(database: str) -> None:
    onboarding = ({"text": "/start"}, {"press": "English"}, {"press": 1}, {"press": 1})
    run_simulate([{"user": "amal", **line} for line in onboarding], database)
    result = brug(database, "export", "amal", "--channel", "simulate")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"]["external_id"] == "amal"
    assert [(row["purpose"], row["version"]) for row in data["consents"]] == [
        ("answers", "2026-11-24")]
    missing = brug(database, "export", "nobody", "--channel", "simulate")
    assert missing.returncode == 1 and "not found on simulate: nobody" in missing.stderr
