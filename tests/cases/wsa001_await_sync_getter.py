# WSA001: awaiting the sync getter, in every form the spec lists.
import asyncio
import app.websocket_core.manager as wsm
from app import websocket_core
from app.websocket_core import get_websocket_manager
from app.websocket_core import get_websocket_manager as gwm


async def direct(ctx):
    manager = await get_websocket_manager(ctx)  # expect: WSA001:15
    return manager


async def parenthesised_and_multiline(ctx):
    a = await (get_websocket_manager(ctx))  # expect: WSA001:9
    b = (await get_websocket_manager(ctx))  # expect: WSA001:10
    c = await get_websocket_manager(  # expect: WSA001
        ctx,
    )
    d = await (  # expect: WSA001
        get_websocket_manager
    )(ctx)
    return a, b, c, d


async def through_imports(ctx):
    a = await gwm(ctx)  # expect: WSA001
    b = await wsm.get_websocket_manager(ctx)  # expect: WSA001
    c = await websocket_core.get_websocket_manager(ctx)  # expect: WSA001
    return a, b, c


async def in_comprehensions(contexts):
    a = [await get_websocket_manager(c) for c in contexts]  # expect: WSA001
    b = {c: await gwm(c) for c in contexts}  # expect: WSA001
    return a, b


async def consumers(ctx, loop, tg):
    await asyncio.gather(get_websocket_manager(ctx), other())  # expect: WSA001:11
    task = asyncio.create_task(get_websocket_manager(ctx))  # expect: WSA001:12
    await asyncio.wait_for(get_websocket_manager(ctx), 5)  # expect: WSA001
    await asyncio.shield(gwm(ctx))  # expect: WSA001
    asyncio.ensure_future(get_websocket_manager())  # expect: WSA001
    tg.create_task(get_websocket_manager())  # expect: WSA001
    await asyncio.wait([get_websocket_manager()])  # expect: WSA001
    return task


def run_from_sync(loop):
    asyncio.run(get_websocket_manager())  # expect: WSA001
    loop.run_until_complete(get_websocket_manager())  # expect: WSA001


async def bound_then_awaited(ctx):
    manager = get_websocket_manager(ctx)
    print("connected")
    await manager  # expect: WSA001:5
    await asyncio.gather(manager)  # expect: WSA001


async def bound_twice_is_not_reported(ctx, fallback):
    manager = get_websocket_manager(ctx)
    if fallback:
        manager = fallback
    await manager


async def correct_uses(ctx):
    manager = get_websocket_manager(ctx)
    other_manager = gwm()
    await manager.send("x")
    await get_websocket_manager().send("y")
    await asyncio.to_thread(get_websocket_manager)
    return other_manager


async def other():
    return None
