from svc import get_lock_manager
from svc.metrics import timed

# Re-bound after the import: the module's own name now holds whatever timed() returns.
get_lock_manager = timed(get_lock_manager)


async def locked(name):
    return await get_lock_manager(name)
