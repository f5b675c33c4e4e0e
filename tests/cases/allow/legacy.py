# wsawait-path: scripts/legacy/old_job.py
# wsawait-config: wsawait-allow =
# wsawait-config:     tests/compat/*.py: WSA001
# wsawait-config:     scripts/legacy/**
# Everything below scripts/legacy/ is allowed: not reported.
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def job():
    get_websocket_manager_async()
    return await get_websocket_manager()
