from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "zhuanxing.assessment"
    verbose_name = _("County assessment")

    def ready(self):
        from zhuanxing.analytics.assessment_scoring import register_targets_reader

        from .selectors import all_targets

        register_targets_reader(all_targets)
