# wsawait-path: tests/test_fixture_patch.py
"""A patch made in a fixture holds wherever the fixture is used: the whole file."""
from unittest.mock import MagicMock

import pytest

import app.websocket_core as ws
from app.websocket_core import get_websocket_manager


@pytest.fixture(autouse=True)
def fake_manager(monkeypatch):
    monkeypatch.setattr(ws, "get_websocket_manager_async", MagicMock())


def test_uses_the_fixture():
    ws.get_websocket_manager_async().broadcast("x")


async def test_other_getter_is_still_checked():
    return await ws.get_websocket_manager()  # expect: WSA001


async def test_a_name_imported_before_is_the_real_function():
    return await get_websocket_manager()  # expect: WSA001
