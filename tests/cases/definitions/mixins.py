# wsawait-path: app/realtime/client.py
# wsawait-config: wsawait-infer-names = get_*
"""Clients built from mixins: a method lookup follows Python's method resolution order."""
import logging
from typing import Generic, TypeVar

from app.realtime import transports
from app.realtime.base import RealtimeClient

logger = logging.getLogger(__name__)
T = TypeVar("T")


class Connection:
    def __init__(self, url: str) -> None:
        self.url = url


class Transport:
    def get_connection(self):
        return Connection(self.url)


class PooledTransport(Transport):
    def release(self, connection) -> None:
        self._pool.put_nowait(connection)


class AsyncTransport(Transport):
    async def get_connection(self):
        return await self._pool.get()


class Client(PooledTransport, AsyncTransport):
    # Python's order: Client, PooledTransport, AsyncTransport, Transport. A
    # depth-first walk would find Transport's sync method before AsyncTransport's.
    async def send(self, payload: bytes) -> None:
        connection = await self.get_connection()
        await connection.send(payload)
        self.release(connection)

    async def ping(self) -> None:
        connection = self.get_connection()  # expect: WSA002
        await connection.ping()


class TracingClient(Client):
    async def send(self, payload: bytes) -> None:
        logger.debug("sending %d bytes", len(payload))
        await super().send(payload)

    async def trace(self) -> None:
        connection = super().get_connection()  # expect: WSA002
        logger.debug("connection to %s", connection.url)


class TypedClient(Generic[T], Client):
    # Generic adds no methods: the lookup goes on to Client's bases.
    async def receive(self) -> T:
        connection = self.get_connection()  # expect: WSA002
        return await connection.recv()


class LegacyClient(transports.Transport, AsyncTransport):
    # The imported base comes first in the order: it may define get_connection.
    async def close(self) -> None:
        connection = self.get_connection()
        await connection.close()


class RealtimeClient(RealtimeClient):
    # The base is the imported RealtimeClient, not this class.
    async def subscribe(self, channel: str) -> None:
        connection = await self.get_connection()
        await connection.subscribe(channel)


class Presence:
    def get_members(self):
        return list(self._members)

    async def broadcast(self, message: str) -> None:
        # A fake below, defined in a function, overrides get_members as a coroutine.
        for member in await self.get_members():
            await member.send(message)


def make_test_presence():
    class FakePresence(Presence):
        async def get_members(self):
            return []

    return FakePresence()


class Pinger(Transport):
    async def ping(self) -> None:
        connection = await self.get_connection()  # expect: WSA001
        await connection.ping()
