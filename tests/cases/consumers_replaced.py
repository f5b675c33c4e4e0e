# wsawait-config: wsawait-consumers = mylib.run
# Replacing the list drops the defaults.
import asyncio

import mylib
from app.websocket_core import get_websocket_manager


async def handed_over():
    mylib.run(get_websocket_manager())  # expect: WSA001
    await asyncio.gather(get_websocket_manager())
