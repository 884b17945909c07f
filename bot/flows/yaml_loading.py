"""Reading content YAML with line numbers, so every error can name its file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.i18n.extract import TRANSLATABLE_KEYS, clean

# Ids of steps, options and items: short lowercase ASCII, safe in 64-byte button data.
ID = re.compile(r"^[a-z0-9_]{1,24}$")


class ContentError(ValueError):
    """Content that cannot be used, with where it is."""


class LineDict(dict[str, Any]):
    """A YAML mapping that knows the line it started on."""

    _line: int = 0


class LineLoader(yaml.SafeLoader):
    """Remembers the line of every mapping, so errors can point at it."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping._line = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(node: Any) -> int:
    return getattr(node, "_line", 0)


def fail(path: Path, node: Any, message: str) -> ContentError:
    return ContentError(f"{path}:{line_of(node)}: {message}")


def text(path: Path, node: dict[str, Any], key: str, required: bool = True) -> str | None:
    """A translatable text field, cleaned as the extractor cleans it."""
    value = node.get(key)
    if value is None:
        if required:
            raise fail(path, node, f"'{key}' is missing")
        return None
    if not isinstance(value, str) or not clean(value):
        raise fail(path, node, f"'{key}' must be a non-empty text")
    assert key in TRANSLATABLE_KEYS, key
    return clean(value)


def required_text(path: Path, node: dict[str, Any], key: str) -> str:
    value = text(path, node, key)
    assert value is not None
    return value
