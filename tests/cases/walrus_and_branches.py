# wsawait-path: app/chat/presence.py
"""The coroutine flows through a walrus and out of a conditional expression."""
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def is_online(user_id):
    if (manager := get_websocket_manager_async(user_id)) is not None:  # expect: WSA002
        return manager.is_connected(user_id)
    return False


async def truth_tested(user_id):
    while manager := get_websocket_manager_async(user_id):  # expect: WSA002
        await manager.wait()


async def bound_by_walrus_only(user_id):
    (manager := get_websocket_manager_async(user_id))  # expect: WSA002
    return manager.connections


async def awaited_through_walrus(user_id):
    if (manager := await get_websocket_manager_async(user_id)) is not None:
        return manager.is_connected(user_id)
    return False


async def walrus_then_awaited(user_id):
    (pending := get_websocket_manager_async(user_id))
    manager = await pending
    return manager


async def conditional_used_as_manager(user_id, fallback):
    return (get_websocket_manager_async(user_id) if user_id else fallback).connections  # expect: WSA002


async def conditional_bound_then_used(user_id):
    manager = get_websocket_manager_async(user_id) if user_id else None  # expect: WSA002
    return manager.connections


async def conditional_bound_then_awaited(user_id):
    pending = get_websocket_manager_async(user_id) if user_id else None
    return await pending if pending else None


async def sync_through_walrus(user_id):
    return await (manager := get_websocket_manager(user_id))  # expect: WSA001
