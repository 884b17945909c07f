"""Who may do what: the one table of roles and actions. Every screen declares its action
(`Screen.action`), every command and every command-line action is named here, and each is
checked against TABLE in one place: the screens' dispatch, the conversation's commands, and
the command line (`brug ...` and the simulator's admin lines)."""

from __future__ import annotations

from collections.abc import Callable

NEWCOMER_ROLE, COACH, ORGANISER, ADMIN = "newcomer", "coach", "organiser", "admin"
ROLES = (NEWCOMER_ROLE, COACH, ORGANISER, ADMIN)
EVERYONE = frozenset(ROLES)

# In the chat: what anyone does for themselves (the roadmap, their profile, My data, events
# they join, talking to a person).
OWN = "own"
# A coach's work: their newcomers (only those linked to them, only what each consented to
# share), their link, meetings they plan, conversations they take.
SEE_NEWCOMERS = "see_newcomers"
COACH_LINK = "coach_link"
PLAN_MEETINGS = "plan_meetings"
TAKE_HANDOFFS = "take_handoffs"
# An organiser's work: making events and running their own (an admin may run any).
ORGANISE = "organise"
# The command line, across people: only an admin.
ASSIGN = "assign"
UNLINK = "unlink"
EXPORT_ANYONE = "export_anyone"
INVITE = "invite"
GIVE_ROLE = "give_role"
ISSUE_LINK = "issue_link"
ASK_AFTER_EVENT = "ask_after_event"
# Any event's results, across organisers (brug event list / report).
REPORT_EVENTS = "report_events"
PURGE = "purge"
# Running and maintaining the bot on the server (migrate, run, content review, ...).
OPERATE = "operate"

TABLE: dict[str, frozenset[str]] = {
    OWN: EVERYONE,
    SEE_NEWCOMERS: frozenset({COACH}),
    COACH_LINK: frozenset({COACH}),
    PLAN_MEETINGS: frozenset({COACH}),
    TAKE_HANDOFFS: frozenset({COACH, ADMIN}),
    ORGANISE: frozenset({ORGANISER, ADMIN}),
    ASSIGN: frozenset({ADMIN}),
    UNLINK: frozenset({ADMIN}),
    EXPORT_ANYONE: frozenset({ADMIN}),
    INVITE: frozenset({ADMIN}),
    GIVE_ROLE: frozenset({ADMIN}),
    ISSUE_LINK: frozenset({ADMIN}),
    ASK_AFTER_EVENT: frozenset({ADMIN}),
    REPORT_EVENTS: frozenset({ADMIN}),
    PURGE: frozenset({ADMIN}),
    OPERATE: frozenset({ADMIN}),
}

# The chat's commands (bot/flows/commands.py): all of them are a person's own business.
COMMANDS: dict[str, str] = {
    "start": OWN, "menu": OWN, "steps": OWN, "person": OWN, "back": OWN, "skip": OWN,
    "language": OWN, "privacy": OWN, "help": OWN,
}

# The `brug` command line (bot/cli.py). Whoever runs it on the server is its operator, an
# admin; the simulator's admin lines may name another person who tries them ("by").
CLI: dict[str, str] = {
    "link": ASSIGN, "assign": ASSIGN, "capacity": ASSIGN, "unlink": UNLINK, "export": EXPORT_ANYONE,
    "invite": INVITE, "link-code": ISSUE_LINK, "after-event": ASK_AFTER_EVENT,
    "event": REPORT_EVENTS,
    "purge": PURGE, "chat": OPERATE, "simulate": OPERATE, "run": OPERATE, "health": OPERATE,
    "migrate": OPERATE, "i18n": OPERATE, "content": OPERATE,
}
OPERATOR = ADMIN


def allows(role: str | None, action: str) -> bool:
    """Whether someone of this role may do this action; an unknown action is refused."""
    return (role or NEWCOMER_ROLE) in TABLE.get(action, frozenset())


def command_allowed(role: str | None, command: str) -> bool:
    """A chat command: those not named here open nothing, and are left to say so."""
    return command not in COMMANDS or allows(role, COMMANDS[command])


def refusal(_: Callable[[str], str]) -> str:
    """The one line a refused action gets; nothing else happens."""
    return _("You cannot do that with your role. Nothing was changed.")


class Refused(PermissionError):
    """An action that the person's role does not allow; nothing was changed."""

    def __init__(self, role: str, action: str) -> None:
        super().__init__(f"refused: a {role} may not {action.replace('_', ' ')}; nothing was "
                         "changed")
        self.role, self.action = role, action


def require(role: str | None, action: str) -> None:
    """Raise Refused unless the role allows the action."""
    if not allows(role, action):
        raise Refused(role or NEWCOMER_ROLE, action)
