# wsawait-config: wsawait-sync-getters = get_database_manager, get_cache_manager, get_queue_manager, get_lonely_manager
# wsawait-config: wsawait-async-getters = get_database_manager_async, async_get_cache_manager, aget_queue_manager
# Pairs: X with X_async, async_X or aX; messages name the pair (checked in test_messages.py).
from app.managers import (
    aget_queue_manager,
    async_get_cache_manager,
    get_cache_manager,
    get_database_manager,
    get_lonely_manager,
    get_queue_manager,
)


async def pairs():
    await get_database_manager()  # expect: WSA001
    await get_cache_manager()  # expect: WSA001
    await get_queue_manager()  # expect: WSA001
    await get_lonely_manager()  # expect: WSA001


def sync_code():
    async_get_cache_manager().flush()  # expect: WSA003
    aget_queue_manager()  # expect: WSA003
