class LegacyDatabase:
    def fetch(self, query):
        return query


def get_db_manager():
    """Sync: the same name as the async getter in shop.managers.db."""
    return LegacyDatabase()
