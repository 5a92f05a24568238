import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.records.models import Entry


class ConsentSource(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form")
    DIGITAL_SIGNATURE = "digital_signature", _("Digital signature")
    ORAL_WITH_WITNESS = "oral_with_witness", _("Oral, with witness")
    # Given by the person themselves on My pages (ingang.portal); never registered by staff.
    DIGITAL = "digital", _("Digitally, on My pages")


# What staff may record as the source: a digital consent is given only by the person.
STAFF_SOURCES = [
    ConsentSource.SIGNED_FORM,
    ConsentSource.DIGITAL_SIGNATURE,
    ConsentSource.ORAL_WITH_WITNESS,
]


class ConsentStatus(models.TextChoices):
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Consent(models.Model):
    """The person's consent that named agencies or staff may read categories of data.

    Validity is by calendar date in Europe/Stockholm, both ends inclusive.
    Withdrawal is a timestamp and takes effect on the very next request.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    categories = models.JSONField(_("categories"))
    agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("how it was given"), max_length=32, choices=ConsentSource.choices)
    witness = models.CharField(_("witness"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Null: the person gave the consent themselves, on My pages.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Null on a withdrawn consent: the person withdrew it on My pages.
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="consent_ends_after_start",
            ),
            # A digital consent is the person's own act; every other source has a registrar.
            models.CheckConstraint(
                condition=(
                    models.Q(source=ConsentSource.DIGITAL) & models.Q(registered_by__isnull=True)
                )
                | (~models.Q(source=ConsentSource.DIGITAL) & models.Q(registered_by__isnull=False)),
                name="consent_digital_iff_given_by_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent {self.public_id}"

    @property
    def given_by_person(self) -> bool:
        """Given by the person on My pages (no staff member registered it)."""
        return self.registered_by_id is None

    @property
    def category_set(self) -> frozenset[Category]:
        return frozenset(Category(c) for c in self.categories)

    def status(self, today: date) -> ConsentStatus:
        if self.withdrawn_at is not None:
            return ConsentStatus.WITHDRAWN
        if today < self.valid_from:
            return ConsentStatus.NOT_YET_VALID
        if self.valid_until is not None and today > self.valid_until:
            return ConsentStatus.EXPIRED
        horizon = today + timedelta(days=settings.CONSENT_EXPIRING_DAYS)
        if self.valid_until is not None and self.valid_until <= horizon:
            return ConsentStatus.EXPIRING
        return ConsentStatus.ACTIVE

    def is_current(self, today: date) -> bool:
        return self.status(today) in (ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)


class Block(models.Model):
    """A block (spärr): hides a category, or one entry, from everyone outside the owning agency."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="blocks")
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="blocks"
    )
    reason = models.TextField(_("reason"), blank=True)
    # Null: the person made the block themselves, on My pages.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    # Null on a lifted block: the person lifted it on My pages.
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(category="") & models.Q(entry__isnull=False))
                | (~models.Q(category="") & models.Q(entry__isnull=True)),
                name="block_category_xor_entry",
            )
        ]

    def __str__(self) -> str:
        return f"Block {self.public_id}"

    @property
    def made_by_person(self) -> bool:
        """Made by the person on My pages (no staff member created it)."""
        return self.created_by_id is None
