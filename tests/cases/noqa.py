# noqa comments silence a report on their line, with or without a code.
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def handler():
    a = await get_websocket_manager()  # noqa
    b = await get_websocket_manager()  # noqa: WSA001
    c = await get_websocket_manager()  # noqa:WSA001,E501
    d = await get_websocket_manager()  # noqa: WSA002  # expect: WSA001
    e = await get_websocket_manager()  # NOQA: WSA
    get_websocket_manager_async()  # noqa: WSA001  # expect: WSA002
    return a, b, c, d, e
