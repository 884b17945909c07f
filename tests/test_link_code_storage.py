"""The link codes' storage, on SQLite always and on PostgreSQL when BRUG_TEST_POSTGRES_URL is
set: a single-use code is taken once, a renewed maker's codes stop, only hashes are kept."""

from __future__ import annotations

from datetime import timedelta

from bot.services.link_codes import hash_payload, issue, look_up
from bot.storage.db import Store
from bot.storage.link_codes import LinkCodes
from bot.storage.repository import SqlRepository
from tests import test_storage
from tests.test_storage import NOW, new_user

# The storage contract's fixture: SQLite, and PostgreSQL when it is configured.
store = test_storage.store
DAY = timedelta(days=1)


async def test_a_single_use_code_is_taken_once(store: Store) -> None:
    def make(repo: SqlRepository) -> str:
        return issue(LinkCodes(repo.conn), "invite", "i", None, grants="organiser",
                     single_use=True, now=NOW, lifetime=DAY).payload

    payload = await store.run(make)
    first = await store.run(lambda repo: look_up(LinkCodes(repo.conn), "invite", payload, NOW))
    assert not isinstance(first, str)
    assert (first.grants, first.single_use, first.created_by) == ("organiser", True, None)
    again = await store.run(lambda repo: look_up(LinkCodes(repo.conn), "invite", payload, NOW))
    assert again == "used"
    row = await store.run(lambda repo: LinkCodes(repo.conn).find(hash_payload(payload)))
    assert row is not None and (row.uses, row.used_at) == (1, NOW)


async def test_a_code_opens_only_for_its_kind_and_until_it_expires(store: Store) -> None:
    payload = await store.run(lambda repo: issue(
        LinkCodes(repo.conn), "coach", "c", new_user(repo, "coach"), single_use=False,
        now=NOW, lifetime=DAY).payload)

    def opened(kind: str, when: timedelta) -> object:
        return store.run(lambda repo: look_up(LinkCodes(repo.conn), kind, payload, NOW + when))

    assert await opened("event", timedelta(0)) == "unknown"
    assert not isinstance(await opened("coach", DAY - timedelta(seconds=1)), str)
    assert await opened("coach", DAY) == "expired"


async def test_withdrawing_stops_only_that_makers_open_codes(store: Store) -> None:
    def setup(repo: SqlRepository) -> tuple[int, list[str]]:
        codes = LinkCodes(repo.conn)
        sara, omar = new_user(repo, "sara"), new_user(repo, "omar")
        made = [issue(codes, "coach", "c", maker, single_use=False, now=NOW,
                      lifetime=DAY).payload for maker in (sara, sara, omar)]
        return sara, made

    sara, made = await store.run(setup)
    withdrawn = await store.run(lambda repo: LinkCodes(repo.conn).withdraw("coach", sara, NOW))
    assert withdrawn == 2
    found = [await store.run(lambda repo, p=p: look_up(LinkCodes(repo.conn), "coach", p, NOW))
             for p in made]
    assert found[:2] == ["withdrawn", "withdrawn"] and not isinstance(found[2], str)
    # Withdrawn once is withdrawn: a second renewal finds nothing left to stop.
    assert await store.run(lambda repo: LinkCodes(repo.conn).withdraw("coach", sara, NOW)) == 0


async def test_erasing_the_maker_erases_their_codes(store: Store) -> None:
    def setup(repo: SqlRepository) -> tuple[int, str]:
        sara = new_user(repo, "sara")
        return sara, issue(LinkCodes(repo.conn), "coach", "c", sara, single_use=False,
                           now=NOW, lifetime=DAY).payload

    sara, payload = await store.run(setup)
    await store.run(lambda repo: repo.delete_user(sara))
    assert await store.run(lambda repo: look_up(LinkCodes(repo.conn), "coach", payload, NOW)) \
        == "unknown"
