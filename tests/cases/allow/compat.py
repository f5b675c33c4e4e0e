# wsawait-path: tests/compat/test_old_api.py
# wsawait-config: wsawait-allow =
# wsawait-config:     tests/compat/*.py: WSA001
# wsawait-config:     scripts/legacy/**
# Only WSA001 is allowed in tests/compat/.
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def test_old_api():
    get_websocket_manager_async()  # expect: WSA002
    return await get_websocket_manager()
