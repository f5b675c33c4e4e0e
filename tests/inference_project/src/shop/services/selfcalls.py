class Checkout:
    def get_cart_manager(self):
        return {}

    async def get_payment_manager(self):
        return []

    async def run(self):
        cart = await self.get_cart_manager()  # expect: WSA001
        self.get_payment_manager()  # expect: WSA002
        payment = await self.get_payment_manager()
        return cart, payment
