# wsawait-path: app/chat/rooms.py
"""A class body is synchronous code that runs once, at import."""
import asyncio

from app.websocket_core import get_websocket_manager, get_websocket_manager_async


class RoomBroadcaster:
    manager = get_websocket_manager_async()  # expect: WSA003
    sync_manager = get_websocket_manager()
    factory = staticmethod(get_websocket_manager_async)
    pending = [get_websocket_manager_async()]  # stored: assumed gathered later, not reported
    task = asyncio.ensure_future(get_websocket_manager_async())

    async def broadcast(self, text):
        await self.sync_manager.broadcast(text)
        manager = await self.factory()
        await manager.broadcast(text)


class Nested:
    class Meta:
        manager = get_websocket_manager_async()  # expect: WSA003
