# wsawait-path: app/typing_helpers.py
"""Annotations that are never evaluated run nothing: a getter called there is not reported."""
from app.websocket_core import get_websocket_manager_async


async def local_annotation():
    manager: get_websocket_manager_async().Manager = None
    return manager


class Evaluated:
    # A class-level annotation is evaluated when the class body runs (no __future__ import here).
    manager: get_websocket_manager_async().Manager  # expect: WSA003


async def parameter_annotation(handler: get_websocket_manager_async().Handler):  # expect: WSA003
    return handler
