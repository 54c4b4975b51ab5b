from django.apps import AppConfig
from django.conf import settings


class PolicyConfig(AppConfig):
    name = "zhuanxing.policy"
    verbose_name = "Policy"

    def ready(self) -> None:
        # Load (and validate) the policy in force at start-up: a broken file stops the process
        # with the file, the key and the reason, before any request is served.
        from zhuanxing.policy import get_active_policy

        get_active_policy(settings.ZHUANXING["POLICY_PATH"])
