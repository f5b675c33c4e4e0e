from shop import managers
from shop.legacy.db import get_db_manager as get_legacy_db_manager
from shop.managers import Registry, get_cache_manager, get_database_manager, get_queue_manager
from shop.managers.queues import get_dynamic_manager, get_pending_manager, get_task_manager

from ..managers.cache import get_cache_manager_async

get_any_manager = get_cache_manager


async def place_order(order):
    cache = await get_cache_manager()  # expect: WSA001
    db = get_database_manager()  # expect: WSA002
    await db.fetch(order)
    legacy = await get_legacy_db_manager()  # expect: WSA001
    queue = await managers.get_queue_manager()  # expect: WSA001
    also = await get_any_manager()  # expect: WSA001
    return cache, legacy, queue, also


async def registry_calls(registry: Registry):
    direct = await Registry().get_queue_manager()  # expect: WSA001
    Registry().get_stream_manager()  # expect: WSA002
    return direct


async def correct_calls(kind):
    cache = get_cache_manager()
    db = await get_database_manager()
    cache_async = await get_cache_manager_async()
    pending = await get_pending_manager()
    task = await get_task_manager()
    dynamic = await get_dynamic_manager(kind)
    queue = get_queue_manager()
    return cache, db, cache_async, pending, task, dynamic, queue


def sync_code():
    get_cache_manager_async()  # expect: WSA003
    return get_cache_manager().get("x")
