# wsawait-path: ../elsewhere/routes.py
# wsawait-config: wsawait-sync-getters = app.db.get_database_manager, get_websocket_manager
# Outside the project root the module path is unknown: relative imports match
# bare getters by name, never dotted ones.
from ..db import get_database_manager
from .ws import get_websocket_manager


async def handler():
    a = await get_database_manager()
    b = await get_websocket_manager()  # expect: WSA001
    return a, b
