# wsawait-path: services/db_tasks.py
# wsawait-config: wsawait-sync-getters = get_websocket_manager, app.db.get_database_manager
# wsawait-config: wsawait-allow = services/*.py: app.db.get_database_manager; db_*.py: WSA003
# Items may name a getter (as configured, or its final name) or a code prefix.
from app.db import get_database_manager
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def job():
    a = await get_database_manager()
    b = await get_websocket_manager()  # expect: WSA001
    return a, b


def sync_job():
    get_websocket_manager_async()
