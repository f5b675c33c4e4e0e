# wsawait-path: app/notifications/push.py
"""The optional-import idiom: the import is what runs wherever the code works."""
import logging
from unittest.mock import MagicMock

try:
    from app.websocket_core import get_websocket_manager, get_websocket_manager_async
except ImportError:  # websocket support is an optional extra
    get_websocket_manager = None
    get_websocket_manager_async = MagicMock()

try:
    from app.websocket_core.compat import get_websocket_manager as get_legacy_manager
except (ImportError, AttributeError):
    def get_legacy_manager(*args, **kwargs):
        return None

try:
    import app.websocket_core.manager as manager_module
except ModuleNotFoundError:
    manager_module = None

logger = logging.getLogger(__name__)


async def notify(user_id, payload):
    if get_websocket_manager is None:
        logger.debug("websockets disabled")
        return
    manager = await get_websocket_manager(user_id)  # expect: WSA001
    await manager.send(user_id, payload)


async def notify_async(user_id, payload):
    get_websocket_manager_async(user_id).send(user_id, payload)  # expect: WSA002


async def notify_legacy(user_id):
    return await get_legacy_manager(user_id)  # expect: WSA001


async def notify_through_module(user_id):
    return await manager_module.get_websocket_manager(user_id)  # expect: WSA001
