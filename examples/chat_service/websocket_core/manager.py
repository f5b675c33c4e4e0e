"""The shared manager and its two getters: one sync, one async."""

import asyncio


class WebSocketManager:
    def __init__(self, user_context=None):
        self.user_context = user_context
        self.connections = []

    async def send(self, text):
        await asyncio.sleep(0)
        return len(self.connections)

    def broadcast(self, text):
        return [text for _ in self.connections]


_manager = None


def get_websocket_manager(user_context=None):
    """Sync: returns the manager itself."""
    global _manager
    if _manager is None:
        _manager = WebSocketManager(user_context)
    return _manager


async def get_websocket_manager_async(user_context=None):
    """Async: must be awaited."""
    await asyncio.sleep(0)
    return get_websocket_manager(user_context)
