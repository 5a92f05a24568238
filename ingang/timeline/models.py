from django.conf import settings
from django.db import models

from ingang.agencies.models import Agency
from ingang.core.categories import Category
from ingang.people.models import Person


class TimelineEvent(models.Model):
    """Something that happened to a person's record, so the whole team learns of it.

    Carries the category of the data it concerns and the agency that acted,
    so reading the timeline passes the same gate as reading the data.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="timeline")
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Null when the person acted themselves, on My pages.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=20, choices=Category.choices)
    kind = models.CharField(max_length=64)
    # Short, non-sensitive description ("Consent registered"); details stay in the data.
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.occurred_at:%Y-%m-%d %H:%M}"
