import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.cases.models import Case
from ingang.meetings.models import Meeting
from ingang.people.models import Person


class ContactChannel(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone")
    WEB_FORM = "web_form", _("Web form")
    LETTER = "letter", _("Letter")


class ContactState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Contact(models.Model):
    """One contact at the one door in, handled the same whatever the channel.

    Category notes: the need is free text in the person's own words. Owned by
    the registering staff member's agency. Closed only with a next step and a
    booked next meeting (ingang.intake.services.contact_close).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contacts")
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ContactChannel.choices)
    need = models.TextField(_("the need in the person's own words"))
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(max_length=10, choices=ContactState.choices, default=ContactState.OPEN)
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    next_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            # The rule of the one door in, kept by the database too.
            models.CheckConstraint(
                condition=models.Q(state="open")
                | (models.Q(next_meeting__isnull=False) & ~models.Q(next_step="")),
                name="contact_closed_has_next_step_and_meeting",
            )
        ]
        indexes = [models.Index(fields=["state", "received_at"], name="contact_state_received")]

    def __str__(self) -> str:
        return f"Contact {self.public_id}"
