"""The user stores, and the ones the process shares."""
import os

from .decorators import to_coroutine
from .registry import StoreManager


class UserStore:
    def __init__(self, dsn="sqlite://"):
        self.dsn = dsn

    async def get_user_manager(self, name="default"):
        return StoreManager(name)

    @to_coroutine
    def get_cached_manager(self, name="default"):
        return StoreManager(name)


class LegacyStore:
    """The old synchronous store, still used behind a flag."""

    def get_user_manager(self, name="default"):
        return StoreManager(name)


def make_store(legacy=False):
    return LegacyStore() if legacy else UserStore()


default_store = UserStore()
backup_store = make_store(legacy=os.environ.get("LEGACY_STORE") == "1")
