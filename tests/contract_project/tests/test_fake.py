import pytest

from app.notify import Notifier
from app.ws import get_websocket_manager


class FakeFactory:
    """An async test double of the manager factory."""

    async def get_websocket_manager(self, user_context):
        return None


@pytest.mark.asyncio
async def test_fake_through_its_own_receiver():
    assert await FakeFactory().get_websocket_manager(None) is None


@pytest.mark.asyncio
async def test_injected_fake(factory):
    # An injected object in a test may be the fake above.
    assert await factory.get_websocket_manager("ctx") is None
    await Notifier(FakeFactory()).push("ctx", "hello")


@pytest.mark.asyncio
async def test_real_getter_awaited():
    manager = await get_websocket_manager("ctx")  # expect: WSA001
    assert manager is not None
