"""Two storage backends; the configuration picks one at start-up."""


class RedisBackend:
    def __init__(self, url):
        self.url = url

    async def get_lock_manager(self):
        return {"backend": "redis", "url": self.url}

    async def get_cache_manager(self):
        return {"backend": "redis"}


class MemoryBackend:
    def __init__(self, url=None):
        self.url = url

    async def get_lock_manager(self):
        return {"backend": "memory"}

    def get_cache_manager(self):
        return {"backend": "memory"}
