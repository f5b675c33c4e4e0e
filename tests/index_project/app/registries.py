from svc import registry
from svc.registry import PluginRegistry, Registry, RemoteRegistry


async def audit(name):
    store = await Registry().get_store_manager(name)  # expect: WSA001
    local = Registry()
    audit_log = local.get_audit_manager()  # expect: WSA002
    audit_log.write(store)
    return await registry.Registry().get_store_manager(name)  # expect: WSA001


async def look_alikes(name, given):
    remote = RemoteRegistry()
    store = await remote.get_store_manager(name)  # the subclass overrides it with an async def
    plugin = await PluginRegistry().get_store_manager(name)  # a base from elsewhere comes first
    other = await given.get_store_manager(name)  # a parameter: any object
    reused = Registry()
    reused = RemoteRegistry()
    also = await reused.get_store_manager(name)  # bound twice: either class
    return store, plugin, other, also
