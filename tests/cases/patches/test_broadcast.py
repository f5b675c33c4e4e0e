# wsawait-path: tests/test_broadcast.py
"""Patches replace a getter only where they are active, and only for the path they name."""
import logging
from unittest import mock
from unittest.mock import AsyncMock, MagicMock, patch

import app.websocket_core as ws
from app.services import ConnectionService
from app.tasks import broadcast
from app.websocket_core import get_websocket_manager

log = logging.getLogger(__name__)

EXPECTED_EXPORTS = ["get_websocket_manager", "get_websocket_manager_async"]


def test_exports_are_listed():
    assert hasattr(ws, "get_websocket_manager")
    assert getattr(ws, "get_websocket_manager_async") is not None
    assert sorted(EXPECTED_EXPORTS) == sorted(n for n in dir(ws) if n.startswith("get_"))


async def test_strings_change_nothing(caplog):
    log.info("creating manager", extra={"creation_method": "get_websocket_manager"})
    manager = await get_websocket_manager()  # expect: WSA001
    assert manager is not None, "get_websocket_manager() returned None"
    assert "get_websocket_manager_async" not in caplog.text
    ws.get_websocket_manager_async().broadcast("x")  # expect: WSA002


async def test_with_patch_of_the_module_attribute():
    with patch("app.websocket_core.get_websocket_manager", new=AsyncMock()):
        manager = await ws.get_websocket_manager()
    assert manager


async def test_after_the_with_block_the_patch_is_gone():
    with patch("app.websocket_core.get_websocket_manager", new=AsyncMock()):
        pass
    return await ws.get_websocket_manager()  # expect: WSA001


async def test_patch_does_not_reach_an_earlier_import():
    with patch("app.websocket_core.get_websocket_manager", new=AsyncMock()):
        # Imported at the top of the file, before the patch: still the real function.
        return await get_websocket_manager()  # expect: WSA001


async def test_import_made_inside_the_patch_gets_the_mock():
    with patch("app.websocket_core.get_websocket_manager", new=AsyncMock()):
        from app.websocket_core import get_websocket_manager as patched_getter

        return await patched_getter()


async def test_patch_of_another_module_changes_nothing_here():
    with patch("app.tasks.broadcast.get_websocket_manager", new=AsyncMock()):
        await broadcast.run()
        return await ws.get_websocket_manager()  # expect: WSA001


@patch("app.websocket_core.get_websocket_manager_async")
def test_decorated(mock_getter):
    mock_getter.return_value = MagicMock()
    ws.get_websocket_manager_async().broadcast("hi")


def test_not_decorated():
    ws.get_websocket_manager_async().broadcast("hi")  # expect: WSA003


@patch.object(ws, "get_websocket_manager", new_callable=AsyncMock)
async def test_patch_object_on_the_module(mock_getter):
    await ws.get_websocket_manager()
    mock_getter.assert_awaited_once()


async def test_monkeypatch_holds_from_the_call_on(monkeypatch):
    await ws.get_websocket_manager()  # expect: WSA001
    monkeypatch.setattr(ws, "get_websocket_manager", AsyncMock())
    await ws.get_websocket_manager()


async def test_monkeypatch_with_a_dotted_string(monkeypatch):
    monkeypatch.setattr("app.websocket_core.get_websocket_manager", AsyncMock())
    await ws.get_websocket_manager()


def test_mocker(mocker):
    mocker.patch("app.websocket_core.get_websocket_manager_async", return_value=MagicMock())
    ws.get_websocket_manager_async().broadcast("x")


async def test_patcher_start():
    patcher = mock.patch("app.websocket_core.get_websocket_manager", new=AsyncMock())
    patcher.start()
    try:
        await ws.get_websocket_manager()
    finally:
        patcher.stop()


async def test_a_patch_started_in_another_test_does_not_hold_here():
    await ws.get_websocket_manager()  # expect: WSA001


async def test_patch_multiple():
    with patch.multiple("app.websocket_core", get_websocket_manager=AsyncMock(), DEFAULT_TIMEOUT=1):
        await ws.get_websocket_manager()


async def test_setattr_builtin():
    original = ws.get_websocket_manager
    setattr(ws, "get_websocket_manager", AsyncMock())
    try:
        await ws.get_websocket_manager()
    finally:
        setattr(ws, "get_websocket_manager", original)


async def test_patching_a_class_reaches_its_instances():
    service = ConnectionService()
    with patch.object(ConnectionService, "get_websocket_manager", new=AsyncMock()):
        await service.get_websocket_manager()
    await service.get_websocket_manager()  # expect: WSA001


async def test_patching_one_instance_reaches_only_that_instance(registry):
    service, other = registry.service(), registry.other()
    with patch.object(service, "get_websocket_manager", new=AsyncMock()):
        await service.get_websocket_manager()
        await other.get_websocket_manager()  # expect: WSA001


class TestWithSetUp:
    def setUp(self):
        self.patcher = patch.object(ws, "get_websocket_manager", new=AsyncMock())
        self.patcher.start()
        self.addCleanup(self.patcher.stop)

    async def test_in_the_class(self):
        await ws.get_websocket_manager()


async def test_outside_the_class():
    await ws.get_websocket_manager()  # expect: WSA001
