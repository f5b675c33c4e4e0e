"""The base of every report job."""


class ReportJob:
    def get_storage_manager(self):
        """Where the report goes: each job decides (some of them asynchronously)."""
        raise NotImplementedError

    def get_audit_manager(self):
        return {"sink": "log"}
