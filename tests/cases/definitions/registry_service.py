# wsawait-path: app/registry/service.py
# wsawait-config: wsawait-infer-names = get_*_by_*, get_*manager*
"""A service calling its own coroutine methods: the file's definitions decide."""
import asyncio
import logging
from typing import Optional

from app.db import Session
from app.models import App

logger = logging.getLogger(__name__)


class AppRegistry:
    def __init__(self, session: Session):
        self.session = session
        self._cache: dict[str, App] = {}

    async def get_app_by_name(self, name: str) -> Optional[App]:
        if name in self._cache:
            return self._cache[name]
        app = await self.session.scalar(App.by_name(name))
        self._cache[name] = app
        return app

    def get_names_by_prefix(self, prefix: str) -> list[str]:
        return [name for name in self._cache if name.startswith(prefix)]

    @classmethod
    async def get_pool_manager(cls):
        return await Session.pool()

    async def enable(self, name: str) -> None:
        app = self.get_app_by_name(name)  # expect: WSA002
        app.enabled = True
        logger.info("enabled %s", name)

    async def disable(self, name: str) -> None:
        app = await self.get_app_by_name(name)
        app.enabled = False

    async def names(self, prefix: str) -> list[str]:
        return await self.get_names_by_prefix(prefix)  # expect: WSA001

    def describe(self, name: str) -> str:
        return self.get_app_by_name(name).description  # expect: WSA003

    async def warm(self, names: list[str]) -> None:
        await asyncio.gather(*(self.get_app_by_name(n) for n in names))
        tasks = [asyncio.create_task(self.get_app_by_name(n)) for n in names]
        await asyncio.wait(tasks)

    async def pool_size(self) -> int:
        return AppRegistry.get_pool_manager().size  # expect: WSA002


class CachedAppRegistry(AppRegistry):
    async def get_app_id(self, name: str) -> int:
        app = super().get_app_by_name(name)  # expect: WSA002
        if app is None:
            raise LookupError(name)
        return app.id

    def get_names_by_prefix(self, prefix: str) -> list[str]:
        return sorted(super().get_names_by_prefix(prefix))


class SessionRegistry(Session):
    async def get_app_id(self, name: str) -> int:
        app = super().get_app_by_name(name)  # Session comes from elsewhere: its method may be sync
        if app is None:
            raise LookupError(name)
        return app.id


async def get_user_by_id(session: Session, user_id: int):
    return await session.get("users", user_id)


async def handle(session: Session, registry, user_id: int):
    user = get_user_by_id(session, user_id)  # expect: WSA002
    app = registry.get_app_by_name(user.app)  # expect: WSA002
    return app.enabled


async def get_settings_manager(request):
    """A route handler that happens to share a name with a client method."""
    return {"zone": request.zone}


def zone_of(dns_client):
    # An attribute call on some other object: the route function above says nothing about it.
    return dns_client.get_settings_manager().zone
