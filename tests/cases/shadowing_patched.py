# A file that patches the getter says nothing about the real one: not reported.
from unittest import mock

import app.websocket_core as ws


async def test_patched():
    with mock.patch("app.websocket_core.get_websocket_manager", new=mock.AsyncMock()):
        manager = await ws.get_websocket_manager()
    return manager
