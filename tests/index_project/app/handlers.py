import logging

from svc import get_default_manager, get_fast_manager, get_lock_manager, get_lock_manager_async
from svc import get_queue_manager, managers

log = logging.getLogger(__name__)


async def acquire(name, key):
    manager = await get_lock_manager(name)  # expect: WSA001
    manager.acquire(key)
    pending = get_lock_manager_async(name)  # expect: WSA002
    pending.acquire(key)
    default = await get_default_manager()  # expect: WSA001
    via_module = await managers.get_lock_manager(name)  # expect: WSA001
    return manager, default, via_module


async def looked_alike(name, get_lock_manager=None):
    # A parameter shadows the import: whatever was passed in runs.
    return await get_lock_manager(name)


async def not_decided_by_the_index(name):
    queue = await get_queue_manager(name)  # its decorator makes it a coroutine function
    fast = await get_fast_manager()  # an optional import: the installed library's may be async
    right = await get_lock_manager_async(name)
    return queue, fast, right
