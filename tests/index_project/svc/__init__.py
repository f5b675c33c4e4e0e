"""The service layer's public names, re-exported from where they are defined."""
from .managers import get_fast_manager, get_lock_manager, get_lock_manager_async, get_queue_manager

get_default_manager = get_lock_manager

__all__ = [
    "get_default_manager", "get_fast_manager", "get_lock_manager", "get_lock_manager_async",
    "get_queue_manager",
]
