"""Referrals (remisser) from one agency on a case team to another agency.

A referral is plan data (Category.PLAN) owned by the sending agency. Its
states and the only ways between them are the table in
ingang.referrals.transitions; every change is kept as a ReferralTransition.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.cases.models import Case
from ingang.people.models import Person

# A referral that has not changed for this long is flagged on both sides.
STALE_AFTER = timedelta(days=14)


class ReferralState(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which someone still has to act; only these can become stale.
OPEN_STATES = (ReferralState.SENT, ReferralState.ACCEPTED)


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Soon (within two weeks)")
    URGENT = "urgent", _("Urgent (within a few days)")


def stale_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - STALE_AFTER


def stale_q(now: datetime | None = None) -> Q:
    return Q(state__in=OPEN_STATES, last_changed_at__lt=stale_cutoff(now))


class ReferralQuerySet(models.QuerySet["Referral"]):
    def stale(self, now: datetime | None = None) -> "ReferralQuerySet":
        """Open referrals that nobody has changed within STALE_AFTER."""
        return self.filter(stale_q(now))


class Referral(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    # The sending agency owns the referral (it is that agency's plan data).
    owning_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("sending agency")
    )
    receiving_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="incoming_referrals",
        verbose_name=_("receiving agency"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason for the referral"))
    requested_activity = models.CharField(_("requested activity"), max_length=300)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReferralState.choices, default=ReferralState.SENT
    )
    # Named staff of the receiving agency who took it on (and joined the team).
    assigned_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("assigned staff")
    )
    sent_at = models.DateTimeField(default=timezone.now)
    # What "stale" is computed from; every transition moves it.
    last_changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-last_changed_at", "-id"]
        indexes = [
            models.Index(fields=["receiving_agency", "state"], name="referral_inbox"),
            models.Index(fields=["person", "state"], name="referral_person_state"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.public_id}"

    def is_stale(self, now: datetime | None = None) -> bool:
        return self.state in OPEN_STATES and self.last_changed_at < stale_cutoff(now)

    @property
    def stale(self) -> bool:
        return self.is_stale()

    @property
    def short_ref(self) -> str:
        return str(self.public_id)[:8]


class ReferralTransition(models.Model):
    """One change of a referral's state: who, when, from, to and why. Never edited."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="transitions")
    from_state = models.CharField(max_length=10, choices=ReferralState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=ReferralState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Snapshot: the actor's agency at the time, so later moves never rewrite history.
    actor_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state}"


def referrals_of_person(person: Person) -> QuerySet[Referral]:
    """Every referral of a person, for a gate Source (never for display directly)."""
    return Referral.objects.filter(person=person).select_related(
        "owning_agency", "receiving_agency", "sent_by"
    )
