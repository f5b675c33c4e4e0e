from unittest import mock

import pytest

from app import handlers
from svc import get_lock_manager


class FakeLocks:
    """A test double sharing the name, as an async method: it decides nothing for imports."""

    async def get_lock_manager(self, name):
        return None


async def test_awaiting_the_sync_getter_is_a_type_error():
    with pytest.raises(TypeError):
        await get_lock_manager("t")


async def test_awaited_outside_the_raises_block():
    manager = await get_lock_manager("t")  # expect: WSA001
    assert manager is not None


@mock.patch("tests.test_handlers.get_lock_manager")
async def test_patched(patched):
    patched.return_value = mock.AsyncMock()()
    return await get_lock_manager("t")


async def test_acquire():
    with mock.patch.object(handlers, "get_lock_manager_async") as fake:
        fake.return_value.acquire.return_value = None
        await handlers.acquire("n", "k")
