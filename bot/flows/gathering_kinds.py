"""The kinds of event an organiser can make, by stored id, with their names (translated
where they are shown)."""

from __future__ import annotations

from bot.i18n import L_

GATHERING_KINDS: dict[str, str] = {
    "info_session": L_("Information session"),
    "jobdate": L_("Jobdate"),
    "job_fair": L_("Job fair"),
    "mock_interviews": L_("Mock interviews"),
    "company_visit": L_("Company visit"),
    "workshop": L_("Workshop"),
    "conversation_table": L_("Conversation table"),
    "other": L_("Other"),
}
