import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency


class Association(models.Model):
    """A coordination association (samordningsförbund) under the Finsam act."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    # The association's own staff (analysts) belong to this agency.
    agency = models.OneToOneField(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="association"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("coordination association")
        verbose_name_plural = _("coordination associations")

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    IMPLEMENTED = "implemented", _("Implemented in regular work")
    ENDED = "ended", _("Ended")


class Project(models.Model):
    """A project or activity (insats) financed by an association; people participate in it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    owner = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )

    class Meta:
        ordering = ["association__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="project_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name
