"""Notes for translators on the strings in the code: where each is shown (the module's own
summary and the function), and whether it is a button label, read from the call site.

A string is a button label when it is the label of an `Option(...)` (directly, or formatted
or joined there), marked where it is defined with `L_("...")` (a label kept in a table), or
given to a name or made in a function whose name says label (`STATUS_LABELS = ...`,
`def nav_labels`).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.i18n.catalogs import Key
from bot.i18n.extract import LABEL_NOTE

# The gettext functions and, for each, the argument positions of (context, msgid).
CALLS: dict[str, tuple[int | None, int]] = {
    "_": (None, 0), "gettext": (None, 0), "N_": (None, 0), "L_": (None, 0),
    "ngettext": (None, 0), "pgettext": (0, 1), "npgettext": (0, 1), "NP_": (0, 1),
}
LABEL_MARK = "L_"
_SUMMARY_LIMIT = 90


@dataclass
class Note:
    label: bool = False
    rejection: bool = False
    places: list[str] = field(default_factory=list)


def summary(tree: ast.Module) -> str:
    """The module docstring's first clause: 'Plan an appointment, for a coach'."""
    text = " ".join((ast.get_docstring(tree) or "").split())
    for stop in (": ", ". ", "; "):
        text = text.split(stop)[0]
    text = text.rstrip(".")
    if len(text) > _SUMMARY_LIMIT:
        text = text[:_SUMMARY_LIMIT].rsplit(" ", 1)[0].rstrip(",;(") + " …"
    return text


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _label_args(call: ast.Call) -> list[ast.expr]:
    """The label argument of an Option(id, label, ...) call."""
    args = list(call.args[1:2])
    return args + [kw.value for kw in call.keywords if kw.arg == "label"]


def _says_label(name: str) -> bool:
    return "label" in name.lower()


def _label_regions(tree: ast.Module) -> set[int]:
    """The ids of every node whose text ends up on a button."""
    inside: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == "Option":
            inside += _label_args(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_says_label(_name(t) if not isinstance(t, ast.Name) else t.id)
                   for t in targets if isinstance(t, ast.Name | ast.Attribute)):
                inside.append(node.value)
        elif isinstance(node, ast.FunctionDef) and _says_label(node.name):
            inside += node.body
    return {id(inner) for region in inside for inner in ast.walk(region)}


def notes_for(path: Path) -> dict[Key, Note]:
    """(context, msgid) -> its note, for one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[Key, Note] = defaultdict(Note)
    about = summary(tree)
    labels = _label_regions(tree)
    rejections: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == "Rejected":
            rejections.update(id(inner) for arg in node.args for inner in ast.walk(arg))

    def visit(node: ast.AST, scope: tuple[str, ...]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            scope = (*scope, node.name)
        if isinstance(node, ast.Call) and _name(node.func) in CALLS:
            at_context, at_id = CALLS[_name(node.func)]
            args = node.args
            msgid = _literal(args[at_id]) if len(args) > at_id else None
            context = _literal(args[at_context]) if at_context is not None and args else None
            if msgid:
                note = found[(context, msgid)]
                note.label |= id(node) in labels or _name(node.func) == LABEL_MARK
                note.rejection |= id(node) in rejections
                place = about + (f" ({'.'.join(scope)})" if scope else "")
                if place not in note.places:
                    note.places.append(place)
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, ())
    return dict(found)


def describe(note: Note, label_limit: int) -> str:
    if note.label:
        what = LABEL_NOTE.format(limit=label_limit)
    elif note.rejection:
        what = "A reply when the person's answer cannot be used"
    else:
        what = "Text of a message"
    where = "; ".join(note.places[:2])
    return f"{what}. In: {where}" + ("" if where.endswith("…") else ".")
