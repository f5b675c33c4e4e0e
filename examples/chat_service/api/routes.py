"""Request handlers.  Two of them carry the classic mistakes."""

import asyncio

from ..websocket_core import get_websocket_manager, get_websocket_manager_async


async def send_message(ctx, text):
    manager = await get_websocket_manager(ctx)  # expect: WSA001
    return await manager.send(text)


async def notify(ctx, text):
    manager = get_websocket_manager_async(ctx)  # expect: WSA002
    await manager.send(text)


async def join(ctx):
    manager = await get_websocket_manager_async(ctx)
    manager.connections.append(ctx)
    return len(manager.connections)


async def fan_out(contexts, text):
    managers = await asyncio.gather(*[get_websocket_manager_async(c) for c in contexts])
    return [await m.send(text) for m in managers]


def connection_count():
    return len(get_websocket_manager().connections)
