import asyncio


class QueueManager:
    def push(self, item):
        return item


class Registry:
    def get_queue_manager(self):
        return QueueManager()

    async def get_stream_manager(self):
        return QueueManager()


def get_queue_manager():
    return Registry().get_queue_manager()


def get_pending_manager():
    """A plain def returning a coroutine: awaiting its result is right."""
    return _load()


async def _load():
    return QueueManager()


def get_task_manager():
    """A plain def returning a Task: awaitable too."""
    return asyncio.ensure_future(_load())


def get_dynamic_manager(kind):
    """Uncertain: the value comes from a table inference cannot follow."""
    return _FACTORIES[kind]()


_FACTORIES = {}
