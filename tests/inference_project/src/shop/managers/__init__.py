# Re-exports: callers import the getters from the package.
from .cache import get_cache_manager, get_cache_manager_async
from .db import get_db_manager as get_database_manager
from .queues import Registry, get_queue_manager

__all__ = [
    "Registry", "get_cache_manager", "get_cache_manager_async", "get_database_manager", "get_queue_manager",
]
