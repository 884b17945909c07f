"""Flows started by a link, declared in their YAML (`trigger: links: [invite]`): opening a link
of that kind starts the flow in the same update, with what the link carries, and no Python
names the flow. The share question after a coach's link is such a flow (content/share.yaml)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.flows.content import load_content
from bot.flows.yaml_loading import ContentError
from tests.harness import ROOT, Session, labels
from tests.screens.helpers import state_of
from tests.test_events import ORGANISER_WELCOME, invite


def link_content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(ROOT / "tests" / "trigger_content" / "new_role.yaml", content)
    return content


@pytest.fixture
async def linked(database: str, tmp_path: Path) -> AsyncIterator[Session]:
    sim = await Session.open(database, link_content(tmp_path))
    yield sim
    await sim.close()


async def test_opening_an_invite_starts_the_flow_its_yaml_declares(linked: Session) -> None:
    await linked.onboard("olga")
    payload = await invite(linked)
    out = await linked.say("olga", f"/start {payload}")
    assert out[0]["text"].startswith(ORGANISER_WELCOME)
    assert out[-1]["text"] == ("A few questions about your new role (organiser).\n\n"
                               "Do you want a short tour of what you can do as organiser?")
    assert labels(out[-1])[:2] == ["Yes", "No"]
    state = await state_of(linked, "olga")
    assert (state["at"], state["flow"], state["instance"]) == ("flow", "new_role", "organiser")
    # A typed answer where a press is expected is asked again.
    out = await linked.say("olga", "yes please")
    assert out[-1]["text"].startswith("Please choose one of the options")
    await linked.press("olga", "No")
    out = await linked.say("olga", "A list of steps")
    assert out[0]["text"].startswith("Thank you. Find what you can do as organiser in the menu.")
    state = await state_of(linked, "olga")
    run = state["instances"]["new_role"]["organiser"]
    assert run["answers"] == {"tour": "no", "why_not": "A list of steps"}
    assert run["values"] == {"role": "organiser", "reminder": "link:invite"}


async def test_a_link_that_does_not_open_starts_nothing(linked: Session) -> None:
    await linked.onboard("olga")
    await linked.onboard("omid")
    payload = await invite(linked)
    await linked.say("olga", f"/start {payload}")
    out = await linked.say("omid", f"/start {payload}")
    assert out[0]["text"].startswith("This link was used already.")
    assert "tour" not in out[-1]["text"]
    assert "new_role" not in (await state_of(linked, "omid")).get("instances", {})


async def test_someone_who_did_not_agree_gets_no_questions_from_a_link(linked: Session) -> None:
    await linked.onboard("olga", agree=False)
    out = await linked.say("olga", f"/start {await invite(linked)}")
    assert out[0]["text"].startswith(ORGANISER_WELCOME)
    assert "tour" not in out[-1]["text"]
    assert "instances" not in await state_of(linked, "olga")


async def test_without_the_yaml_an_invite_starts_no_flow(session: Session) -> None:
    await session.onboard("olga")
    out = await session.say("olga", f"/start {await invite(session)}")
    assert out[0]["text"].startswith(ORGANISER_WELCOME)
    assert (await state_of(session, "olga"))["at"] == "menu"


def test_the_share_question_is_started_by_the_coach_link_in_its_yaml() -> None:
    trigger = load_content(ROOT / "content").flows["share"].trigger
    assert trigger is not None and trigger.links == ("coach",)


def test_a_flow_may_name_only_a_kind_of_link_there_is(tmp_path: Path) -> None:
    content = link_content(tmp_path)
    flow = content / "new_role.yaml"
    flow.write_text(flow.read_text().replace("links: [invite]", "links: [invitation]"))
    with pytest.raises(ContentError, match="'invitation' is not a kind of link"):
        load_content(content)


def test_two_flows_may_not_start_on_the_same_kind_of_link(tmp_path: Path) -> None:
    content = link_content(tmp_path)
    (content / "new_role_copy.yaml").write_text(
        (content / "new_role.yaml").read_text().replace("flow: new_role", "flow: new_role_copy"))
    with pytest.raises(ContentError, match="two flows start on the same kind of link"):
        load_content(content)
