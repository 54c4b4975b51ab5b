"""The policy in force for the running Django site (the file named by the POLICY_PATH setting).

Kept apart from the package's pure modules: this one reads Django settings.
"""

import hashlib

from django.conf import settings

from . import Policy, get_active_policy

_DIGESTS: dict[int, tuple[Policy, str]] = {}


def policy_in_force() -> Policy:
    return get_active_policy(settings.ZHUANXING["POLICY_PATH"])


def policy_digest(policy: Policy) -> str:
    """A digest of every rule of ``policy`` (computed once per policy object): cached results
    computed under one policy are never served under another."""
    found = _DIGESTS.get(id(policy))
    if found is None or found[0] is not policy:
        digest = hashlib.sha256(policy.model_dump_json().encode()).hexdigest()[:16]
        _DIGESTS.clear()
        _DIGESTS[id(policy)] = found = (policy, digest)
    return found[1]
