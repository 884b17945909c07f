"""Consents per purpose, stored: each yes and each no with the version of the text and when.
At most one row per person and purpose is open (given, not withdrawn); that purpose is given
now. Runs on the repository's connection, inside the update's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    bindparam,
    delete,
    exists,
    select,
    update,
)

from bot.storage.hot import HotStatement
from bot.storage.tables import consents


@dataclass(frozen=True)
class Answer:
    """Where a person stands on one purpose: given (True), said no (False), with the
    version of the text and when."""

    purpose: str
    given: bool
    version: str
    at: datetime


def given_now(user_id: Any, purpose: str) -> ColumnElement[bool]:
    """A condition for queries: this person (a column or an id) gives this purpose now."""
    return exists(select(consents.c.id).where(
        consents.c.user_id == user_id, consents.c.purpose == purpose,
        consents.c.given_at.is_not(None), consents.c.withdrawn_at.is_(None)))


def answered(user_id: Any, purpose: str) -> ColumnElement[bool]:
    """A condition for queries: this person ever said yes or no to this purpose."""
    return exists(select(consents.c.id).where(
        consents.c.user_id == user_id, consents.c.purpose == purpose))


def answers_of(conn: Connection, user_id: int) -> dict[str, Answer]:
    """Per purpose the person answered, their latest answer."""
    rows = conn.execute(select(consents).where(consents.c.user_id == user_id)
                        .order_by(consents.c.id)).mappings()
    latest: dict[str, Answer] = {}
    for row in rows:
        given = row["given_at"] is not None and row["withdrawn_at"] is None
        at = row["given_at"] if given else row["withdrawn_at"]
        latest[row["purpose"]] = Answer(row["purpose"], given, row["version"], at)
    return latest


def is_given(conn: Connection, user_id: int, purpose: str) -> bool:
    return conn.execute(select(given_now(user_id, purpose))).scalar() is True


def is_withdrawn(conn: Connection, user_id: int, purpose: str) -> bool:
    """The person's latest answer to this purpose is no."""
    return conn.execute(select(and_(answered(user_id, purpose),
                                    ~given_now(user_id, purpose)))).scalar() is True


# A consent is recorded by the update that asks for it (one in four of onboarding's): its
# statements are built and compiled once, not per call (see bot/storage/hot.py).
_OPEN = HotStatement(select(consents.c.id, consents.c.version).where(
    consents.c.user_id == bindparam("user_id"), consents.c.purpose == bindparam("purpose"),
    consents.c.given_at.is_not(None), consents.c.withdrawn_at.is_(None)))
_CLOSE = HotStatement(update(consents).where(consents.c.id == bindparam("row_id"))
                      .values(withdrawn_at=bindparam("at")))
_ANSWERED = HotStatement(select(exists(select(consents.c.id).where(
    consents.c.user_id == bindparam("user_id"), consents.c.purpose == bindparam("purpose")))
    .label("answered")))
_GIVE = HotStatement(consents.insert().values(
    user_id=bindparam("user_id"), purpose=bindparam("purpose"), version=bindparam("version"),
    given_at=bindparam("at")))
_REFUSE = HotStatement(consents.insert().values(
    user_id=bindparam("user_id"), purpose=bindparam("purpose"), version=bindparam("version"),
    withdrawn_at=bindparam("at")))


def record(conn: Connection, user_id: int, purpose: str, given: bool, version: str,
           now: datetime) -> bool:
    """The person says yes or no to the purpose's text of this version; False if that
    changes nothing (a yes to the same version again, a no after a no)."""
    person = {"user_id": user_id, "purpose": purpose}
    open_row = _OPEN.first(conn, person)
    if given:
        if open_row is not None and open_row["version"] == version:
            return False
        if open_row is not None:  # a yes to a newer text closes the yes to the older one
            _CLOSE.execute(conn, {"row_id": open_row["id"], "at": now})
        _GIVE.execute(conn, {**person, "version": version, "at": now})
        return True
    if open_row is not None:
        _CLOSE.execute(conn, {"row_id": open_row["id"], "at": now})
        return True
    found = _ANSWERED.first(conn, person)
    if found is not None and found["answered"]:
        return False
    _REFUSE.execute(conn, {**person, "version": version, "at": now})
    return True


def export(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(consents.c.purpose, consents.c.version, consents.c.given_at,
                               consents.c.withdrawn_at)
                        .where(consents.c.user_id == user_id).order_by(consents.c.id))
    return [{key: value.isoformat() if isinstance(value, datetime) else value
             for key, value in row.items()} for row in rows.mappings()]


def erase(conn: Connection, user_id: int) -> int:
    return int(conn.execute(delete(consents).where(consents.c.user_id == user_id)).rowcount)


# The purposes the queries here need by name (bot/flows/consent_purposes.py has them all).
PROFILE, GROWTH = "coach_profile", "coach_growth"
# Where a person's share question for a coach stands: a run of the share flow per coach in
# their stored conversation state (content/share.yaml).
_SHARE_FLOW = "share"


def share_step(state: Any, coach_id: int) -> str | None:
    """The step of the share question's run for this coach in a stored state; None if it was
    never asked."""
    runs = (state or {}).get("instances", {}).get(_SHARE_FLOW, {})
    run = runs.get(str(coach_id)) if isinstance(runs, dict) else None
    step = run.get("step") if isinstance(run, dict) else None
    return step if isinstance(step, str) else None


def without_share_question(state: Any, coach_id: int) -> dict[str, Any] | None:
    """A stored state without the share question's run for this coach (a coach who leaves),
    nor the coach's id as the trigger's last value or the last flow left; None if it holds
    none, or if the person was still answering it (their answer then finds no link and
    changes nothing)."""
    coach = str(coach_id)
    runs = (state or {}).get("instances", {}).get(_SHARE_FLOW, {})
    if not isinstance(runs, dict) or coach not in runs:
        return None
    here = state.get("flow") == _SHARE_FLOW and str(state.get("instance")) == coach
    if here and share_step(state, coach_id) != "done":
        return None
    kept = {**state, "instances": {**state["instances"], _SHARE_FLOW: {
        key: run for key, run in runs.items() if key != coach}}}
    triggered = state.get("triggered") or {}
    if str((triggered.get(_SHARE_FLOW) or {}).get("coach")) == coach:
        kept["triggered"] = {k: v for k, v in triggered.items() if k != _SHARE_FLOW}
    if here:
        kept["flow"] = kept["instance"] = None
    return kept
