from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of the retention job, kept as the record of what was erased (or would be)."""

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    dry_run = models.BooleanField(_("dry run"))
    # "command" or "task": how the run was started.
    via = models.CharField(max_length=20)
    # Per rule: kind, cutoff, due, exempt, kept, erased (see ingang.retention.rules).
    report = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"Retention run {self.pk}"
