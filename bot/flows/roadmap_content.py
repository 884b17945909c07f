"""The roadmap to a job as content: nine steps with their items, sector paths and the
networking plan, loaded from the `roadmap:` document and checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.flows.yaml_loading import ID, ContentError, fail, required_text
from bot.flows.yaml_loading import text as text_field


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Item:
    """Something to do on the way to a job, with where to learn more."""

    id: str
    step: str
    title: str
    text: str
    links: tuple[Link, ...]
    checked: date
    source: str
    bring: str | None = None
    # Legal or procedural: rules change, so the person is told to check before acting.
    review: bool = False
    # Marking this done means a job has started: the check-ins after the first day follow.
    job_start: bool = False
    sector: str | None = None


@dataclass(frozen=True)
class RoadStep:
    id: str
    title: str
    text: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Sector:
    id: str
    label: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class FollowUp:
    """A reminder some days after a networking step is done."""

    days_after: int
    text: str


@dataclass(frozen=True)
class NetworkStep:
    id: str
    title: str
    text: str
    task: str
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class Roadmap:
    title: str
    text: str
    steps: tuple[RoadStep, ...]
    sectors: tuple[Sector, ...]
    network_title: str
    network_text: str
    network: tuple[NetworkStep, ...]

    def items_of(self, step_id: str, sector: str | None) -> list[Item]:
        """A step's items for someone in `sector`: everyone's items, then the sector's."""
        step = self.step(step_id)
        extra = [item for s in self.sectors if s.id == sector for item in s.items
                 if item.step == step_id]
        return [*step.items, *extra]

    def step(self, step_id: str) -> RoadStep:
        return next(s for s in self.steps if s.id == step_id)

    def item(self, item_id: str) -> Item | None:
        return self._items().get(item_id)

    def sector(self, sector_id: str | None) -> Sector | None:
        return next((s for s in self.sectors if s.id == sector_id), None)

    def all_items(self) -> list[Item]:
        return list(self._items().values())

    def _items(self) -> dict[str, Item]:
        items = [item for step in self.steps for item in step.items]
        items += [item for sector in self.sectors for item in sector.items]
        return {item.id: item for item in items}


def _id(path: Path, raw: Any, what: str) -> str:
    if not isinstance(raw, dict):
        raise fail(path, raw, f"each {what} is a mapping with an id")
    value = str(raw.get("id", ""))
    if not ID.match(value):
        raise fail(path, raw, f"{what} id '{value}' must be short lowercase ASCII")
    return value


def _links(path: Path, raw: dict[str, Any]) -> tuple[Link, ...]:
    links = []
    for link in raw.get("links") or []:
        url = str(link.get("url", "")) if isinstance(link, dict) else ""
        if not url.startswith("https://") or " " in url:
            raise fail(path, link, f"link url '{url}' must be a full https:// address")
        links.append(Link(required_text(path, link, "label"), url))
    if not links:
        raise fail(path, raw, "an item needs at least one link to the organisation")
    return tuple(links)


def _item(path: Path, raw: Any, step: str, sector: str | None = None) -> Item:
    item_id = _id(path, raw, "item")
    checked, source = raw.get("checked"), raw.get("source")
    if not isinstance(checked, date) or not source:
        raise fail(path, raw, f"item '{item_id}' needs 'checked' (a date) and 'source'")
    return Item(
        id=item_id,
        step=step,
        title=required_text(path, raw, "title"),
        text=required_text(path, raw, "text"),
        links=_links(path, raw),
        checked=checked,
        source=str(source),
        bring=text_field(path, raw, "bring", required=False),
        review=bool(raw.get("review", False)),
        job_start=bool(raw.get("job_start", False)),
        sector=sector,
    )


def _network_step(path: Path, raw: Any) -> NetworkStep:
    step_id = _id(path, raw, "networking step")
    follow_up = None
    if "remind" in raw:
        spec = raw["remind"]
        days = spec.get("days_after") if isinstance(spec, dict) else None
        if not isinstance(days, int) or days < 1:
            raise fail(path, raw, "'remind' needs 'days_after' (a number of days) and 'text'")
        follow_up = FollowUp(days, required_text(path, spec, "text"))
    return NetworkStep(step_id, required_text(path, raw, "title"),
                       required_text(path, raw, "text"), required_text(path, raw, "task"),
                       follow_up)


def load_roadmap(path: Path, doc: dict[str, Any]) -> Roadmap:
    steps = []
    for raw in doc.get("steps") or []:
        step_id = _id(path, raw, "step")
        items = tuple(_item(path, item, step_id) for item in raw.get("items") or [])
        if not items:
            raise fail(path, raw, f"step '{step_id}' needs items")
        steps.append(RoadStep(step_id, required_text(path, raw, "title"),
                              required_text(path, raw, "text"), items))
    if not steps:
        raise fail(path, doc, "the roadmap needs steps")
    step_ids = {step.id for step in steps}
    sectors = []
    for raw in doc.get("sectors") or []:
        sector_id = _id(path, raw, "sector")
        extra = []
        for item in raw.get("items") or []:
            if not isinstance(item, dict) or item.get("step") not in step_ids:
                raise fail(path, item, "a sector item names its 'step', one of the roadmap's")
            extra.append(_item(path, item, str(item["step"]), sector_id))
        sectors.append(Sector(sector_id, required_text(path, raw, "label"), tuple(extra)))
    network = doc.get("networking") or {}
    roadmap = Roadmap(
        title=required_text(path, doc, "title"),
        text=required_text(path, doc, "text"),
        steps=tuple(steps),
        sectors=tuple(sectors),
        network_title=required_text(path, network, "title") if network else "",
        network_text=required_text(path, network, "text") if network else "",
        network=tuple(_network_step(path, raw) for raw in network.get("steps") or []),
    )
    _check_unique(path, roadmap)
    return roadmap


def _check_unique(path: Path, roadmap: Roadmap) -> None:
    seen: set[str] = set()
    for item in [i for s in roadmap.steps for i in s.items] + \
            [i for s in roadmap.sectors for i in s.items]:
        if item.id in seen:
            raise ContentError(f"{path}: item id '{item.id}' is used twice; progress is kept "
                               "per item id")
        seen.add(item.id)
    for ids, what in (([s.id for s in roadmap.steps], "step"),
                      ([s.id for s in roadmap.sectors], "sector"),
                      ([s.id for s in roadmap.network], "networking step")):
        if len(set(ids)) != len(ids):
            raise ContentError(f"{path}: a {what} id is used twice")
    if sum(item.job_start for item in roadmap.all_items()) > 1:
        raise ContentError(f"{path}: only one item may have 'job_start'")
