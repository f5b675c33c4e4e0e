# wsawait-path: app/registry/cached.py
# wsawait-config: wsawait-infer-names = get_*_by_*
"""Not reported: overrides of the other kind make the call uncertain."""
from app.models import App


class BaseRegistry:
    async def get_app_by_name(self, name):
        return App(name)

    async def enable(self, name):
        app = self.get_app_by_name(name)  # a subclass below overrides it with a plain def
        app.enabled = True


class CachedRegistry(BaseRegistry):
    def get_app_by_name(self, name):
        return self.cache[name]


class ReportClient:
    async def get_report_by_day(self, day):
        return await self.http.get(day)


class ReportCache:
    def get_report_by_day(self, day):
        return {"day": day}


def summary(source, day):
    # Same-named methods of two classes disagree: `source` may be either.
    return source.get_report_by_day(day)["total"]
