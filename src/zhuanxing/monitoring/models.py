"""Producer price indices (工业生产者出厂价格指数) the city administrator enters or imports, to
state value-added growth at comparable prices (可比价)."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MONTH_FIELD = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("A month such as 2012-06."))
DIVISION_FIELD = RegexValidator(
    r"^(\d{2})?$", _("A GB/T 4754 division code (two digits) or empty.")
)


class PriceIndex(models.Model):
    """工业生产者出厂价格指数 (上年同月 = 100) of one month, for one GB/T 4754 division (大类) or,
    with ``division`` empty, for all industry. Growth at comparable prices deflates each month
    by its division's index, else the general one (``analysis.comparable_growth``)."""

    month = models.CharField(_("month"), max_length=7, validators=[MONTH_FIELD])
    division = models.CharField(
        _("industry division"), max_length=2, blank=True, default="", validators=[DIVISION_FIELD]
    )
    value = models.DecimalField(
        _("index (same month last year = 100)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("producer price index")
        verbose_name_plural = _("producer price indices")
        ordering = ["month", "division"]
        constraints = [
            models.UniqueConstraint(fields=["month", "division"], name="price_index_month_division")
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.division or '*'} {self.value}"
