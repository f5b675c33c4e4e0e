# WSA003: the async getter called where nothing can await it.
import asyncio
import app.websocket_core as ws
from app.websocket_core import get_websocket_manager, get_websocket_manager_async

get_websocket_manager_async()  # expect: WSA003:1
manager_at_import = ws.get_websocket_manager_async()  # expect: WSA003
manager_at_import.broadcast("hello")


class Handler:
    get_websocket_manager_async().connections  # expect: WSA003
    shared = get_websocket_manager_async()  # expect: WSA003 (made once at import, never awaited)

    def handle(self, text):
        manager = get_websocket_manager_async()  # expect: WSA003:19
        manager.broadcast(text)

    def count(self):
        return len(get_websocket_manager_async().connections)  # expect: WSA003


def discarded():
    get_websocket_manager_async()  # expect: WSA003


def tested(ctx):
    if ws.get_websocket_manager_async(ctx):  # expect: WSA003
        return True
    return False


async def outer(ctx):
    def inner():
        return get_websocket_manager_async(ctx).connections  # expect: WSA003

    return inner


callback = lambda: get_websocket_manager_async().connections  # expect: WSA003

# Not reported: delegation, consumers, hand-offs.


def factory(ctx):
    return get_websocket_manager_async(ctx)


def factory_via_name(ctx):
    coroutine = get_websocket_manager_async(ctx)
    return coroutine


make = lambda ctx: get_websocket_manager_async(ctx)


def runs_it(loop, ctx):
    asyncio.run(get_websocket_manager_async(ctx))
    loop.run_until_complete(get_websocket_manager_async(ctx))
    future = asyncio.run_coroutine_threadsafe(get_websocket_manager_async(ctx), loop)
    return future


def hands_it_on(executor, ctx):
    executor.submit(get_websocket_manager_async(ctx))
    jobs = [get_websocket_manager_async(ctx)]
    coroutine = get_websocket_manager_async(ctx)
    executor.submit(coroutine)
    return jobs


def uses_the_sync_getter():
    return get_websocket_manager().connections


if __name__ == "__main__":
    asyncio.run(get_websocket_manager_async())
