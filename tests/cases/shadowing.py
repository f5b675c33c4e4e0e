# Calls that look like getter calls but are not: the name means something else here.
from unittest.mock import AsyncMock

from app.websocket_core import get_websocket_manager, get_websocket_manager_async


async def parameter_shadows(get_websocket_manager):
    return await get_websocket_manager()


async def local_assignment_shadows():
    get_websocket_manager_async = AsyncMock()
    get_websocket_manager_async()
    return await get_websocket_manager()  # expect: WSA001


async def local_def_shadows():
    async def get_websocket_manager():
        return None

    return await get_websocket_manager()


class Registry:
    async def get_websocket_manager(self):
        return None

    async def use(self):
        return await self.get_websocket_manager()


class FakeInjector:
    """A test double: this file defines a method of the getter's name."""

    def get_websocket_manager_async(self):
        return object()


async def test_double(injector):
    injector.get_websocket_manager_async().send("x")
    return await injector.get_websocket_manager()


async def scoped(ctx):
    # Only `parameter_shadows` rebinds the name; here it is the imported getter.
    return await get_websocket_manager(ctx)  # expect: WSA001


def module_level_rebinding_is_seen_even_later():
    return get_async_alias()


get_async_alias = AsyncMock()
