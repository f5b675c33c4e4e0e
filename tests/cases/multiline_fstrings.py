# wsawait-path: app/chat/render.py
"""Getter calls inside multi-line f-strings (Python 3.9 gives their nodes wrong columns)."""
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def banner(user):
    return f"""
    Welcome {user}, {len(get_websocket_manager_async().connections)} online  # expect: WSA002
    Peers: {await get_websocket_manager()}  # expect: WSA001
    """
