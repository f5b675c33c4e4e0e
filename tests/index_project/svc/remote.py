from .registry import Registry, StoreManager


class MirrorRegistry(Registry):
    """Mirrors a remote registry: its store manager is fetched over the network."""

    async def get_store_manager(self, name="default"):
        return StoreManager(name)
