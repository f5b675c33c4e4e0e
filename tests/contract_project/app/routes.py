import logging

from app.ws import get_websocket_manager, get_websocket_manager_async

log = logging.getLogger(__name__)


async def handler(ctx):
    manager = await get_websocket_manager(ctx)  # expect: WSA001
    log.info("manager for %s", ctx)
    return manager


async def broadcast(ctx, message):
    manager = get_websocket_manager_async(ctx)  # expect: WSA002
    manager.send(message)


async def fine(ctx):
    manager = await get_websocket_manager_async(ctx)
    other = get_websocket_manager(ctx)
    return manager, other
