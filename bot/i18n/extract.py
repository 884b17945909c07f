"""Babel extractor for content/*.yaml: every user-visible field becomes a message to translate."""

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


def clean(value: str) -> str:
    """The msgid form of a YAML string: block scalars lose their trailing new line."""
    return value.strip()


def translatable(node: yaml.Node) -> Iterator[tuple[int, str, str]]:
    """(line, key, text) for every translatable scalar under `node`, in document order."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name in TRANSLATABLE_KEYS and isinstance(value, yaml.ScalarNode):
                text = clean(str(value.value))
                if text:
                    yield value.start_mark.line + 1, name, text
            else:
                yield from translatable(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from translatable(item)


def extract_yaml(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """The Babel extraction method registered as `brug_yaml`."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if root is None:
        return
    for line, key, text in translatable(root):
        yield line, None, text, [f"content field: {key}"]
