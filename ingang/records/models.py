import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.core.categories import ENTRY_CATEGORIES
from ingang.people.models import Person


class Entry(models.Model):
    """One item of a person's data in a category, owned by the agency that recorded it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="entries")
    category = models.CharField(
        _("category"), max_length=20, choices=[(c.value, c.label) for c in ENTRY_CATEGORIES]
    )
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # Null when the person wrote it themselves, on My pages (a message to the team).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "category"], name="entry_person_category")]

    def __str__(self) -> str:
        return f"Entry {self.public_id}"

    @property
    def by_person(self) -> bool:
        """Written by the person on My pages, not by staff."""
        return self.author_id is None

    @property
    def author_label(self) -> str:
        """Who wrote it, for pages and exports: the staff member, or the person themselves."""
        if self.author is None:
            return str(_("the person, on My pages"))
        return self.author.display_name
