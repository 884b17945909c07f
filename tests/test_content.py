"""Content is validated at load time, and every user-visible field reaches the translators."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from bot.flows.content import CHECKIN, CHECKIN_TITLE, ContentError, load_content
from bot.i18n.extract import extract_yaml, translatable

ROOT = Path(__file__).resolve().parent.parent


def broken(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / name).write_text(text)
    return folder


def test_the_shipped_content_loads() -> None:
    content = load_content(ROOT / "content")
    assert {"onboarding", "language", "consent"} <= set(content.flows)
    assert [step.id for step in content.flows["onboarding"].steps] == [
        "language", "intro", "consent"]


@pytest.mark.parametrize(("text", "message"), [
    ("flow: x\ntitle: X\nsteps:\n  - id: a\n    type: riddle\n    prompt: Hi\n",
     "x.yaml:4: unknown type 'riddle'"),
    ("flow: x\ntitle: X\nsteps:\n  - id: a\n    type: choice\n    prompt: Hi\n",
     "x.yaml:4: a choice step needs options"),
    ("flow: x\ntitle: X\nsteps:\n  - id: a\n    type: text\n    prompt: Hi\n"
     "  - id: b\n    type: text\n    prompt: Ho\n    when: {c: 'yes'}\n",
     "x.yaml:7: 'when' names 'c', which is not an earlier question"),
    ("flow: x\ntitle: X\nsteps:\n  - id: Bad Id\n    type: text\n    prompt: Hi\n",
     "x.yaml:4: step id 'Bad Id'"),
    ("flow: x\ntitle: X\nsteps:\n  - id: a\n    type: text\n",
     "x.yaml:4: 'prompt' is missing"),
    ("flow: x\ntitle: X\nsteps: [\n", "x.yaml"),
    ("flow: x\ntitle: X\nsteps:\n  - id: a\n    type: yes_no\n    prompt: Hi\n"
     "    tell_coach: true\n",
     "x.yaml:4: 'tell_coach' is for yes_no steps with a 'summary'"),
])
def test_broken_content_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ContentError) as error:
        load_content(broken(tmp_path, "x.yaml", text))
    assert message in str(error.value)


@pytest.mark.parametrize("flow", ["onboarding", "language"])
def test_content_without_a_flow_the_bot_starts_by_name_is_refused(
    tmp_path: Path, flow: str,
) -> None:
    folder = broken(tmp_path, "x.yaml", "pages: {}\n")
    (folder / f"{flow}.yaml").unlink()
    if flow == "language":  # the menu's item for it would be refused first
        menu = folder / "menu.yaml"
        menu.write_text(menu.read_text().replace("flow: language", "action: privacy"))
    with pytest.raises(ContentError, match=f"no flow '{flow}'; the bot starts it by name"):
        load_content(folder)


def test_a_menu_item_for_a_missing_flow_is_refused(tmp_path: Path) -> None:
    menu = (ROOT / "content" / "menu.yaml").read_text().replace("flow: language", "flow: nope")
    with pytest.raises(ContentError, match="unknown flow 'nope'"):
        load_content(broken(tmp_path, "menu.yaml", menu))


def test_the_extractor_finds_every_string_the_bot_shows() -> None:
    content = load_content(ROOT / "content")
    shown: set[str] = {content.menu_prompt}
    shown |= {item.label for item in content.menu}
    for page in content.pages.values():
        shown |= {page.title, page.text}
    for flow in content.flows.values():
        if flow.source:  # the check-in is built in code; its title is a code string
            shown.add(flow.title)
        for step in flow.steps:
            shown.add(step.prompt)
            shown |= {o.label for o in step.options}
            shown |= {s for s in (step.why, step.help, step.example, step.button) if s}
    extracted = set()
    for path in (ROOT / "content").glob("*.yaml"):
        with path.open("rb") as handle:
            extracted |= {message for _, _, message, _ in extract_yaml(handle, None, None, {})}
    assert shown <= extracted, shown - extracted


def test_the_check_in_asks_the_measured_questions_and_its_title_is_translated() -> None:
    content = load_content(ROOT / "content")
    assert [step.id for step in content.flows[CHECKIN].steps] == [
        step.id for step in content.measured()]
    template = (ROOT / "bot" / "i18n" / "locales" / "bot.pot").read_text()
    assert f'msgid "{CHECKIN_TITLE}"' in template


def test_the_extractor_reports_lines_and_skips_ids() -> None:
    doc = "flow: f\ntitle: T\nsteps:\n  - id: a\n    type: choice\n    prompt: |\n      Pick.\n"
    doc += "    options:\n      - {id: yes_id, label: Yes please}\n"
    found = list(translatable(yaml.compose(doc)))
    assert found == [(2, "title", "T"), (6, "prompt", "Pick."), (9, "label", "Yes please")]
    messages = [m for _, _, m, _ in extract_yaml(io.BytesIO(doc.encode()), None, None, {})]
    assert "yes_id" not in messages and "a" not in messages


def test_procedural_pages_say_when_they_were_checked_and_where_from() -> None:
    content = load_content(ROOT / "content")
    person = content.pages["person"]
    assert person.checked and person.source
    care = content.care
    assert care is not None and care.checked and care.source
    assert all(line.checked and line.source for line in care.helplines)


def test_a_word_list_without_a_date_is_refused(tmp_path: Path) -> None:
    care = (ROOT / "content" / "care.yaml").read_text()
    care = care.replace("    fa:\n      checked: 2026-11-28\n", "    fa:\n")
    with pytest.raises(ContentError, match=r"care\.yaml:.*the 'fa' list needs 'checked'"):
        load_content(broken(tmp_path, "care.yaml", care))


def test_a_helpline_not_written_in_every_language_of_the_reply_is_refused(tmp_path: Path
                                                                          ) -> None:
    care = (ROOT / "content" / "care.yaml").read_text()
    care = care.replace('        fa: "همین حالا در خطر هستی؟ با شماره 112 تماس بگیر."\n', "")
    with pytest.raises(ContentError, match=r"care\.yaml:.*must be written in each of"):
        load_content(broken(tmp_path, "care.yaml", care))


def test_helplines_without_a_checked_date_are_refused(tmp_path: Path) -> None:
    care = (ROOT / "content" / "care.yaml").read_text().replace("  checked: 2026-11-24\n", "")
    with pytest.raises(ContentError, match=r"care\.yaml:.*'checked' and 'source'"):
        load_content(broken(tmp_path, "care.yaml", care))
