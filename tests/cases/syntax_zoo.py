# Unusual syntax around getter calls: the walk must neither crash nor lose track.
# wsawait-min-python: 3.11
import asyncio
import functools

from app.websocket_core import get_websocket_manager, get_websocket_manager_async

counter = 0


@functools.lru_cache(maxsize=None)
def cached(key: str = "default") -> object:
    global counter
    counter += 1
    return get_websocket_manager()


async def walrus(ctx):
    if (manager := await get_websocket_manager(ctx)) is not None:  # expect: WSA001
        return manager
    return None


async def matching(event):
    match event:
        case {"kind": "join", **rest}:
            return await get_websocket_manager(rest)  # expect: WSA001
        case [first, *others]:
            get_websocket_manager_async(first)  # expect: WSA002
            return others
        case str() as text if text:
            return text
        case None | True:
            return None
        case _:
            return None


async def strings_and_formatting(ctx):
    label = f"{ctx!r:>10} {await get_websocket_manager()}"  # expect: WSA001
    note = f"manager {get_websocket_manager_async()}"  # expect: WSA002 (formats the coroutine)
    return label, note


async def comprehensions(contexts):
    ready = [m async for m in aiter_managers(contexts) if m]
    managers = [await get_websocket_manager_async(c) for c in contexts]
    pairs = {c: get_websocket_manager(c) for c in contexts}
    return ready, managers, pairs


async def aiter_managers(contexts):
    for c in contexts:
        yield await get_websocket_manager_async(c)


async def exceptions(ctx):
    try:
        manager = await get_websocket_manager_async(ctx)
    except* ValueError as group:
        raise RuntimeError("bad context") from group
    try:
        return await get_websocket_manager(ctx)  # expect: WSA001
    finally:
        await asyncio.sleep(0)
    return manager


def closures():
    state = []

    def outer():
        nonlocal state
        state = [get_websocket_manager()]
        return state

    return outer, lambda x=get_websocket_manager(): x


async def starred(*contexts, **options):
    first, *rest = await asyncio.gather(*[get_websocket_manager_async(c) for c in contexts])
    return first, rest, {**options}


async def slices_and_subscripts(items):
    return items[1:2], items[::-1], get_websocket_manager_async()[1:]  # expect: WSA002


type_alias_like: "list[int]" = []
