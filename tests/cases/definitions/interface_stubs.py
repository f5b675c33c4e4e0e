# wsawait-path: app/registry/base.py
# wsawait-config: wsawait-infer-names = get_*_by_*
"""Not reported: a plain-def stub is an interface; implementations elsewhere may be async."""


class RegistryBase:
    def get_app_by_name(self, name):
        """Implemented by subclasses (some of them `async def`)."""
        raise NotImplementedError

    def get_user_by_id(self, user_id):
        ...

    async def enable(self, name):
        app = await self.get_app_by_name(name)
        user = await self.get_user_by_id(app.owner)
        return app, user


class ConcreteSyncRegistry:
    def get_team_by_id(self, team_id):
        return {"id": team_id}

    async def team(self, team_id):
        return await self.get_team_by_id(team_id)  # expect: WSA001
