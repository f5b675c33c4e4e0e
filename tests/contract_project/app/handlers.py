try:
    from vendor_client import update_user
except ImportError:  # the client is optional
    update_user = None


async def save_remote(user_id):
    # The import names the target: the vendor's sync update_user.
    return await update_user(user_id)  # expect: WSA001


async def save_local(handler, user_id):
    # `handler` may be the project's UserService, whose update_user is async.
    return await handler.update_user(user_id)
