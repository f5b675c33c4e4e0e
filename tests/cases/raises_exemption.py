# Tests that check the very TypeError on purpose are not reported (WSA001 only).
import unittest

import pytest
from pytest import raises

from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def test_type_error():
    with pytest.raises(TypeError):
        await get_websocket_manager()
    with pytest.raises(TypeError, match="can't be used in 'await' expression"):
        manager = get_websocket_manager()
        await manager
    with raises((ValueError, TypeError)):
        await get_websocket_manager()
    with pytest.raises(Exception):
        await get_websocket_manager()
    with pytest.raises(expected_exception=BaseException):
        await get_websocket_manager()


async def test_other_exceptions_are_still_reported():
    with pytest.raises(ValueError):
        await get_websocket_manager()  # expect: WSA001
    with pytest.raises((KeyError, AttributeError)):
        await get_websocket_manager()  # expect: WSA001


async def test_only_wsa001_is_exempt():
    with pytest.raises(TypeError):
        get_websocket_manager_async().send("x")  # expect: WSA002


async def test_outside_the_block():
    with pytest.raises(TypeError):
        pass
    await get_websocket_manager()  # expect: WSA001


class ManagerTest(unittest.IsolatedAsyncioTestCase):
    async def test_assert_raises(self):
        with self.assertRaises(TypeError):
            await get_websocket_manager()
        with self.assertRaisesRegex(TypeError, "await"):
            await get_websocket_manager()
        with self.assertRaises(RuntimeError):
            await get_websocket_manager()  # expect: WSA001
