"""Services handed their managers: astroid cannot follow a parameter's value,
its annotation says what it holds."""
from dataclasses import dataclass
from typing import Annotated, Any, Optional, TypeVar, Union

from fastapi import Depends

from shop.managers.hub import BaseLedger, FakeHub, ManagerHub, PaymentGateway

HubT = TypeVar("HubT", bound=ManagerHub)


def current_hub() -> ManagerHub:
    return ManagerHub({})


class CheckoutService:
    def __init__(self, hub: ManagerHub, fallback: Optional["ManagerHub"] = None) -> None:
        self.hub = hub
        self.fallback = None
        if fallback is not None:
            self.fallback = fallback

    async def charge(self, order) -> None:
        payments = self.hub.get_payment_manager()  # expect: WSA002
        await payments.charge(order, order.total)

    async def settings(self) -> dict[str, Any]:
        config = await self.hub.get_config_manager()  # expect: WSA001
        return config.values

    async def retry(self, order) -> None:
        payments = self.fallback.get_payment_manager()  # expect: WSA002
        await payments.charge(order, order.total)

    async def report(self):
        # StreamingHub, in the hub's module, overrides it with a coroutine.
        return await self.hub.get_report_manager()


@dataclass
class RefundService:
    hub: ManagerHub

    async def refund(self, order) -> None:
        payments = await self.hub.get_payment_manager()
        await payments.charge(order, -order.total)

    async def audit(self):
        return await self.hub.get_config_manager()  # expect: WSA001


async def checkout_endpoint(order, hub: Annotated[ManagerHub, Depends(current_hub)]):
    payments = hub.get_payment_manager()  # expect: WSA002
    await payments.charge(order, order.total)


async def refund_endpoint(order, hub: "ManagerHub | None" = None):
    payments = hub.get_payment_manager()  # expect: WSA002
    await payments.charge(order, -order.total)


async def preview(order, hub: Union[ManagerHub, FakeHub]):
    # FakeHub's payment manager is plain: which one runs depends on the caller.
    payments = hub.get_payment_manager()
    return payments


async def untyped(order, hub):
    payments = hub.get_payment_manager()
    return payments


async def loosely_typed(order, hub: Any, typed: HubT):
    first = hub.get_payment_manager()
    second = typed.get_payment_manager()
    return first, second


async def rebound(order, hub: ManagerHub):
    hub = order.hub
    return hub.get_payment_manager()


class GatewayAdapter:
    _gateway: PaymentGateway

    def __init__(self, gateway: PaymentGateway, ledger: BaseLedger) -> None:
        self._gateway = gateway
        self._ledger = ledger

    def payments(self):
        # The Protocol declares a coroutine; this driver's method is plain.
        return self._gateway.get_payment_manager().charge

    def ledger(self):
        # An interface's body: its overrides elsewhere may be plain.
        return self._ledger.get_ledger_manager().entries


def configured_hub(settings) -> ManagerHub:
    return settings.hub_factory(settings)


async def connected_hub(settings) -> "ManagerHub":
    return await settings.connect_hub()


async def nightly_charge(settings, order) -> None:
    # The factories' bodies cannot be followed: their return annotations say what they give.
    hub = configured_hub(settings)
    payments = hub.get_payment_manager()  # expect: WSA002
    await payments.charge(order, order.total)
    live: ManagerHub = settings.live_hub
    config = await live.get_config_manager()  # expect: WSA001
    connected = await connected_hub(settings)
    connected.get_payment_manager().charge(order, 0)  # expect: WSA002
    pending = connected_hub(settings)
    # A coroutine, not a ManagerHub: what its attribute would be is not the hub's method.
    return pending.get_payment_manager()
