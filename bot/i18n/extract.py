"""Babel extractor for content/*.yaml: every user-visible field becomes a message to translate,
with a note for the translator on what it is and where it is shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

# The YAML keys whose values people read. The content loader uses the same set, so what is
# shown is exactly what translators were given.
TRANSLATABLE_KEYS = frozenset(
    {"prompt", "text", "label", "title", "help", "why", "example", "button", "description",
     "summary", "note", "bring", "task", "says", "done"}
)
# The first note of a content message; `label` and `button` under these lists are buttons.
FIELD_NOTE = "content field: "
BUTTON_LISTS = frozenset({"options", "items", "phrases", "sectors"})
# How the note of every button label begins, in the code and in the content.
LABEL_NOTE = "A button label, at most {limit} characters"

# What each field is, in the words a translator needs.
_WHAT = {
    "prompt": "A question the bot asks",
    "text": "Text of a message",
    "title": "A title (of a flow, a step or an item; roadmap titles are also shown on buttons)",
    "help": "Help shown with a question",
    "why": "Why the bot asks this question",
    "example": "An example answer, shown under the question",
    "description": "A description",
    "summary": "The name of this answer in the person's profile summary",
    "note": "A note shown with an answer",
    "bring": "What to bring or prepare",
    "task": "A small task to do",
    "says": "Text of a message",
    "done": "A line shown once the step is done",
}


def clean(value: str) -> str:
    """The msgid form of a YAML string: block scalars lose their trailing new line."""
    return value.strip()


# Roadmap titles are shown on buttons with marks around them: an item as "⬜ <title>", a step
# as "9. <title> · 10/12". Their room is the label's less those marks.
_ROADMAP_MARKS = {("roadmap", "steps"): len("9. ") + len(" · 10/12"),
                  ("roadmap", "steps", "items"): len("⬜ ")}


def roadmap_button_room(key: str, parents: tuple[str, ...], label_limit: int) -> int | None:
    """The room a roadmap step's or item's title has on its button, if it is one."""
    marks = _ROADMAP_MARKS.get(parents) if key == "title" else None
    return None if marks is None else label_limit - marks


def is_button(key: str, parents: tuple[str, ...]) -> bool:
    """A content field shown on a button (a menu item, an answer, a phrase, a sector)."""
    return key == "button" or (key == "label" and bool(parents) and parents[-1] in BUTTON_LISTS)


def describe(key: str, parents: tuple[str, ...], ids: tuple[str, ...], label_limit: int) -> str:
    """'Answer button, at most 40 characters. In: question paid_work.'"""
    if is_button(key, parents):
        kind = {"items": "a menu item", "options": "an answer to the question",
                "phrases": "a coach's phrase", "sectors": "a work sector"}.get(parents[-1])
        what = LABEL_NOTE.format(limit=label_limit) + (f" ({kind})" if kind else "")
    elif (room := roadmap_button_room(key, parents, label_limit)) is not None:
        what = LABEL_NOTE.format(limit=room) + " (a roadmap title, with its marks beside it)"
    elif key == "label":
        what = "The name of a link, shown before its web address"
    else:
        what = _WHAT.get(key, "Text")
    where = " > ".join(ids)
    return f"{what}." + (f" In: {where}." if where else "")


def translatable(node: yaml.Node) -> Iterator[tuple[int, str, str]]:
    """(line, key, text) for every translatable scalar under `node`, in document order."""
    for line, key, text, _parents, _ids in fields(node):
        yield line, key, text


def fields(node: yaml.Node, parents: tuple[str, ...] = (), ids: tuple[str, ...] = ()
           ) -> Iterator[tuple[int, str, str, tuple[str, ...], tuple[str, ...]]]:
    """(line, key, text, parent keys, ids on the way) for every translatable scalar under
    `node`, in document order."""
    if isinstance(node, yaml.MappingNode):
        own = next((v.value for k, v in node.value
                    if isinstance(k, yaml.ScalarNode) and k.value in ("id", "flow")
                    and isinstance(v, yaml.ScalarNode)), None)
        here = (*ids, str(own)) if own else ids
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name in TRANSLATABLE_KEYS and isinstance(value, yaml.ScalarNode):
                text = clean(str(value.value))
                if text:
                    yield value.start_mark.line + 1, name, text, parents, here
            else:
                yield from fields(value, (*parents, name), here)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from fields(item, parents, ids)


def extract_yaml(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """The Babel extraction method registered as `brug_yaml`."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if root is None:
        return
    limit = int(options.get("label_limit", 40))
    for line, key, text, parents, ids in fields(root):
        yield line, None, text, [FIELD_NOTE + key, describe(key, parents, ids, limit)]
