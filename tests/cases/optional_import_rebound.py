# wsawait-path: app/notifications/fallback.py
"""Not reported: outside the import's `except` handler, a rebinding is a rebinding."""
from unittest.mock import AsyncMock

try:
    from app.websocket_core import get_websocket_manager
except ImportError:
    get_websocket_manager = None

try:
    import json
except ImportError:
    get_websocket_manager = None  # this `try` does not import the getter

# Tests replace the getter for the whole module.
get_websocket_manager = AsyncMock()


async def notify(user_id):
    return await get_websocket_manager(user_id)
