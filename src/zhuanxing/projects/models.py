"""Major industrial projects (重大产业项目, clauses 十二–十五): the registry, the yearly plan,
monthly progress, the problems log for coordination meetings, and screenings of new projects
against the city's energy and emission averages (clause 十四)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zhuanxing.accounts.access import RestrictedQuerySet


class ProjectKind(models.TextChoices):
    """The kinds clause 十二 names, and new investment (clause 十三)."""

    ZERO_LAND = "zero_land", _("Zero-new-land renovation")  # 零增地技改
    STOCK = "stock", _("Stock upgrading")  # 存量提升
    RESTRUCTURING = "restructuring", _("Structural adjustment")  # 结构调整
    INNOVATION = "innovation", _("Commercialisation of innovation")  # 创新成果产业化
    SERVICES = "services", _("Producer services")  # 生产性服务业
    NEW = "new", _("New investment")  # 新引进项目


class InvestorSource(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic")
    FOREIGN = "foreign", _("Foreign")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BUILDING = "building", _("Under construction")
    FINISHED = "finished", _("Finished")


class ProjectQuerySet(RestrictedQuerySet):
    """``restrict(user, action)`` by the project's org unit; an enterprise user sees the projects
    their enterprise owns."""

    scope_path_field = "org_unit__path"
    scope_enterprise_field = "owner_id"


class Project(models.Model):
    """A major industrial project (重大产业项目). Money in 万元, land in mu, energy and emissions
    at full production per year."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("owner enterprise"),
    )
    investor_name = models.CharField(
        _("new investor"), max_length=200, blank=True, help_text=_("When there is no owner yet")
    )
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="projects",
        verbose_name=_("org unit"),
    )  # fmt: skip
    kind = models.CharField(_("type"), max_length=20, choices=ProjectKind.choices)
    category_1244 = models.CharField(_("1244 category"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    total_investment = models.DecimalField(
        _("total investment"), max_digits=14, decimal_places=2, help_text=_("万元")
    )
    land_mu = models.DecimalField(_("land"), max_digits=12, decimal_places=2, default=0)
    new_land = models.BooleanField(_("new land"), default=False)
    start_date = models.DateField(_("start"))
    finish_date = models.DateField(_("planned finish"))
    investor_source = models.CharField(
        _("investor source"), max_length=10, choices=InvestorSource.choices,
        default=InvestorSource.DOMESTIC,
    )  # fmt: skip
    fortune_500 = models.BooleanField(_("Fortune 500"), default=False)
    central_soe = models.BooleanField(_("central SOE"), default=False)
    industry_leader = models.BooleanField(_("industry leader"), default=False)
    expected_output = models.DecimalField(
        _("expected output"), max_digits=14, decimal_places=2, default=0
    )
    expected_va = models.DecimalField(_("expected VA"), max_digits=14, decimal_places=2, default=0)
    expected_tax = models.DecimalField(
        _("expected tax"), max_digits=14, decimal_places=2, default=0
    )
    energy_tce = models.DecimalField(
        _("energy other than electricity"), max_digits=14, decimal_places=2, default=0,
        help_text=_("tonnes of standard coal a year"),
    )  # fmt: skip
    electricity_kwh = models.BigIntegerField(_("electricity"), default=0, help_text=_("kWh"))
    cod_t = models.DecimalField(_("COD"), max_digits=12, decimal_places=3, default=0)
    nh3n_t = models.DecimalField(_("NH3-N"), max_digits=12, decimal_places=3, default=0)
    so2_t = models.DecimalField(_("SO2"), max_digits=12, decimal_places=3, default=0)
    nox_t = models.DecimalField(_("NOx"), max_digits=12, decimal_places=3, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-total_investment", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    @property
    def investor(self) -> str:
        return self.owner.name if self.owner_id else self.investor_name

    @property
    def notable_investor(self) -> bool:
        return self.fortune_500 or self.central_soe or self.industry_leader


class PlanEntryQuerySet(RestrictedQuerySet):
    scope_path_field = "project__org_unit__path"
    scope_enterprise_field = "project__owner_id"


class PlanEntry(models.Model):
    """A project's investment planned for one year (年度计划投资); ``in_plan`` once the city puts
    it in that year's major-project plan (年度重大项目计划)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plan_entries")
    year = models.PositiveSmallIntegerField(_("year"))
    planned_investment = models.DecimalField(
        _("planned investment"), max_digits=14, decimal_places=2, help_text=_("万元")
    )
    milestones = models.CharField(_("milestones"), max_length=300, blank=True)
    in_plan = models.BooleanField(_("in the annual plan"), default=False)

    history = HistoricalRecords()
    objects = PlanEntryQuerySet.as_manager()

    class Meta:
        ordering = ["year", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="plan_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class Progress(models.Model):
    """What a project completed in one month (月度进度): investment (万元) and the milestone
    reached."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    investment = models.DecimalField(
        _("investment completed"), max_digits=14, decimal_places=2, help_text=_("万元")
    )
    milestone = models.CharField(_("milestone"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = PlanEntryQuerySet.as_manager()

    class Meta:
        ordering = ["year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"


class Problem(models.Model):
    """A problem raised for the coordination meeting (协调会): who must solve it, by when, and how
    it was solved."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="problems")
    description = models.CharField(_("problem"), max_length=500)
    department = models.CharField(_("owner department"), max_length=100)
    raised_on = models.DateField(_("raised on"))
    deadline = models.DateField(_("deadline"))
    resolution = models.CharField(_("resolution"), max_length=500, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PlanEntryQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.description


class ScreeningQuerySet(RestrictedQuerySet):
    scope_path_field = "org_unit__path"
    scope_enterprise_field = "project__owner_id"


class Screening(models.Model):
    """One screening of a new project (新建项目能耗排放审查), kept as it was decided: the inputs,
    the city averages used and the verdict, so the printed verdict can be filed."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="screenings"
    )
    name = models.CharField(_("name"), max_length=200)
    org_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    inputs = models.JSONField(_("inputs"))
    result = models.JSONField(_("result"))
    approved = models.BooleanField(_("approved"))
    review_tier = models.CharField(_("review tier"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name
