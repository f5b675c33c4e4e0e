class UserService:
    """The project's own service: its update_user is a coroutine function."""

    def __init__(self, db):
        self.db = db

    async def update_user(self, user_id, **fields):
        await self.db.execute("UPDATE users SET ...", user_id, fields)
        return {"id": user_id, **fields}
