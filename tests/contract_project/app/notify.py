class Notifier:
    """Handed a manager factory at start-up (the real one, or a test's fake)."""

    def __init__(self, factory):
        self.factory = factory

    async def push(self, ctx, message):
        # The tests' async fake stands for this factory only in tests: here the real,
        # sync factory runs, and awaiting its manager fails.
        manager = await self.factory.get_websocket_manager(ctx)  # expect: WSA001
        manager.send(message)
