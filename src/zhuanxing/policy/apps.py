from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "zhuanxing.policy"
    verbose_name = "Policy"

    def ready(self) -> None:
        # Load (and validate) the policy in force at start-up: a broken file stops the process
        # with the file, the key and the reason, before any request is served.
        from .active import policy_in_force

        policy_in_force()
