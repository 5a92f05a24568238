"""System clients of the API: an agency's own system, acting as one staff identity.

Every client is tied to a staff user of its agency (usually a dedicated system
account). The gate decides for the client exactly as for that user: its role
bounds what it may read, and it reads only people whose case team it is on.
Tokens are shown once and stored only as a SHA-256 digest.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency


class Scope(models.TextChoices):
    READ = "read", _("Read person data through the gate")
    WRITE_CONSENTS = "write:consents", _("Register and withdraw consents")
    WRITE_PLANS = "write:plans", _("Change the joint plan")
    AUDIT = "audit", _("Read the access log (auditors)")


class ApiClient(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("agency")
    )
    # The staff identity the gate sees; must belong to `agency`.
    acts_as = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("acts as staff member"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__name", "name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="api_client_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.agency.short_name} – {self.name}"

    def clean(self) -> None:
        if self.acts_as_id is not None and self.acts_as.agency != self.agency:
            raise ValidationError({"acts_as": _("The staff member must belong to the agency.")})


class ApiToken(models.Model):
    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="tokens", verbose_name=_("API client")
    )
    # Public part of the token, used to find the row; the secret is only in `digest`.
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"ing_{self.prefix}…"

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
