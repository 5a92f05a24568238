import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency, Unit


class Person(models.Model):
    """A person who needs coordinated support.

    The identity fields here are the `identity` category, owned by the
    registering agency. Read them only through ingang.access.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    personal_number = models.CharField(_("identity number"), max_length=12, unique=True)
    is_coordination_number = models.BooleanField(_("coordination number"), default=False)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    protected_identity = models.BooleanField(_("protected identity"), default=False)
    # Only staff of this unit see identity fields of a person with protected identity.
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registering_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # Synthetic demo people are marked so they can never be mistaken for real ones.
    is_test_data = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(protected_identity=False)
                | models.Q(responsible_unit__isnull=False),
                name="person_protected_has_responsible_unit",
            )
        ]

    def __str__(self) -> str:
        # Never the name or number: a stray str() in a log must not leak identity.
        return f"Person {self.public_id}"

    @property
    def formatted_number(self) -> str:
        return f"{self.personal_number[:8]}-{self.personal_number[8:]}"
