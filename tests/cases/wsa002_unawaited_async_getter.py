# WSA002: the async getter called inside async def, its coroutine never awaited.
import asyncio
from app.websocket_core import get_websocket_manager_async


async def discarded(ctx):
    get_websocket_manager_async(ctx)  # expect: WSA002:5


async def used_as_the_manager(ctx, text):
    get_websocket_manager_async(ctx).broadcast(text)  # expect: WSA002
    await get_websocket_manager_async(ctx).send(text)  # expect: WSA002:11
    first = get_websocket_manager_async(ctx)[0]  # expect: WSA002
    for connection in get_websocket_manager_async(ctx):  # expect: WSA002
        print(connection)
    if get_websocket_manager_async(ctx) == first:  # expect: WSA002
        pass
    if get_websocket_manager_async(ctx):  # expect: WSA002
        pass
    ready = not get_websocket_manager_async(ctx)  # expect: WSA002
    both = get_websocket_manager_async(ctx) and ready  # expect: WSA002
    return both


async def returned(ctx):
    return get_websocket_manager_async(ctx)  # expect: WSA002:12


async def bound_and_never_awaited(ctx):
    manager = get_websocket_manager_async(ctx)  # expect: WSA002
    await manager.send("hello")


async def bound_and_unused(ctx):
    manager = get_websocket_manager_async(ctx)  # expect: WSA002


async def annotated_binding(ctx):
    manager: object = get_websocket_manager_async(ctx)  # expect: WSA002
    return manager.connections


async def awaited(ctx):
    a = await get_websocket_manager_async(ctx)
    b = await (get_websocket_manager_async(ctx))
    await get_websocket_manager_async(ctx)
    return a, b


async def handed_to_consumers(ctx, loop):
    managers = await asyncio.gather(get_websocket_manager_async(ctx), get_websocket_manager_async())
    task = asyncio.create_task(get_websocket_manager_async(ctx))
    await asyncio.wait_for(get_websocket_manager_async(ctx), timeout=5)
    return managers, task


async def bound_then_run(ctx):
    a = get_websocket_manager_async(ctx)
    await a
    b = get_websocket_manager_async(ctx)
    await asyncio.gather(b)
    c = get_websocket_manager_async(ctx)
    helper(c)
    d = get_websocket_manager_async(ctx)
    pending = [d]
    return pending


async def bound_then_returned(ctx):
    coroutine = get_websocket_manager_async(ctx)
    return coroutine


async def stored_in_containers(ctx, pending):
    jobs = [get_websocket_manager_async(ctx), get_websocket_manager_async()]
    named = {"ws": get_websocket_manager_async(ctx)}
    also = (get_websocket_manager_async(ctx),)
    lazy = [get_websocket_manager_async(c) for c in ctx]
    pending.append(get_websocket_manager_async(ctx))
    return jobs, named, also, lazy


async def passed_to_other_calls(ctx, scheduler):
    scheduler.submit(get_websocket_manager_async(ctx))
    helper(coro=get_websocket_manager_async(ctx))
    value = cached or get_websocket_manager_async(ctx)
    return await value


async def used_in_nested_function(ctx):
    coroutine = get_websocket_manager_async(ctx)

    async def later():
        return await coroutine

    return later


def helper(*args, **kwargs):
    return args, kwargs


cached = None
