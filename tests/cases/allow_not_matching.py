# wsawait-path: src/service.py
# wsawait-config: wsawait-allow = tests/*.py: WSA; service.pyi
# Globs that do not match this path allow nothing.
from app.websocket_core import get_websocket_manager


async def job():
    return await get_websocket_manager()  # expect: WSA001
