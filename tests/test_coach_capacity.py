"""A capacity per coach: an admin sets one coach's own with `brug capacity`; the global
BRUG_COACH_CAPACITY is the default, and assigning (command line or the admin's screen) warns at
the coach's own."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from tests.harness import Session, labels
from tests.test_coach_care import staff, started_on_telegram, text_to, to


def test_brug_capacity_sets_one_coachs_own_and_back_to_the_default(tmp_path: Path) -> None:
    env = {"BRUG_DATA_DIR": str(tmp_path), "BRUG_COACH_CAPACITY": "1"}
    started_on_telegram(tmp_path, ("111", "112"), "111", "112", "222", "333", "444")
    runner = CliRunner()
    result = runner.invoke(main, ["capacity", "222", "3"], env=env)
    assert result.exit_code == 1 and "222 is not a coach" in result.output
    result = runner.invoke(main, ["capacity", "111", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "111 takes 2 newcomers; 111 has 0 now"
    for newcomer in ("222", "333"):
        result = runner.invoke(main, ["assign", newcomer, "111"], env=env)
        assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["assign", "444", "111"], env=env)
    assert result.exit_code == 1
    assert "111 has 2 newcomers already and a capacity of 2" in result.output
    # Another coach keeps the global setting.
    assert runner.invoke(main, ["assign", "444", "112"], env=env).exit_code == 0
    result = runner.invoke(main, ["assign", "333", "112"], env=env)
    assert result.exit_code == 1 and "a capacity of 1" in result.output
    result = runner.invoke(main, ["capacity", "111"], env=env)
    assert result.stdout.strip() == "111 takes 1 newcomers (BRUG_COACH_CAPACITY); 111 has 2 now"


async def test_the_admins_screen_warns_at_the_coachs_own_capacity(session: Session) -> None:
    await staff(session, ("anna", "admin"), ("sara", "coach"))
    await session.onboard("amal")
    await session.app.set_capacity("simulate", "sara", 0)
    await session.say("anna", "/menu")
    await session.press("anna", "Coaches and newcomers")
    await session.press("anna", "amal (no coach)")
    out = await session.press("anna", "sara (0)")
    [warning] = [line for line in to(out, "anna") if "✅ Yes, assign anyway" in labels(line)]
    assert warning["text"] == ("sara has 0 newcomers already; their capacity is 0. Assign "
                               "amal anyway?")
    session.simulator.options.by_user["anna"] = (
        None, [(o["id"], o["label"]) for o in warning["options"]])
    out = await session.press("anna", "✅ Yes, assign anyway")
    assert "That is more than your capacity of 0." in text_to(out, "sara")
