import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency


class Association(models.Model):
    """A coordination association (samordningsförbund) under the Finsam act."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    # The association's own staff (analysts) belong to this agency.
    agency = models.OneToOneField(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="association"
    )
    # What the charter (förbundsordning) says: with the region, the state pays 50 %,
    # the region 25 % and the municipalities 25 %; without it the municipalities pay 50 %.
    region_is_member = models.BooleanField(_("the region is a member"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coordination association")
        verbose_name_plural = _("coordination associations")

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    IMPLEMENTED = "implemented", _("Implemented in regular work")
    ENDED = "ended", _("Ended")


class Project(models.Model):
    """A project or activity (insats) financed by an association; people participate in it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    owner = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    description = models.TextField(_("description"), blank=True)
    method = models.TextField(_("method"), blank=True)
    # Whole kronor: the budget for the whole project period and the costs so far.
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=0, default=0)
    costs = models.DecimalField(_("costs so far"), max_digits=14, decimal_places=0, default=0)

    class Meta:
        ordering = ["association__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="project_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0, costs__gte=0), name="project_money_not_negative"
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name


class MemberKind(models.TextChoices):
    """Who may be a member under the Finsam act (2003:1210)."""

    # Försäkringskassan is the state's member and covers Arbetsförmedlingen.
    STATE = "state", _("State (Försäkringskassan incl. Arbetsförmedlingen)")
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")


class Member(models.Model):
    """A member of an association. Municipalities share their part by an agreed key."""

    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="members")
    kind = models.CharField(_("kind"), max_length=20, choices=MemberKind.choices)
    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The agreed key for sharing the municipalities' part, e.g. the population.
    # Only used for municipalities; required when there are several.
    share_key = models.DecimalField(
        _("sharing key"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["association__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="member_unique_name"),
        ]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.name


class BoardSeat(models.Model):
    """A member's representative on the board (ordinary or deputy)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="board_seats")
    name = models.CharField(_("name"), max_length=200)
    deputy = models.BooleanField(_("deputy"), default=False)
    chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        ordering = ["member__kind", "member__name", "deputy", "name"]
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")

    def __str__(self) -> str:
        return self.name


class BudgetYear(models.Model):
    """The members' total contribution to the association for one year, in whole kronor."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="budget_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total_contribution = models.DecimalField(
        _("total contribution"), max_digits=14, decimal_places=0
    )

    class Meta:
        ordering = ["association__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="budget_year_unique"),
            models.CheckConstraint(
                condition=models.Q(total_contribution__gt=0), name="budget_year_positive"
            ),
        ]
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")

    def __str__(self) -> str:
        return f"{self.association} {self.year}"


class FundingKind(models.TextChoices):
    ASSOCIATION = "association", _("The coordination association")
    ESF = "esf", _("European Social Fund (ESF)")
    MUNICIPALITY = "municipality", _("Municipality, own funds")
    REGION = "region", _("Region, own funds")
    AF = "af", _("Arbetsförmedlingen, own funds")
    FK = "fk", _("Försäkringskassan, own funds")
    OTHER = "other", _("Other")


class ProjectFunding(models.Model):
    """One source of a project's funding."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="funding")
    kind = models.CharField(_("source"), max_length=20, choices=FundingKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="funding_unique_kind"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_positive"),
        ]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return f"{self.project}: {self.kind}"


class Perspective(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    RENEWAL = "renewal", _("Renewal and development")
    WORKING_METHODS = "working_methods", _("Working methods and processes")
    ECONOMY = "economy", _("Economy")


class Measure(models.TextChoices):
    """Where an indicator's outcome comes from: the system's data, or entered by hand."""

    MANUAL = "manual", _("Entered by hand")
    PARTICIPANTS = "participants", _("Participants who entered during the year")
    WORK_OR_STUDIES = "work_or_studies", _("Share in work or studies at exit (%)")
    BUDGET_USED = "budget_used", _("Budget used by the year's projects (%)")


class Indicator(models.Model):
    """A scorecard (styrkort) indicator with its target for a year."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="indicators"
    )
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    name = models.CharField(_("indicator"), max_length=200)
    measure = models.CharField(
        _("measure"), max_length=20, choices=Measure.choices, default=Measure.MANUAL
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    # False for indicators where a lower value is better (e.g. cost per participant).
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["association__name", "perspective", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="indicator_unique_name"),
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """A quarter's outcome and forecast for an indicator, entered by hand."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    # Blank outcome on a measured indicator: the system's figure is used.
    outcome = models.DecimalField(
        _("outcome"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    forecast = models.DecimalField(
        _("forecast for the year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"], name="indicator_value_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="indicator_value_quarter"
            ),
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} Q{self.quarter}"


class UnitValueSet(models.Model):
    """One version of the socio-economic unit values. A saved version never changes:
    editing creates the next version, so every evaluation names the values it used."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    note = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("unit value version")
        verbose_name_plural = _("unit value versions")

    def __str__(self) -> str:
        return f"v{self.version}"


class UnitValue(models.Model):
    """One unit value (an amount per person-year, a rate or a model parameter)."""

    value_set = models.ForeignKey(UnitValueSet, on_delete=models.PROTECT, related_name="values")
    key = models.CharField(_("key"), max_length=60)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["value_set", "key"]
        constraints = [
            models.UniqueConstraint(fields=["value_set", "key"], name="unit_value_unique_key"),
        ]
        verbose_name = _("unit value")
        verbose_name_plural = _("unit values")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
