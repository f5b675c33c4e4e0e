# wsawait-path: src/app/api/__init__.py
# wsawait-config: wsawait-sync-getters = app.api.ws.get_websocket_manager
# In a package's __init__.py, one dot is the package itself; src/ is not a package.
from . import ws
from .ws import get_websocket_manager


async def handler():
    a = await get_websocket_manager()  # expect: WSA001
    b = await ws.get_websocket_manager()  # expect: WSA001
    return a, b
