"""The team's inbox: a notification per timeline event for each named staff member on the team.

A notification only points at the timeline event; what it shows is decided
by the gate when the inbox is read, so a later withdrawal hides it again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.timeline.models import TimelineEvent


class Topic(models.TextChoices):
    """What staff choose to be notified about, derived from the event kind's prefix."""

    PLAN = "plan", _("Plan and activities")
    ASSESSMENT = "assessment", _("Assessments")
    REFERRAL = "referral", _("Referrals")
    MEETING = "meeting", _("Meetings")
    CONSENT = "consent", _("Consents and blocks")
    TEAM = "team", _("Team and case")
    RECORD = "record", _("Recorded data and contacts")


_TOPIC_BY_PREFIX = {
    "plan": Topic.PLAN,
    "goal": Topic.PLAN,
    "activity": Topic.PLAN,
    "clash": Topic.PLAN,
    "assessment": Topic.ASSESSMENT,
    "referral": Topic.REFERRAL,
    "meeting": Topic.MEETING,
    "consent": Topic.CONSENT,
    "block": Topic.CONSENT,
    "case": Topic.TEAM,
    "person": Topic.TEAM,
}


def topic_of(kind: str) -> Topic:
    """The topic of an event kind such as "referral.accepted" (unknown prefixes: recorded data)."""
    return _TOPIC_BY_PREFIX.get(kind.split(".", 1)[0], Topic.RECORD)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"Notification {self.pk} to {self.recipient_id}"


class Preference(models.Model):
    """A staff member's choice for one topic. No row means the default: inbox yes, e-mail no."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    in_app = models.BooleanField(default=True)
    email_digest = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="preference_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.topic}"


class DigestReceipt(models.Model):
    """When a staff member's last daily digest went out, so none is sent twice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_receipt"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Digest to {self.user_id} at {self.sent_at:%Y-%m-%d %H:%M}"
