# wsawait-path: app/chat/presence.py
# wsawait-config: wsawait-sync-getters = get_presence_manager
# wsawait-config: wsawait-async-getters = get_presence_manager_async
"""A coroutine used as a value, then awaited or handed on: the use is the bug (a
coroutine is always true and has none of the manager's attributes), whatever happens
to it next. The look-alikes below them stay silent."""
import asyncio
import logging
from collections.abc import Coroutine

from app.chat.managers import get_presence_manager, get_presence_manager_async

logger = logging.getLogger(__name__)


async def online_users(room):
    manager = get_presence_manager_async(room)
    if manager:  # expect: WSA002:8
        return (await manager).online()
    return []


async def join(room, user):
    manager = get_presence_manager_async(room)
    logger.info("joining %s via %s", user, f"{manager}")  # expect: WSA002:47
    return await asyncio.wait_for(manager, timeout=5)


async def broadcast(room, text):
    pending = get_presence_manager_async(room)
    logger.debug("members: %s", pending.members)  # expect: WSA002:33
    await asyncio.shield(pending)


async def first_member(room):
    pending = get_presence_manager_async(room)
    if len(pending) and pending == room.manager:  # expect: WSA002, WSA002
        return await pending


def warm_cache(room):
    manager = get_presence_manager_async(room)
    if not manager:  # expect: WSA003:12
        return None
    return asyncio.run(manager)


# Not reported.


async def optional_refresh(room, refresh):
    # Either branch may be the value: a truth test here is the None check.
    pending = get_presence_manager_async(room) if refresh else None
    if pending:
        await pending


async def checked_for_none(room):
    pending = get_presence_manager_async(room)
    if pending is not None:
        return await pending


async def skipped_on_purpose(room, skip):
    pending = get_presence_manager_async(room)
    if skip:
        pending.close()  # never awaited on purpose: no "never awaited" warning
        return None
    return await pending


async def named_in_a_log(room):
    pending = get_presence_manager_async(room)
    logger.debug("starting %s", pending.__qualname__)
    return await pending


async def asked_what_it_is(room):
    pending = get_presence_manager_async(room)
    if isinstance(pending, Coroutine):
        return await pending


async def awaited_first(room):
    manager = get_presence_manager_async(room)
    manager = await manager
    if manager:
        return manager.members


async def rebound_before_the_use(room, cached):
    manager = get_presence_manager_async(room)
    if cached is not None:
        manager = cached
    if manager:
        return manager


async def a_task_is_true(room):
    task = asyncio.create_task(get_presence_manager_async(room))
    if task:
        return await task


def sync_manager(room):
    manager = get_presence_manager(room)
    if manager:
        return manager.members
