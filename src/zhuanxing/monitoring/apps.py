from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "zhuanxing.monitoring"
    verbose_name = _("Operation monitoring")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  registers the background jobs
