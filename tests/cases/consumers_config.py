# wsawait-config: wsawait-extend-consumers = trio_util.run_soon, scheduler.spawn
# Added consumers count like the built-in ones; the built-in ones stay.
import asyncio

import trio_util
from app.websocket_core import get_websocket_manager


async def handed_over(scheduler, other):
    trio_util.run_soon(get_websocket_manager())  # expect: WSA001
    scheduler.spawn(get_websocket_manager())  # expect: WSA001
    await asyncio.gather(get_websocket_manager())  # expect: WSA001
    other.spawn(get_websocket_manager())
