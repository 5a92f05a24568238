import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.cases.models import Case
from ingang.people.models import Person


class MeetingChannel(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class MeetingState(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """A booked meeting in a person's coordination case (category plan).

    Owned by the booker's agency; joint when the participants come from more
    than one agency. Read only through ingang.access (a Source of category plan).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="meetings")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meetings", verbose_name=_("participants")
    )
    person_attends = models.BooleanField(_("the person takes part"), default=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    channel = models.CharField(_("channel"), max_length=10, choices=MeetingChannel.choices)
    # The visit address, or the phone number / video link details.
    place = models.CharField(_("place or details"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    state = models.CharField(
        max_length=10, choices=MeetingState.choices, default=MeetingState.BOOKED
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["person", "starts_at"], name="meeting_person_start"),
            models.Index(fields=["state", "reminded_at", "starts_at"], name="meeting_reminder_due"),
        ]

    def __str__(self) -> str:
        return f"Meeting {self.public_id}"

    @property
    def is_cancelled(self) -> bool:
        return self.state == MeetingState.CANCELLED
