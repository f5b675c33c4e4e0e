class CacheManager:
    def get(self, key):
        return key


_cache = None


def get_cache_manager():
    """Sync: returns the manager itself (a module-level singleton)."""
    global _cache
    if _cache is None:
        _cache = CacheManager()
    return _cache


async def get_cache_manager_async():
    return get_cache_manager()
