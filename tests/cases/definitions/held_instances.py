# wsawait-path: app/chat/service.py
# wsawait-config: wsawait-infer-names = get_*manager*
"""A service holding the objects it made in attributes: what `self.pool` holds is known
when every store to `pool` in the file makes an instance of one of its classes."""
from __future__ import annotations

import logging

from app.chat.backends import instrumented, make_pool

logger = logging.getLogger(__name__)


class ConnectionManager:
    async def broadcast(self, text: str) -> None:
        logger.info("broadcast %s", text)


class WebSocketPool:
    async def get_connection_manager(self) -> ConnectionManager:
        return ConnectionManager()

    def get_stats_manager(self) -> dict:
        return {}


class FakePool:
    def get_connection_manager(self) -> ConnectionManager:
        return ConnectionManager()


class MeteredPool:
    async def get_connection_manager(self) -> ConnectionManager:
        return ConnectionManager()


# Rebound: what MeteredPool() makes is whatever the wrapper returns.
MeteredPool = instrumented(MeteredPool)


class MeteredService:
    def __init__(self) -> None:
        self.metered = MeteredPool()

    async def announce(self, text: str) -> None:
        manager = self.metered.get_connection_manager()
        await manager.broadcast(text)


class ChatService:
    def __init__(self) -> None:
        self.pool = WebSocketPool()
        self.cache = None

    async def announce(self, text: str) -> None:
        manager = self.pool.get_connection_manager()  # expect: WSA002
        await manager.broadcast(text)

    async def stats(self) -> dict:
        return await self.pool.get_stats_manager()  # expect: WSA001

    async def reconnect(self) -> None:
        self.cache = WebSocketPool()  # None first, then a pool
        manager = self.cache.get_connection_manager()  # expect: WSA002
        await manager.broadcast("reconnected")


class RoomService:
    def __init__(self, pool) -> None:
        self.rooms = pool  # handed in: any object

    async def announce(self, text: str) -> None:
        manager = self.rooms.get_connection_manager()
        await manager.broadcast(text)


class LobbyService:
    def __init__(self) -> None:
        self.lobby = WebSocketPool()
        self.spare = WebSocketPool()

    def rotate(self) -> None:
        self.spare = make_pool()  # from elsewhere: any object

    async def announce(self, text: str) -> None:
        # A test below swaps the lobby's pool for a FakePool, whose method is plain.
        manager = self.lobby.get_connection_manager()
        await manager.broadcast(text)
        other = self.spare.get_connection_manager()
        await other.broadcast(text)


def test_lobby_with_a_fake_pool() -> None:
    service = LobbyService()
    service.lobby = FakePool()
    assert service.lobby.get_connection_manager() is not None
