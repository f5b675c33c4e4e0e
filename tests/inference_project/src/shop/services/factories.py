"""Getters reached through names bound to them: inference follows the binding."""
from shop.managers import cache
from shop.managers.cache import get_cache_manager

factory = get_cache_manager
async_factory = cache.get_cache_manager_async


async def via_factory():
    return await factory()  # expect: WSA001


async def via_async_factory():
    return async_factory().get("k")  # expect: WSA002
