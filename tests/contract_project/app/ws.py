"""The manager registry: one manager per user context."""

_managers = {}


def get_websocket_manager(user_context=None):
    manager = _managers.get(user_context)
    if manager is None:
        manager = _managers[user_context] = object()
    return manager


async def get_websocket_manager_async(user_context=None):
    return get_websocket_manager(user_context)
