# wsawait-config: wsawait-allow-in-raises = false
# With the exemption turned off, the TypeError tests are reported too.
import pytest

from app.websocket_core import get_websocket_manager


async def test_type_error():
    with pytest.raises(TypeError):
        await get_websocket_manager()  # expect: WSA001
