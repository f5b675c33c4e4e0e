class SessionManager:
    def __init__(self, app_name):
        self.app_name = app_name

    def open(self):
        return self


class InMemorySessionService:
    async def get_session_manager(self, app_name):
        return SessionManager(app_name)

    def get_local_manager(self, app_name):
        return SessionManager(app_name)
