# wsawait-fix: safe
import asyncio

from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def handler(ctx):
    a = get_websocket_manager(ctx)  # a comment that stays
    b = (get_websocket_manager(ctx))
    c = (get_websocket_manager(ctx)).connections
    d = get_websocket_manager(
        ctx,
    )
    e = get_websocket_manager()
    m = get_websocket_manager(ctx)
    m
    f = await get_websocket_manager()  # noqa: WSA001
    await asyncio.gather(get_websocket_manager())
    get_websocket_manager_async(ctx)
    return a, b, c, d, e, f
