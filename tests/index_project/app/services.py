from typing import Optional

from svc.registry import BaseRegistry, Registry
from svc.remote import MirrorRegistry
from svc.stores import LegacyStore, UserStore, backup_store, default_store


class UserService:
    def __init__(self, store: UserStore, registry=None):
        self.store = store
        self.registry = Registry()
        self.fallback = registry

    async def load(self, name):
        users = self.store.get_user_manager(name)  # expect: WSA002
        users.reset()
        stores = await self.registry.get_store_manager(name)  # expect: WSA001
        other = await self.fallback.get_store_manager(name)  # handed in: any registry
        cached = await self.store.get_cached_manager(name)  # its decorator makes a coroutine function
        return stores, other, cached


class CachedRegistry(BaseRegistry):
    """Its base is in another module: `self` and `super()` look it up there."""

    async def warm(self, name):
        return await self.get_store_manager(name)  # expect: WSA001

    async def refresh(self, name):
        return await super().get_store_manager(name)  # expect: WSA001


class Mirror(MirrorRegistry):
    async def sync_all(self, name):
        manager = self.get_store_manager(name)  # expect: WSA002
        manager.flush()
        return await self.get_audit_manager()


async def serve(store: UserStore, maybe: Optional["UserStore"], name):
    users = store.get_user_manager(name)  # expect: WSA002
    users.reset()
    spare = maybe.get_user_manager(name)  # expect: WSA002
    spare.reset()
    shared = default_store.get_user_manager(name)  # expect: WSA002
    shared.reset()
    via_class = await Registry.get_store_manager(Registry(), name)  # expect: WSA001
    return via_class


async def look_alikes(store: UserStore, stores: list[UserStore], name, legacy=False):
    mirrored = await MirrorRegistry().get_store_manager(name)  # the subclass's own async def
    made = backup_store.get_user_manager(name)  # a factory's result: either store
    made.reset()
    if legacy:
        store = LegacyStore()
    maybe_sync = store.get_user_manager(name)  # the parameter is rebound: either store
    maybe_sync.reset()
    first = await stores[0].get_user_manager(name)
    return mirrored, first
