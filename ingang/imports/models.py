"""What the participant import remembers: each run, and which row became which participation.

The idempotency key is an HMAC of project, person (or anonymous key) and entry
date, so importing the same file again finds its rows without storing the
personnummer of a row that was kept anonymous.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.audit.models import Channel
from ingang.followup.models import Participation


class ImportRun(models.Model):
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    file_name = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class ImportedParticipation(models.Model):
    key = models.CharField(max_length=64, unique=True)
    participation = models.OneToOneField(Participation, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="participations")

    def __str__(self) -> str:
        return self.key
