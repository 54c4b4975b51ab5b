"""Field validators backed by the reference standards."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhuanxing.reference import industry, uscc


def validate_uscc(value: str) -> None:
    result = uscc.check_uscc(value)
    if not result.valid:
        raise ValidationError(
            _("Invalid unified social credit code %(code)s: %(reason)s"),
            code=f"uscc_{result.reason_code}",
            params={"code": value, "reason": result.reason},
        )


def validate_industry_class(value: str) -> None:
    if not industry.is_class(value):
        raise ValidationError(
            _("%(code)s is not a GB/T 4754-2017 class (4-digit 小类) code"),
            code="industry_code",
            params={"code": value},
        )
