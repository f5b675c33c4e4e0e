# wsawait-fix: unsafe
import app.websocket_core as ws
from app.websocket_core import get_websocket_manager, get_websocket_manager_async
from app.websocket_core import get_websocket_manager_async as gwma


async def handler(ctx, text):
    get_websocket_manager_async(ctx)
    manager = get_websocket_manager_async(ctx)
    await manager.send(text)
    get_websocket_manager_async(ctx).broadcast(text)
    first = get_websocket_manager_async(
        ctx,
    )[0]
    x = await get_websocket_manager()
    return first, x


def sync_job():
    ws.get_websocket_manager_async().broadcast("x")
    get_websocket_manager_async()
    gwma()


def sync_noqa():
    get_websocket_manager_async()  # noqa
