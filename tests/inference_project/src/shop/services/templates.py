"""A job relying on the manager getters of a base class defined elsewhere."""
import logging

from shop.jobs.base import ReportJob

logger = logging.getLogger(__name__)


class NightlyReport(ReportJob):
    async def run(self, rows):
        storage = await self.get_storage_manager()  # the base only declares it
        audit = await self.get_audit_manager()  # expect: WSA001
        logger.info("storing %d rows with %s", len(rows), audit)
        await storage.write(rows)
