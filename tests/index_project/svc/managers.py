from .decorators import to_coroutine

try:
    from fastlocks import get_fast_manager
except ImportError:  # the C accelerator is optional
    def get_fast_manager():
        return LockManager("fast")


class LockManager:
    def __init__(self, name):
        self.name = name
        self.held = set()

    def acquire(self, key):
        self.held.add(key)


def get_lock_manager(name="default"):
    return LockManager(name)


async def get_lock_manager_async(name="default"):
    return get_lock_manager(name)


@to_coroutine
def get_queue_manager(name="default"):
    return LockManager(name)
