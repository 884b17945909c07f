"""The roadmap's content: complete, sourced, checked, and short enough for a phone in every
complete language."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from bot.flows import roadmap
from bot.flows.content import ContentError, load_content
from bot.flows.effects import Effects
from bot.flows.roadmap_content import Roadmap
from bot.flows.turn import Turn
from bot.i18n.catalogs import Catalogs
from bot.i18n.extract import extract_yaml
from bot.i18n.text import utf16_length
from bot.storage.repository import UserRecord
from bot.types import Incoming
from tests.harness import ROOT, Session, labels

STEPS = ["orientation", "work_check", "training", "networking", "cv_letter", "job_search",
         "interviews", "starting_work", "workplace"]
SECTORS = ["ict", "logistics", "healthcare", "admin_finance", "research_education",
           "construction_industry", "social_profit", "entrepreneurship"]
NETWORKING = ["mindset", "goals", "action_plan", "connection", "ties", "follow_up", "keep_going"]
LEGAL = ["right_to_work", "diploma", "ibo", "artikel_60", "family_reunion"]


def shipped() -> Roadmap:
    content = load_content(ROOT / "content")
    assert content.roadmap is not None
    return content.roadmap


def test_the_nine_steps_eight_sectors_and_seven_networking_steps_are_there() -> None:
    road = shipped()
    assert [step.id for step in road.steps] == STEPS
    assert [sector.id for sector in road.sectors] == SECTORS
    assert all(sector.items for sector in road.sectors)
    assert [step.id for step in road.network] == NETWORKING
    assert [step.id for step in road.network if step.follow_up] == ["connection"]
    [started] = [item for item in road.all_items() if item.job_start]
    assert started.step == "starting_work"


def test_every_item_has_an_explanation_a_link_a_checked_date_and_a_source() -> None:
    for item in shipped().all_items():
        assert len(re.findall(r"[.?!](\s|$)", item.text)) >= 2, item.id  # two sentences or more
        assert item.links and all(link.url.startswith("https://") for link in item.links)
        assert item.checked and item.source, item.id
        # The seed project's site is gone; links go to the organisations themselves.
        assert all("all-in-one4her" not in link.url for link in item.links), item.id


def test_legal_items_are_marked_for_review_and_do_not_send_people_to_the_old_work_card() -> None:
    road = shipped()
    for item_id in LEGAL:
        item = road.item(item_id)
        assert item is not None and item.review, item_id
    for item in road.all_items():
        assert "arbeidskaart c" not in item.text.casefold(), item.id
        assert "work card c" not in item.text.casefold(), item.id


def turn_in(catalogs: Catalogs, code: str) -> Turn:
    time = datetime.fromisoformat("2026-11-24T09:00:00+00:00")
    incoming = Incoming(channel="simulate", user="x", time=time, text="")
    return Turn(UserRecord("simulate", "x", language=code), incoming,
                Effects(to="x", channel="simulate"), catalogs.get(code))


@pytest.mark.parametrize("code", [lang.code for lang in Catalogs().languages if lang.complete])
def test_every_screen_fits_telegram_in_every_complete_language(code: str) -> None:
    road, catalogs = shipped(), Catalogs()
    turn = turn_in(catalogs, code)
    for item in road.all_items():
        text, options = roadmap.item_screen(turn, item, can_mark=True)
        assert utf16_length(text) <= 4096, (code, item.id)
    for sector in [None, *SECTORS]:
        turn.state.roadmap.sector = sector or ""
        for step in road.steps:
            text, options = roadmap.step_screen(turn, road, step.id)
            assert utf16_length(text) <= 4096
            # Item buttons keep their whole title: nothing cut off with "…".
            assert not any(option.label.endswith("…") for option in options), (code, labels)
    for index in range(len(road.network)):
        text, _ = roadmap.network_screen(turn, road, index, can_mark=True)
        assert utf16_length(text) <= 4096


def test_the_extractor_finds_every_roadmap_text() -> None:
    road = shipped()
    shown = {road.title, road.text, road.network_title, road.network_text}
    for item in road.all_items():
        shown |= {item.title, item.text, *(link.label for link in item.links)}
        shown |= {item.bring} if item.bring else set()
    shown |= {sector.label for sector in road.sectors}
    for step in road.network:
        shown |= {step.title, step.text, step.task}
        shown |= {step.follow_up.text} if step.follow_up else set()
    with (ROOT / "content" / "roadmap.yaml").open("rb") as handle:
        extracted = {message for _, _, message, _ in extract_yaml(handle, None, None, {})}
    assert shown <= extracted, shown - extracted


def content_with(tmp_path: Path, change: object) -> Path:
    """The shipped content with the roadmap document changed by `change(doc)`."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    path = folder / "roadmap.yaml"
    doc = yaml.safe_load(path.read_text())
    change(doc["roadmap"])  # type: ignore[operator]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    return folder


def test_an_item_without_a_link_is_refused_with_its_line(tmp_path: Path) -> None:
    def drop_links(doc: dict) -> None:  # type: ignore[type-arg]
        doc["steps"][0]["items"][0]["links"] = []
    with pytest.raises(ContentError, match=r"roadmap\.yaml:\d+: an item needs at least one link"):
        load_content(content_with(tmp_path, drop_links))


def test_an_item_without_a_checked_date_is_refused(tmp_path: Path) -> None:
    def drop_checked(doc: dict) -> None:  # type: ignore[type-arg]
        del doc["steps"][1]["items"][0]["checked"]
    with pytest.raises(ContentError, match="needs 'checked' \\(a date\\) and 'source'"):
        load_content(content_with(tmp_path, drop_checked))


def test_a_sector_item_in_an_unknown_step_is_refused(tmp_path: Path) -> None:
    def unknown_step(doc: dict) -> None:  # type: ignore[type-arg]
        doc["sectors"][0]["items"][0]["step"] = "holidays"
    with pytest.raises(ContentError, match="names its 'step'"):
        load_content(content_with(tmp_path, unknown_step))


def test_an_item_id_used_twice_is_refused(tmp_path: Path) -> None:
    def repeated(doc: dict) -> None:  # type: ignore[type-arg]
        doc["steps"][1]["items"][0]["id"] = doc["steps"][0]["items"][0]["id"]
    with pytest.raises(ContentError, match="is used twice"):
        load_content(content_with(tmp_path, repeated))


async def test_a_long_item_is_split_at_sentence_ends(tmp_path: Path) -> None:
    sentence = "Bring your residence card and your diploma to the office. "

    def lengthen(doc: dict) -> None:  # type: ignore[type-arg]
        doc["steps"][0]["items"][0]["text"] = sentence * 90  # about 5 200 characters
    sim = await Session.open(tmp_path / "brug.db", content_with(tmp_path, lengthen))
    try:
        await sim.onboard("amal")
        await sim.press("amal", "Steps to a job")
        await sim.press("amal", 1)
        out = await sim.press("amal", 1)
    finally:
        await sim.close()
    assert len(out) == 2
    assert all(utf16_length(line["text"]) <= 4096 for line in out)
    assert out[0]["text"].endswith("office.") and "options" not in out[0]
    assert labels(out[1])[0] == "✅ Done"


def test_brug_content_review_lists_the_legal_items_due_for_a_check() -> None:
    road = shipped()
    result = CliRunner().invoke(main, ["content", "review", "--days", "-1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    reviewed = [item for item in road.all_items() if item.review]
    assert len(lines) == len(reviewed) + 1
    assert all(line.startswith("DUE ") for line in lines[:-1])
    assert any(" right_to_work: " in line for line in lines)
    assert lines[-1].startswith(f"{len(reviewed)} items for review, {len(reviewed)} due")
