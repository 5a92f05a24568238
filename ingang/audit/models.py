import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.people.models import Person


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    DENIED = "denied", _("Denied")


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")
    COMMAND = "command", _("Command")
    PORTAL = "portal", _("My pages")


class AccessEvent(models.Model):
    """One read of a person's data, or one denied attempt. Append-only.

    Who read is kept twice: as a foreign key for queries and as a snapshot of
    name, agency, unit and role at the time, so later staff changes never
    rewrite history. `digest` commits to the event's content and `chain_hash`
    links it to the event before (see ingang.audit.chain).
    """

    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200)
    actor_agency = models.CharField(max_length=200)
    actor_agency_id_snapshot = models.BigIntegerField(null=True)
    actor_unit = models.CharField(max_length=200)
    actor_role = models.CharField(max_length=32)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    # What was asked for, kept even when no such person exists (probing is auditable).
    subject_ref = models.CharField(max_length=64)
    action = models.CharField(max_length=64)
    categories = models.JSONField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    # Allowed: category -> basis ("own_agency", "consent:<id>", "log_review").
    # Denied: category -> reason code.
    basis = models.JSONField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    digest = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64)
    # Erasure (docs/audit.md): `salt` seals the personal fields through commitments
    # (null on events sealed before audit/0004, and once erased); `commitments`
    # holds them after erasure. Nullable without defaults so adding them never
    # rebuilds the append-only table.
    salt = models.CharField(max_length=32, null=True, blank=True)  # noqa: DJ001 (null = no salt)
    commitments = models.JSONField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["person", "occurred_at"], name="access_person_time"),
            models.Index(fields=["actor", "occurred_at"], name="access_actor_time"),
        ]

    def __str__(self) -> str:
        return f"AccessEvent #{self.seq}"


class AccessEventFlag(models.Model):
    """The person marked an entry of their access log: "I don't recognise this".

    Raised in the portal (ingang.portal); it lands in the auditors' review queue
    (ingang.review), where the review's conclusion is recorded.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(AccessEvent, on_delete=models.PROTECT, related_name="flags")
    # Always the event's own person: a person can flag only reads of their own data.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    flagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-flagged_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="flag_once_per_event")
        ]

    def __str__(self) -> str:
        return f"Flag {self.public_id}"


class ChainHead(models.Model):
    """The single row holding the chain's last position; locked to append."""

    seq = models.BigIntegerField(default=0)
    chain_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Chain head at {self.seq}"


class Checkpoint(models.Model):
    """A periodic snapshot of the chain head; lets verify detect a truncated tail."""

    seq = models.BigIntegerField(unique=True)
    chain_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"Checkpoint at {self.seq}"
