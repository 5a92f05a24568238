"""The joint action plan (gemensam handlingsplan): one per coordination case.

Plan, sub-goals and activities are plan data (Category.PLAN) owned by the
agency that recorded them; they are read only through the gate and written
only through ingang.plans.services. Every change is kept in their history
(django-simple-history) with the acting user.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]

from ingang.agencies.models import Agency
from ingang.cases.models import Case
from ingang.people.models import Person
from ingang.plans.catalogue import ActivityType


class Plan(models.Model):
    """The person's plan: their own goal, in their own words."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="plan")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="plans")
    # The agency that recorded the goal as it stands now.
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    goal = models.TextField(_("the person's goal"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Plan of case {self.case_id}"


class SubGoal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="sub_goals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("sub-goal"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    PAUSED = "paused", _("Paused")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")

    @property
    def is_active(self) -> bool:
        """Cancelled and done activities no longer take part in clash detection."""
        return self not in (ActivityStatus.DONE, ActivityStatus.CANCELLED)


class Activity(models.Model):
    """An activity (insats) in the plan, carried out under one agency's responsibility."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="activities")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The responsible agency: only its staff change the activity.
    owning_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible agency")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible staff member"),
    )
    type = models.CharField(_("type"), max_length=32, choices=ActivityType.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sub_goal = models.ForeignKey(
        SubGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("serves"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    percent = models.PositiveSmallIntegerField(_("percent"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True) ^ models.Q(percent__isnull=True),
                name="activity_one_extent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.start_date}"

    # Django's own get_FOO_display rebuilds and hashes the lazy choices on every
    # call; a plan page calls these dozens of times. Django keeps a method the
    # class defines itself (the stubs declare the generated one, hence no-redef).
    def get_type_display(self) -> str:  # type: ignore[no-redef]
        return str(_TYPE_LABELS.get(self.type, self.type))

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        return str(_STATUS_LABELS.get(self.status, self.status))


_TYPE_LABELS = dict(ActivityType.choices)
_STATUS_LABELS = dict(ActivityStatus.choices)


class Clash(models.Model):
    """A clash found in a plan by one rule of ingang.plans.clashes.

    Kept under a stable key (rule and activity ids), so an acknowledgement
    survives recomputation; a clash no longer found is marked resolved.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="clashes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    # Numbers and dates for the explanation, shown only when every activity is visible.
    facts = models.JSONField(default=dict)
    detected_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    justification = models.TextField(blank=True)
    # Annotated by selectors.clashes_open_for_staff: the agency through which the clash
    # concerns the staff member, so a list gate can treat it as that agency's plan data.
    owning_agency_id: int

    class Meta:
        ordering = ["detected_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="clash_unique_key"),
        ]

    def __str__(self) -> str:
        return self.key


class ClashParty(models.Model):
    """One activity involved in a clash, with its agency: the unit the gate reads clashes by."""

    clash = models.ForeignKey(Clash, on_delete=models.CASCADE, related_name="parties")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["activity__start_date", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["clash", "activity"], name="clash_party_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.clash_id}:{self.activity_id}"
