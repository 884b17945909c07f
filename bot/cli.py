"""The `brug` command line: chat, simulate, run, health, migrate, link, assign, unlink,
link-code, invite, event, export, i18n, content."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from bot.config import Settings
from bot.log_setup import configure_logging

SIMULATE_START = "2026-01-05T09:00:00+00:00"
# Their terminal (or their JSON lines) belongs to the conversation: warnings only, unless
# BRUG_LOG_LEVEL asks for more.
INTERACTIVE = {"chat", "simulate"}


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Brug: a chat assistant for newcomers in Flanders on their way to work."""
    try:
        settings = Settings()
    except ValidationError as error:
        raise click.UsageError(f"a BRUG_ variable is wrong: {error}") from error
    # Who may do what (bot/flows/permissions.py): whoever runs `brug` on the server is its
    # operator; every command is named in the table and checked here, before it runs.
    from bot.flows import permissions

    action = permissions.CLI.get(ctx.invoked_subcommand or "")
    if action is None:
        raise click.UsageError(f"'{ctx.invoked_subcommand}' is not in the table of who may do "
                               "what (bot/flows/permissions.py CLI)")
    try:
        permissions.require(permissions.OPERATOR, action)
    except permissions.Refused as refused:
        raise click.ClickException(str(refused)) from refused
    level = settings.log_level
    if ctx.invoked_subcommand in INTERACTIVE and "log_level" not in settings.model_fields_set:
        level = "WARNING"
    configure_logging(level, secrets=(settings.telegram_token, settings.webhook_secret))


@main.command()
@click.option("--user", default=None, help="Who you are in the chat (default: your login).")
def chat(user: str | None) -> None:
    """Talk to the bot in this terminal, on the embedded database."""
    from bot.app import build_app
    from bot.channels.console import CHANNEL, Console
    from bot.clock import SystemClock
    from bot.services.scheduling import start_scheduler

    async def session() -> None:
        settings = Settings()
        app = await build_app(settings, SystemClock())
        console = Console(app, user=user)
        sender = app.sender({CHANNEL: console}, paced=False)
        scheduler = start_scheduler([
            ("sweep", app.sweep, settings.sweep_interval_seconds),
            ("outbox", sender.drain, settings.outbox_interval_seconds),
        ])
        try:
            await console.run()
        finally:
            scheduler.shutdown(wait=False)
            await app.close()

    asyncio.run(session())


@main.command()
@click.option("--db", "db", default=None,
              help="SQLite file, or a database URL such as postgresql+asyncpg://user:pass@host/"
                   "db (default: a fresh temporary SQLite database).")
@click.option("--start", "start", default=SIMULATE_START, show_default=True,
              help="What the simulated clock says at the first line (ISO-8601).")
def simulate(db: str | None, start: str) -> None:
    """Read JSON lines on stdin, write the bot's messages as JSON lines (see README)."""
    from bot.app import build_app
    from bot.channels.simulate import run_simulation
    from bot.clock import FakeClock

    try:
        started = datetime.fromisoformat(start)
    except ValueError as error:
        raise click.BadParameter(f"not an ISO-8601 time: {start}") from error
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)

    async def session(url: str, files: Path | None = None) -> None:
        clock = FakeClock(started)
        app = await build_app(Settings(), clock, url, files)
        try:
            await run_simulation(app, clock, sys.stdin, sys.stdout)
        finally:
            await app.close()

    if db is not None:
        # Images go beside a SQLite file; for a database server, in the data folder.
        beside = None if "://" in db else Path(db).resolve().parent / "files"
        asyncio.run(session(database_url(db), beside))
    else:
        with tempfile.TemporaryDirectory(prefix="brug-simulate-") as folder:
            asyncio.run(session(database_url(str(Path(folder) / "brug.db")),
                                Path(folder) / "files"))


def database_url(db: str) -> str:
    """A database URL as given, or a file name as the URL of a SQLite database there."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).resolve()}"


@main.command()
@click.option("--webhook", is_flag=True, help="Receive updates on a webhook instead of polling.")
def run(webhook: bool) -> None:
    """Run the Telegram bot (BRUG_TELEGRAM_TOKEN; BRUG_TELEGRAM_API_BASE for a local server)."""
    from bot.channels.telegram import run_telegram

    settings = Settings()
    if not settings.telegram_token:
        raise click.UsageError("set BRUG_TELEGRAM_TOKEN to the token BotFather gave you")
    asyncio.run(run_telegram(settings, webhook=webhook))


@main.command()
def health() -> None:
    """Ask the running bot's /healthz (a container's health check); exit 1 unless healthy."""
    import urllib.error
    import urllib.request

    settings = Settings()
    # A server that listens on every address answers on loopback too.
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(
        settings.metrics_host, settings.metrics_host)
    url = f"http://{f'[{host}]' if ':' in host else host}:{settings.metrics_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            click.echo(response.read().decode().strip())
    except urllib.error.HTTPError as error:
        raise click.ClickException(error.read().decode().strip() or str(error)) from error
    except OSError as error:
        raise click.ClickException(f"no answer from {url}: {error}") from error


@main.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    from bot.storage.db import migrate as upgrade
    from bot.storage.db import open_store

    async def go() -> None:
        store = open_store(Settings().resolved_database_url())
        await upgrade(store)
        await store.close()

    asyncio.run(go())
    click.echo("database is up to date")


@main.command()
@click.argument("coach")
@click.argument("newcomer")
@click.option("--channel", default="telegram", show_default=True,
              help="Where both talk to Brug; ids are that channel's user ids.")
@click.option("--label", default="", help="How the coach knows the newcomer (a first name).")
def link(coach: str, newcomer: str, channel: str, label: str) -> None:
    """Link a COACH to a NEWCOMER; the newcomer is asked whether the coach may see their
    profile."""
    from bot.app import build_app
    from bot.clock import SystemClock

    async def go() -> str:
        app = await build_app(Settings(), SystemClock())
        try:
            return await app.link(channel, coach, newcomer, label)
        finally:
            await app.close()

    try:
        click.echo(asyncio.run(go()))
    except LookupError as error:
        raise click.ClickException(str(error)) from error


@main.command()
@click.argument("newcomer")
@click.argument("coach")
@click.option("--channel", default="telegram", show_default=True,
              help="Where both talk to Brug; ids are that channel's user ids.")
@click.option("--label", default="", help="How the coach knows the newcomer (a first name).")
@click.option("--force", is_flag=True, help="Assign even beyond the coach's capacity.")
def assign(newcomer: str, coach: str, channel: str, label: str, force: bool) -> None:
    """Make COACH the coach of NEWCOMER; both are told. Beyond the coach's capacity (their
    own from `brug capacity`, else BRUG_COACH_CAPACITY) only with --force."""
    from bot.app import build_app
    from bot.app_assignment import ALREADY, OVER
    from bot.clock import SystemClock

    async def go() -> tuple[str, int, int]:
        app = await build_app(Settings(), SystemClock())
        try:
            done = await app.assign(channel, newcomer, coach, force=force, label=label)
            return done.outcome, done.load, done.capacity
        finally:
            await app.close()

    try:
        outcome, load, capacity = asyncio.run(go())
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    if outcome == OVER:
        raise click.ClickException(
            f"{coach} has {load} newcomers already and a capacity of {capacity}; nothing "
            "changed. Use --force to assign anyway.")
    if outcome == ALREADY:
        click.echo(f"{newcomer} has {coach} as coach already")
        return
    over = f" (over the capacity of {capacity})" if load > capacity else ""
    click.echo(f"assigned {coach} to {newcomer}; {coach} has {load} newcomers now{over}; "
               "both are told")


@main.command()
@click.argument("coach")
@click.argument("newcomers", type=click.IntRange(min=0, max=1000), required=False)
@click.option("--channel", default="telegram", show_default=True,
              help="Where the coach talks to Brug; COACH is that channel's user id.")
def capacity(coach: str, newcomers: int | None, channel: str) -> None:
    """Set how many newcomers COACH takes; without NEWCOMERS, back to BRUG_COACH_CAPACITY.
    Assigning beyond it then needs --force, and the coach is warned."""
    from bot.app import build_app
    from bot.clock import SystemClock

    async def go() -> tuple[int, int]:
        app = await build_app(Settings(), SystemClock())
        try:
            return await app.set_capacity(channel, coach, newcomers)
        finally:
            await app.close()

    try:
        now, load = asyncio.run(go())
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    source = "" if newcomers is not None else " (BRUG_COACH_CAPACITY)"
    click.echo(f"{coach} takes {now} newcomers{source}; {coach} has {load} now")


@main.command()
@click.argument("newcomer")
@click.option("--channel", default="telegram", show_default=True,
              help="Where the newcomer talks to Brug; NEWCOMER is that channel's user id.")
def unlink(newcomer: str, channel: str) -> None:
    """Unlink NEWCOMER from their coaches; both sides are told and the newcomer keeps their
    data."""
    from bot.app import build_app
    from bot.clock import SystemClock

    async def go() -> list[str]:
        app = await build_app(Settings(), SystemClock())
        try:
            return await app.unlink(channel, newcomer)
        finally:
            await app.close()

    try:
        gone = asyncio.run(go())
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"unlinked {newcomer} from {', '.join(gone)}; both are told" if gone
               else f"{newcomer} had no coach")


@main.command("link-code")
@click.argument("coach")
@click.option("--channel", default="telegram", show_default=True,
              help="Where the coach talks to Brug; COACH is that channel's user id.")
@click.option("--renew", is_flag=True, help="The coach's earlier links stop working.")
@click.option("--qr", "qr_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the link as a QR code to this PNG file.")
def link_code(coach: str, channel: str, renew: bool, qr_file: Path | None) -> None:
    """Print a new link (https://t.me/<bot>?start=...) for COACH: newcomers who open it are
    linked to the coach and asked whether the coach may see their profile."""
    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.flows.coach_link import coach_link_payload
    from bot.services.link_codes import link_url
    from bot.services.qr import write_qr_png

    settings = Settings()

    async def go() -> str:
        app = await build_app(settings, SystemClock())
        try:
            now = app.clock.now()
            return await app.store.run(
                lambda repo: coach_link_payload(repo, channel, coach, now, renew=renew))
        finally:
            await app.close()

    try:
        url = link_url(settings.bot_username, asyncio.run(go()))
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(url)
    if "bot_username" not in settings.model_fields_set:
        click.echo(f"note: BRUG_BOT_USERNAME is not set, so the link names the bot "
                   f"{settings.bot_username}; set it to your bot's username", err=True)
    if qr_file is not None:
        write_qr_png(url, qr_file)
        click.echo(f"QR code written to {qr_file}", err=True)


@main.command("invite")
@click.argument("role", type=click.Choice(["organiser", "coach", "admin"]))
def invite(role: str) -> None:
    """Print a single-use link (https://t.me/<bot>?start=...) that gives whoever opens it
    ROLE. It expires after 7 days."""
    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.flows.invite_link import invite_payload
    from bot.services.link_codes import link_url

    settings = Settings()

    async def go() -> str:
        app = await build_app(settings, SystemClock())
        try:
            now = app.clock.now()
            return await app.store.run(lambda repo: invite_payload(repo, role, now))
        finally:
            await app.close()

    click.echo(link_url(settings.bot_username, asyncio.run(go())))
    if "bot_username" not in settings.model_fields_set:
        click.echo(f"note: BRUG_BOT_USERNAME is not set, so the link names the bot "
                   f"{settings.bot_username}; set it to your bot's username", err=True)


@main.command("export")
@click.argument("person")
@click.option("--channel", default="telegram", show_default=True,
              help="Where the person talks to Brug; PERSON is that channel's user id.")
def export(person: str, channel: str) -> None:
    """Print everything stored about PERSON as JSON, for a request made outside the chat
    (GDPR art. 15 and 20). The person exports their own data in the chat (/privacy)."""
    import json

    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.storage import personal_data
    from bot.storage.repository import SqlRepository

    async def go() -> dict[str, object] | None:
        app = await build_app(Settings(), SystemClock())
        now = app.clock.now()

        def work(repo: SqlRepository) -> dict[str, object] | None:
            found = personal_data.find(repo.conn, channel, person)
            return None if found is None else personal_data.export(repo.conn, found, now)

        try:
            return await app.store.run(work)
        finally:
            await app.close()

    data = asyncio.run(go())
    if data is None:
        raise click.ClickException(f"not found on {channel}: {person}")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command("after-event")
@click.argument("event")
@click.argument("people", nargs=-1, required=True)
@click.option("--channel", default="telegram", show_default=True)
def after_event(event: str, people: tuple[str, ...], channel: str) -> None:
    """Ask PEOPLE (user ids on that channel) who took part in EVENT the measured questions
    again, to see what changed."""
    from bot.app import build_app
    from bot.clock import SystemClock

    async def go() -> list[str]:
        app = await build_app(Settings(), SystemClock())
        try:
            report = await app.ask_again_after_event(channel, event.strip()[:100], list(people))
            return report.lines()
        finally:
            await app.close()

    for line in asyncio.run(go()):
        click.echo(line)


@main.group()
def event() -> None:
    """Events: list them; print and write an event's results."""


@event.command("list")
def event_list() -> None:
    """Every event: number, start (UTC), title, organiser, who joined, waits and left."""
    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.services.results_report import event_lines

    async def go() -> list[str]:
        app = await build_app(Settings(), SystemClock())
        try:
            return await app.store.run(lambda repo: event_lines(repo.conn))
        finally:
            await app.close()

    lines = asyncio.run(go())
    for line in lines or ["no events yet"]:
        click.echo(line)


@event.command("report")
@click.argument("event_ref", metavar="EVENT")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write the results as a CSV file.")
@click.option("--chart", "chart_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write the results as a chart (PNG).")
@click.option("--language", default="en", show_default=True,
              help="The language of the printed text and the chart.")
def event_report(event_ref: str, csv_file: Path | None, chart_file: Path | None,
                 language: str) -> None:
    """Print the results of EVENT (its number, or its exact title), as its organiser gets
    them in the chat; the same results go to the files asked for."""
    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.services.event_results import EventResults, summary_text
    from bot.services.results_chart import chart_labels, write_chart
    from bot.services.results_csv import write_csv
    from bot.services.results_report import find_event, read_results

    def read(conn: Any) -> EventResults | str:
        found = find_event(conn, event_ref.strip())
        return found if isinstance(found, str) else read_results(conn, found)

    async def go() -> tuple[EventResults | str, Any]:
        app = await build_app(Settings(), SystemClock())
        try:
            return (await app.store.run(lambda repo: read(repo.conn)),
                    app.conversation.catalogs.get(language))
        finally:
            await app.close()

    results, translator = asyncio.run(go())
    if isinstance(results, str):
        raise click.ClickException(results)
    click.echo(summary_text(results, translator.gettext, translator.locale,
                            translator.ngettext))
    if csv_file is not None:
        write_csv(results, csv_file)
        click.echo(f"CSV written to {csv_file}", err=True)
    if chart_file is not None:
        labels = chart_labels(translator)
        write_chart(results, labels.translate, chart_file)
        click.echo(f"chart written to {chart_file}", err=True)
        if labels.note:
            click.echo(labels.note, err=True)


@main.group()
def i18n() -> None:
    """Translations: extract messages, check catalogs."""


@i18n.command("extract")
@click.option("--add", multiple=True,
              help="Start a catalog for this language code too (fa_AF, ti, ...).")
def i18n_extract(add: tuple[str, ...]) -> None:
    """Extract messages from code and content into bot.pot and update every catalog."""
    from bot.channels.telegram_render import LIMITS
    from bot.i18n.check import update_catalogs

    for line in update_catalogs(add=add, limits=LIMITS):
        click.echo(line)


@i18n.command("check")
def i18n_check() -> None:
    """Per language: total, translated, draft, missing; exit 1 on a missing string, a
    placeholder that differs from the source, or a label or message over Telegram's limits."""
    from bot.channels.telegram_render import LIMITS
    from bot.i18n.check import check_catalogs

    report, ok = check_catalogs(limits=LIMITS)
    for line in report:
        click.echo(line)
    sys.exit(0 if ok else 1)


@main.group()
def content() -> None:
    """Content: check it, and list what needs a person's review."""


@content.command("review")
@click.option("--days", default=180, show_default=True,
              help="Legal and procedural items checked longer ago than this are due.")
def content_review(days: int) -> None:
    """List the roadmap's legal and procedural items, the ones due for a check first."""
    from bot.flows.content import load_content

    roadmap = load_content(Settings().content_dir).roadmap
    if roadmap is None:
        click.echo("There is no roadmap in the content.")
        return
    today = datetime.now(UTC).date()
    items = sorted((item for item in roadmap.all_items() if item.review),
                   key=lambda item: item.checked)
    for item in items:
        age = (today - item.checked).days
        mark = "DUE " if age > days else "ok  "
        click.echo(f"{mark}{item.checked} {item.id}: {item.title} (source: {item.source})")
    due = sum((today - item.checked).days > days for item in items)
    click.echo(f"{len(items)} items for review, {due} due (checked over {days} days ago).")


@main.command()
@click.option("--dry-run", is_flag=True, help="Only count what would go.")
def purge(dry_run: bool) -> None:
    """Remove what the retention rules say has expired (the daily job does it too); prints
    and logs counts per kind, never what was removed."""
    from bot.app import build_app
    from bot.clock import SystemClock

    async def go() -> dict[str, int]:
        app = await build_app(Settings(), SystemClock())
        try:
            return await app.purge(dry_run=dry_run)
        finally:
            await app.close()

    counts = asyncio.run(go())
    click.echo("would go (dry run):" if dry_run else "done:")
    for kind, count in counts.items():
        click.echo(f"  {kind}: {count}")
