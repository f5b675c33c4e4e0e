# wsawait-path: app/typing_postponed.py
"""Not reported: with postponed evaluation (PEP 563) no annotation runs."""
from __future__ import annotations

from app.websocket_core import get_websocket_manager_async


class Postponed:
    manager: get_websocket_manager_async().Manager


async def parameter_annotation(handler: get_websocket_manager_async().Handler) -> get_websocket_manager_async().R:
    return handler
