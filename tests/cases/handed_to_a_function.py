# wsawait-path: app/chat/rooms.py
# wsawait-config: wsawait-async-getters = get_room_manager_async
"""A coroutine handed to a function of this file is judged by what that function does
with the parameter: awaited, handed on, returned or stored, it may still run; only used
as the result (an attribute, a truth test, formatting), it never runs, and the hand-on
is the report. The look-alikes below them stay silent."""
import asyncio
import logging

from app.chat.managers import get_room_manager_async

logger = logging.getLogger(__name__)


def describe(manager):
    return f"{manager.name} with {len(manager.members)} members"


def log_members(room, manager, *, level=logging.INFO):
    if manager:
        logger.log(level, "%s: %s", room, manager.members)


async def summary(room):
    return describe(get_room_manager_async(room))  # expect: WSA002:12


async def audit(room):
    manager = get_room_manager_async(room)
    log_members(room, manager)  # expect: WSA002:5
    log_members(room, manager=get_room_manager_async(room))  # expect: WSA002:5


async def audit_then_wait(room):
    manager = get_room_manager_async(room)
    log_members(room, manager)  # expect: WSA002:5
    return await manager  # runs it, after log_members failed on it


def audit_later(room):
    log_members(room, get_room_manager_async(room))  # expect: WSA003:5


# -- look-alikes: the coroutine may still run -------------------------------------------


async def wait_for_manager(manager, timeout=5):
    return await asyncio.wait_for(manager, timeout)


def schedule(manager):
    return asyncio.ensure_future(manager)


def remember(pending, manager):
    pending.append(manager)


def traced(function):
    return function


@traced
def described_later(manager):
    return manager.name


def rebinds(manager):
    manager = manager if manager is not None else None
    return manager.name


def log_all(*managers):
    for manager in managers:
        logger.info("%s", manager.name)


def describe_later(manager):
    return lambda: manager.name


def is_cached(manager):
    return isinstance(manager, dict)


def closes(manager):
    if manager is not None:
        manager.close()


async def handed_on(room, pending):
    first = await wait_for_manager(get_room_manager_async(room))
    task = schedule(get_room_manager_async(room))
    remember(pending, get_room_manager_async(room))
    decorated = described_later(get_room_manager_async(room))
    rebound = rebinds(get_room_manager_async(room))
    closes(get_room_manager_async(room))
    log_all(get_room_manager_async(room))
    cached = is_cached(get_room_manager_async(room))
    later = describe_later(get_room_manager_async(room))
    unknown = logger.info("%s", get_room_manager_async(room))
    many = describe(*[get_room_manager_async(room)])
    return first, task, decorated, rebound, unknown, many, later, cached

