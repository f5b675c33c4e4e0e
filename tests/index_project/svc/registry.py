from thirdparty.plugins import PluginBase


class StoreManager:
    def __init__(self, name):
        self.name = name


class BaseRegistry:
    def get_store_manager(self, name="default"):
        return StoreManager(name)


class Registry(BaseRegistry):
    async def get_audit_manager(self):
        return StoreManager("audit")


class RemoteRegistry(Registry):
    async def get_store_manager(self, name="default"):
        return StoreManager(name)


class PluginRegistry(PluginBase):
    """Its base comes from elsewhere and may define any method."""

    def helper(self):
        return None
