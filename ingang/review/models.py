import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.audit.models import AccessEvent
from ingang.people.models import Person


class WellKnownPerson(models.Model):
    """A person auditors marked as well-known (public figure, colleague's relative in the news …).

    Every read of their data is flagged in log review.
    """

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    reason = models.CharField(_("reason"), max_length=200)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("well-known person")
        verbose_name_plural = _("well-known people")

    def __str__(self) -> str:
        return f"Well-known {self.person_id}"


class StaffIdentity(models.Model):
    """What the staff register (HR) says about a staff member, used only to match
    readers against the people they read (own record, colleague, shared address).

    Without an identity number, log review falls back to matching by name.
    """

    staff = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="register_identity",
        verbose_name=_("staff member"),
    )
    personal_number = models.CharField(_("identity number"), max_length=12, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("staff register details")
        verbose_name_plural = _("staff register details")

    def __str__(self) -> str:
        return f"Register details of {self.staff_id}"


class ReviewKind(models.TextChoices):
    SAMPLE = "sample", _("Random sample")
    CHECK = "check", _("Targeted check")


class Conclusion(models.TextChoices):
    NO_REMARK = "no_remark", _("No remark")
    EXPLAINED = "explained", _("Remark, explained")
    ACTION = "action", _("Remark, action needed")


class LogReview(models.Model):
    """One recorded log review: who examined what, the conclusion and the follow-up.

    `scope` holds what was examined (kind, check, period, unit, seed, size)
    so a sample can be drawn again; `events` the events examined (at most
    REVIEW_MAX_EXAMINED of them; `examined_count` is the full number).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices)
    check_code = models.CharField(_("check"), max_length=32, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    unit_label = models.CharField(_("unit"), max_length=250, blank=True)
    scope = models.JSONField(default=dict)
    events = models.ManyToManyField(AccessEvent, related_name="+", blank=True)
    examined_count = models.PositiveIntegerField(default=0)
    people_count = models.PositiveIntegerField(default=0)
    conclusion = models.CharField(_("conclusion"), max_length=12, choices=Conclusion.choices)
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        verbose_name = _("log review")
        verbose_name_plural = _("log reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="log_review_period_ordered",
            ),
            # A remark that needs action must say what follows.
            models.CheckConstraint(
                condition=~models.Q(conclusion="action") | ~models.Q(follow_up=""),
                name="log_review_action_has_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"Log review {self.public_id}"
