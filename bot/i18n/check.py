"""Extraction into bot.pot, catalog updates, and the check behind `brug i18n check`."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from bot.i18n import code_notes
from bot.i18n.catalogs import (
    DOMAIN,
    LOCALES,
    is_draft,
    is_translated,
    message_key,
    po_path,
    present,
    read_catalog,
)
from bot.i18n.extract import LABEL_NOTE
from bot.i18n.languages import SOURCE_LANGUAGE
from bot.i18n.text import utf16_length
from bot.types import ChannelLimits

ROOT = Path(__file__).resolve().parents[2]
METHOD_MAP = [("bot/**.py", "python"), ("content/**.yaml", "brug_yaml")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "L_": None,
            "NP_": ((1, "c"), 2),
            "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
MAX_LENGTH = "max-length:"
# A message's notes beyond this many places end in "and N more".
_PLACES_SHOWN = 3
PROJECT, VERSION = "brug", "0.1.0"
BUGS_TO = "the Brug maintainers (see README.md)"
TEAM = "Brug translators"
DRAFT_TRANSLATOR = "Brug translators (draft, machine-assisted)"


def extract(root: Path = ROOT, limits: ChannelLimits | None = None) -> Catalog:
    """Every translatable string in the code and the content, with where it is shown, a note
    for the translator, and `max-length` on button labels."""
    limit = (limits or ChannelLimits()).label
    # "A button label, at most N characters": N is the label's room (less on roadmap titles).
    label_note = re.compile(re.escape(LABEL_NOTE).replace(r"\{limit\}", r"(\d+)"))
    catalog = Catalog(project=PROJECT, version=VERSION, domain=DOMAIN, charset="utf-8",
                      msgid_bugs_address=BUGS_TO, copyright_holder=TEAM)
    notes: dict[str, dict[tuple[str | None, str], code_notes.Note]] = {}
    labels: dict[tuple[str | None, str], int] = {}
    for filename, lineno, message, comments, context in extract_from_dir(
        root, METHOD_MAP, options_map={"content/**.yaml": {"label_limit": str(limit)}},
        keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
    ):
        if filename.startswith("bot/i18n/check.py"):
            continue
        key = (context, message if isinstance(message, str) else message[0])
        comments = list(comments)
        if filename.endswith(".py"):
            if filename not in notes:
                notes[filename] = code_notes.notes_for(root / filename)
            note = notes[filename].get(key)
            if note is not None:
                comments.append(code_notes.describe(note, limit))
                if note.label:
                    labels[key] = min(labels.get(key, limit), limit)
        else:
            for comment in comments:
                if found := label_note.match(comment):
                    labels[key] = min(labels.get(key, limit), int(found.group(1)))
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for entry in catalog:
        if not entry.id:
            continue
        entry.auto_comments = _fewer(entry.auto_comments)
        if message_key(entry) in labels:
            entry.flags.add(f"{MAX_LENGTH}{labels[message_key(entry)]}")
    return catalog


def _fewer(comments: list[str]) -> list[str]:
    """A string shown in many places keeps the notes of the first few."""
    kept = list(dict.fromkeys(comments))
    if len(kept) <= _PLACES_SHOWN + 1:
        return kept
    more = len(kept) - _PLACES_SHOWN - 1
    return [*kept[:_PLACES_SHOWN + 1], f"(and {more} more {'place' if more == 1 else 'places'})"]


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        # Old strings live on in git; the catalog keeps only what the bot can show.
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False,
                 ignore_obsolete=True)


def honest_headers(catalog: Catalog, code: str) -> None:
    """Headers that say who and what: no template placeholders, Babel's plural rule."""
    locale = Locale.parse(code)
    catalog.project, catalog.version = PROJECT, VERSION
    catalog.msgid_bugs_address = BUGS_TO
    catalog.language_team = f"{locale.get_display_name(locale)} <{TEAM}>"
    if "EMAIL@ADDRESS" in catalog.last_translator or not catalog.last_translator.strip():
        catalog.last_translator = DRAFT_TRANSLATOR
    catalog.mime_headers = [("Plural-Forms", Catalog(locale=code).plural_forms)]
    english = locale.get_display_name("en")
    catalog.header_comment = (
        f"# {english} translation of Brug, the chat assistant for newcomers in Flanders.\n"
        "# This file is distributed under the same license as the brug project.\n"
        "# A translation with the translator comment '# draft: ...' is machine-assisted and\n"
        "# not yet checked by a native speaker; see docs/translating.md.")


def _carry_over(catalog: Catalog, before: dict[tuple[str | None, str], Message]) -> None:
    """Translations of messages that changed shape: a message that gained a context keeps
    its translation without one; a message that became plural starts from its old singular
    (marked fuzzy: the forms need a translator)."""
    for message in catalog:
        if not message.id or is_translated(message):
            continue
        context, msgid = message_key(message)
        plural = not isinstance(message.id, str)
        candidates: list[tuple[str | None, str]] = [(None, msgid)] if context else []
        if plural:
            candidates += [(context, str(message.id[1])), (None, str(message.id[1]))]
        old = next((before[k] for k in candidates if k in before and is_translated(before[k])
                    and isinstance(before[k].id, str)), None)
        if old is None:
            continue
        text = str(old.string)
        message.string = tuple([text] * catalog.num_plurals) if plural else text
        message.user_comments = list(old.user_comments)
        if plural:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")


def update_catalogs(root: Path = ROOT, locales: Path = LOCALES, add: tuple[str, ...] = (),
                    limits: ChannelLimits | None = None) -> list[str]:
    """Write bot.pot and merge it into every catalog (and new ones for `add`)."""
    template = extract(root, limits)
    _write(template, locales / f"{DOMAIN}.pot")
    lines = [f"{len(template)} messages in {DOMAIN}.pot"]
    for code in sorted(set(present(locales)) | set(add)):
        if code == SOURCE_LANGUAGE:
            continue
        path = po_path(code, locales)
        catalog = (read_catalog(path, code) if path.exists()
                   else Catalog(locale=code, domain=DOMAIN, revision_date=datetime.now(UTC)))
        before = {message_key(m): m for m in catalog if m.id}
        # Babel puts the template's own new messages in the catalog: a copy each time, so
        # one language's translations never reach the next.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        _carry_over(catalog, before)
        honest_headers(catalog, code)
        _write(catalog, path)
        lines.append(f"updated {path.relative_to(root) if path.is_relative_to(root) else path}")
    return lines


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _problems(message: Message, found: Message, limits: ChannelLimits) -> list[str]:
    """What is wrong with one translation: placeholders, a label too long, a message over
    the channel's limit."""
    problems = []
    raw = found.string
    forms = [str(s) for s in (raw if isinstance(raw, tuple | list) else [raw])]
    if isinstance(message.id, str):
        if _placeholders(forms[0]) != _placeholders(message.id):
            problems.append("broken placeholder (differs from the source)")
    else:
        # A form may leave the number out ("one person", "two days"); all forms together
        # hold the source's placeholders, and no other.
        source = _placeholders(" ".join(message.id))
        shown = set().union(*(_placeholders(form) for form in forms))
        if shown != source:
            problems.append("broken placeholder (differs from the source)")
    limit = next((int(flag.removeprefix(MAX_LENGTH)) for flag in message.flags
                  if flag.startswith(MAX_LENGTH)), None)
    if limit is not None and any(len(form) > limit for form in forms):
        problems.append(f"button label longer than {limit} characters")
    if any(utf16_length(form) > limits.text for form in forms):
        problems.append(f"message longer than {limits.text} UTF-16 units")
    return problems


def check_catalogs(root: Path = ROOT, locales: Path = LOCALES,
                   limits: ChannelLimits | None = None) -> tuple[list[str], bool]:
    """A line per language (translated, draft, missing) and a line per problem; False on a
    missing string, a placeholder that differs from the source, a button label longer than
    its `max-length` or a message over the channel's limit."""
    limits = limits or ChannelLimits()
    template = extract(root, limits)
    wanted = [m for m in template if m.id]
    total = len(wanted)
    # English is written in the code and the content themselves: complete by construction.
    report = [f"{SOURCE_LANGUAGE}: {total}/{total} (100%), the source language"]
    ok = True
    for code in present(locales):
        if code == SOURCE_LANGUAGE:
            continue
        catalog = read_catalog(po_path(code, locales), code)
        missing: list[Message] = []
        drafts = 0
        wrong: list[str] = []
        for message in wanted:
            found = catalog.get(message.id, context=message.context)
            if found is None or not is_translated(found):
                missing.append(message)
                continue
            drafts += is_draft(found)
            wrong += [f"  {problem}: {_shown(message)}" for problem in
                      _problems(message, found, limits)]
        done = total - len(missing)
        share = 100.0 * done / total if total else 100.0
        status = "complete" if not missing else "incomplete"
        report.append(f"{code}: {done}/{total} ({share:.0f}%), {status}: {total} total, "
                      f"{done} translated, {drafts} draft, {len(missing)} missing, "
                      f"{len(wrong)} problems")
        report += [f"  missing: {_shown(message)}" for message in missing[:20]]
        if len(missing) > 20:
            report.append(f"  ... and {len(missing) - 20} more missing")
        report += wrong
        if missing or wrong:
            ok = False
    return report, ok


def _shown(message: Message) -> str:
    context = f"[{message.context}] " if message.context else ""
    return (context + repr(message_key(message)[1]))[:150]
