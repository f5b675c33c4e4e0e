# wsawait-path: tests/test_self_patch.py
"""Patching this very module replaces its global names; patching the source module does not."""
from unittest.mock import AsyncMock, patch

from app.websocket_core import get_websocket_manager


async def test_patch_of_this_module():
    with patch("tests.test_self_patch.get_websocket_manager", new=AsyncMock()):
        return await get_websocket_manager()


async def test_patch_of_this_module_by_dunder_name():
    with patch(f"{__name__}.get_websocket_manager", new=AsyncMock()):
        return await get_websocket_manager()


async def test_patch_of_the_source_module():
    with patch("app.websocket_core.get_websocket_manager", new=AsyncMock()):
        return await get_websocket_manager()  # expect: WSA001


async def test_a_local_import_is_not_the_module_global():
    from app.websocket_core import get_websocket_manager as getter

    with patch("tests.test_self_patch.get_websocket_manager", new=AsyncMock()):
        return await getter()  # expect: WSA001
