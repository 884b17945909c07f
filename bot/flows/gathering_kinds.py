"""The kinds of event an organiser can make, by stored id, with their names (translated
where they are shown)."""

from __future__ import annotations

from bot.i18n import N_

GATHERING_KINDS: dict[str, str] = {
    "info_session": N_("Information session"),
    "jobdate": N_("Jobdate"),
    "job_fair": N_("Job fair"),
    "mock_interviews": N_("Mock interviews"),
    "company_visit": N_("Company visit"),
    "workshop": N_("Workshop"),
    "conversation_table": N_("Conversation table"),
    "other": N_("Other"),
}
