# wsawait-path: app/users/service.py
# wsawait-config: wsawait-sync-getters = get_user
# wsawait-config: wsawait-infer-names = get_*manager*
"""A configured sync name that this file defines as `async def`: the definition decides.
The file never says `await`, so only its definition makes it worth parsing."""


async def get_user(user_id):
    return {"id": user_id}


async def profile(user_id):
    return get_user(user_id)["name"]  # expect: WSA002


def legacy_profile(user_id):
    return get_user(user_id)  # delegation: not reported
