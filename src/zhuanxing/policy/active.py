"""The policy in force for the running Django site (the file named by the POLICY_PATH setting).

Kept apart from the package's pure modules: this one reads Django settings.
"""

from django.conf import settings

from . import Policy, get_active_policy


def policy_in_force() -> Policy:
    return get_active_policy(settings.ZHUANXING["POLICY_PATH"])
