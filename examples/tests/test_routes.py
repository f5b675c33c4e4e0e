import pytest

from chat_service.websocket_core import get_websocket_manager


async def test_sync_getter_is_not_awaitable():
    # The TypeError is the point of this test: not reported.
    with pytest.raises(TypeError):
        await get_websocket_manager()


async def test_wrong_exception_type_is_still_reported():
    with pytest.raises(ValueError):
        await get_websocket_manager()  # expect: WSA001
