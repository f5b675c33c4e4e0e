import os

from shop.managers.backends import MemoryBackend, RedisBackend


def make_backend():
    url = os.environ.get("REDIS_URL")
    return RedisBackend(url) if url else MemoryBackend()


async def with_lock(key):
    backend = make_backend()
    locks = backend.get_lock_manager()  # expect: WSA002
    return locks[key]


async def cached(key):
    backend = make_backend()
    cache = backend.get_cache_manager()  # either kind: not reported
    return cache[key]
