"""The container of managers that request handlers are handed."""
from typing import Any, Protocol


class ConfigManager:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values


class PaymentManager:
    async def charge(self, order, amount: int) -> None:
        await order.gateway.charge(amount)


class ManagerHub:
    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings

    def get_config_manager(self) -> ConfigManager:
        return ConfigManager(self.settings)

    async def get_payment_manager(self) -> PaymentManager:
        return PaymentManager()

    def get_report_manager(self) -> ConfigManager:
        return ConfigManager({})


class StreamingHub(ManagerHub):
    # Overrides a plain method with a coroutine: a ManagerHub may hold either.
    async def get_report_manager(self) -> ConfigManager:
        return ConfigManager({"stream": True})


class FakeHub:
    """Tests hand this in: its payment manager is plain."""

    def get_payment_manager(self) -> PaymentManager:
        return PaymentManager()


class PaymentGateway(Protocol):
    """What the drivers provide; some drivers' managers are plain objects."""

    async def get_payment_manager(self) -> PaymentManager: ...


class BaseLedger:
    async def get_ledger_manager(self):
        raise NotImplementedError
