"""Background jobs run from a thread pool: synchronous code."""

from chat_service.websocket_core import manager as ws


def broadcast_all(text):
    manager = ws.get_websocket_manager_async()  # expect: WSA003
    return manager.broadcast(text)


def broadcast_safely(text):
    return ws.get_websocket_manager().broadcast(text)


def schedule(loop, ctx):
    # Handing the coroutine to the loop is the right way to run it from sync code.
    return loop.run_until_complete(ws.get_websocket_manager_async(ctx))
