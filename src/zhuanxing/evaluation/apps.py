from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "zhuanxing.evaluation"
    verbose_name = _("Per-mu efficiency evaluation")

    def ready(self) -> None:
        from zhuanxing.analytics.efficiency_classes import register_classes_reader

        from . import jobs  # noqa: F401  registers the background jobs
        from .selectors import published_classes, published_version

        register_classes_reader(published_classes, published_version)
