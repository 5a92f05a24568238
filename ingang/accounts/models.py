from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency, Role, Unit

if TYPE_CHECKING:
    from django_otp.models import Device


class User(AbstractUser):
    """A named staff member of one unit, with one role.

    Person-data access is decided by the gate from unit (hence agency), role
    and team membership; Django's permission flags only guard the admin.
    """

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CASEWORKER)
    title = models.CharField(_("title"), max_length=120, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    if TYPE_CHECKING:
        # Set on request.user by django_otp.middleware.OTPMiddleware.
        otp_device: Device | None

        def is_verified(self) -> bool: ...

    @property
    def agency(self) -> Agency | None:
        return self.unit.agency if self.unit is not None else None

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
