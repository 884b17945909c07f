"""Settings from the environment (BRUG_*)."""

from __future__ import annotations

from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.services.office_hours import OfficeHours

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_content_dir() -> Path:
    """The content shipped inside the installed package, else content/ of this checkout."""
    package = Path(__file__).resolve().parent
    shipped = package / "content"
    return shipped if shipped.is_dir() else package.parent / "content"


class Settings(BaseSettings):
    """Every knob Brug reads from its environment; the README lists them."""

    model_config = SettingsConfigDict(env_prefix="BRUG_", env_file=None)

    data_dir: Path = Path("data")
    database_url: str = ""
    content_dir: Path = default_content_dir()

    telegram_token: str = ""
    telegram_api_base: str = "https://api.telegram.org"
    webhook_url: str = ""
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_secret: str = ""

    send_rate_total: float = 30.0
    send_rate_per_chat: float = 1.0
    send_max_attempts: int = 8
    outbox_interval_seconds: float = 1.0
    sweep_interval_seconds: float = 30.0
    processed_update_days: int = 7
    # Retention (bot/services/retention.py): people who wrote nothing for this many days are
    # asked whether to keep their data, and erased this many days later without an answer.
    retention_inactive_days: int = 365
    retention_answer_days: int = 30
    # Flood control: more messages than this from one person within the window get one
    # polite line and a pause of so many seconds (0: no flood control).
    flood_limit: int = 20
    flood_window_seconds: float = 10.0
    flood_pause_seconds: float = 30.0
    # A reply being sent is left to its sender this long before the outbox sends it again.
    delivery_lease_seconds: float = 60.0

    # The bot's Telegram username, for deep links (https://t.me/<bot>?start=...).
    bot_username: str = "brug_bot"
    metrics_host: str = "127.0.0.1"
    metrics_port: int = 9108
    log_level: str = "INFO"
    # When coaches are at work (Brussels time), and how long a request to talk to a coach may
    # wait unclaimed (counted from the office opening) before the coaches are reminded and
    # the admins told.
    office_hours: str = "mon-fri 09:00-17:00"
    handoff_wait_minutes: float = 60.0
    # How many newcomers a coach has before an admin assigning one more is warned.
    coach_capacity: int = 2
    # The key of the tokens that keep poll answers apart from people (bot/services/
    # poll_token.py); empty: a key file in the data folder, made on first use. And how many
    # days an event's poll takes answers after it went out.
    poll_key: str = ""
    poll_open_days: float = 7.0

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"use one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("office_hours")
    @classmethod
    def _office_hours(cls, value: str) -> str:
        OfficeHours.parse(value)
        return value

    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'brug.db').resolve()}"
