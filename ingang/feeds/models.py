"""Activity cards pushed by an agency's own system, and every message that carried one.

A card is the agency system's view of one plan activity, known by (agency,
source system, card id). The activity itself lives in ingang.plans and is
written only through its services; the card remembers which activity it became
and the newest message applied, so replays and late messages change nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.api.models import ApiClient
from ingang.people.models import Person
from ingang.plans.models import Activity


class FeedCard(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    source_system = models.CharField(_("source system"), max_length=100)
    external_id = models.CharField(_("card id"), max_length=100)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    activity = models.OneToOneField(
        Activity, on_delete=models.PROTECT, related_name="feed_card", verbose_name=_("activity")
    )
    # Order of the newest applied message: its sequence number, else its updated_at.
    last_sequence = models.BigIntegerField(null=True, blank=True)
    last_updated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activity card")
        verbose_name_plural = _("activity cards")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source_system", "external_id"], name="feed_card_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.external_id}"


class Outcome(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    # Older than the newest applied message of the card: recorded, not applied.
    STALE = "stale", _("Out of order, not applied")
    # Not applied for now (an update before its create, or the person not reachable
    # through the gate): the same message may be sent again and is then processed anew.
    RETRY = "retry", _("Not applied yet; may be sent again")
    REJECTED = "rejected", _("Rejected")

    @property
    def is_final(self) -> bool:
        """A final answer is repeated for a replay; a retry is processed again."""
        return self is not Outcome.RETRY


class FeedMessage(models.Model):
    """One received message, kept whatever became of it (the feed's own log)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    source_system = models.CharField(_("source system"), max_length=100)
    message_id = models.CharField(_("message id"), max_length=100)
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    card = models.ForeignKey(
        FeedCard, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    external_id = models.CharField(_("card id"), max_length=100, blank=True)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=1)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    # The answer given, repeated word for word when the message is replayed.
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField(default=dict)
    error = models.CharField(_("error"), max_length=40, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("feed message")
        verbose_name_plural = _("feed messages")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source_system", "message_id"], name="feed_message_unique"
            )
        ]
        indexes = [models.Index(fields=["card", "received_at"], name="feed_message_card")]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.message_id}"
