# wsawait-path: tests/registry/test_handlers.py
# wsawait-config: wsawait-infer-names = get_*_by_*
"""Test doubles: an async double awaited is right, a plain one awaited is the bug."""
from unittest.mock import MagicMock

import pytest

from app.handlers import handle_enable
from app.models import App


class FakeRegistry:
    async def get_app_by_name(self, name):
        return App(name)


class FakeSyncStore:
    def get_user_by_id(self, user_id):
        return MagicMock(id=user_id)

    def get_group_by_id(self, group_id):
        return self.groups[group_id]  # uncertain: not plainly a non-awaitable


def get_team_by_id(team_id):
    return {"id": team_id}


async def test_enable_uses_the_async_double():
    registry = FakeRegistry()
    app = await registry.get_app_by_name("chat")
    await handle_enable(registry, app)


async def test_plain_double_awaited():
    store = FakeSyncStore()
    user = await store.get_user_by_id(7)  # expect: WSA001
    group = await store.get_group_by_id(1)
    team = await get_team_by_id(3)  # expect: WSA001
    assert user.id == 7 and group and team


async def test_the_type_error_itself():
    with pytest.raises(TypeError):
        await get_team_by_id(3)


@pytest.fixture
def get_role_by_id():
    return lambda role_id: role_id


async def test_fixture_named_like_a_getter(get_role_by_id):
    assert await get_role_by_id(1)


def test_a_configured_mock_is_not_the_async_double():
    service = MagicMock()
    service.get_app_by_name.return_value = App("chat")
    assert service.get_app_by_name("chat").name == "chat"
