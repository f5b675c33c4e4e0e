# A module-level assignment shadows the getter in the whole file: not reported.
from unittest.mock import AsyncMock

from app.websocket_core import get_websocket_manager

get_websocket_manager = AsyncMock()


async def uses_the_mock():
    return await get_websocket_manager()
