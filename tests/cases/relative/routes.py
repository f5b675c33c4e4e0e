# wsawait-path: app/api/routes.py
# wsawait-config: wsawait-sync-getters = app.db.get_database_manager
# Relative imports resolve from the file's module path (app.api.routes).
from .. import db
from ..db import get_database_manager
from ..db import get_database_manager as parent_gdm
from .db import get_database_manager as sibling_gdm


async def handler():
    a = await get_database_manager()  # expect: WSA001
    b = await parent_gdm()  # expect: WSA001
    c = await db.get_database_manager()  # expect: WSA001
    d = await sibling_gdm()  # app.api.db is another module
    return a, b, c, d
