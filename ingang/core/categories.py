"""The data categories: the unit of consent.

Every stored item of a person's data belongs to exactly one category and has
an owning agency. Crossing an agency boundary needs consent for the category.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    IDENTITY = "identity", _("Identity")
    PLAN = "plan", _("Plan")
    ASSESSMENT = "assessment", _("Assessment")
    EMPLOYMENT = "employment", _("Employment")
    INSURANCE = "insurance", _("Insurance")
    SOCIAL = "social", _("Social")
    HEALTH = "health", _("Health")
    NOTES = "notes", _("Notes")

    @property
    def data_phrase(self) -> str:
        """How the category reads inside a sentence ("No consent: social data to …")."""
        return str(_DATA_PHRASES[self])


_DATA_PHRASES = {
    Category.IDENTITY: _("identity data"),
    Category.PLAN: _("plan data"),
    Category.ASSESSMENT: _("assessment data"),
    Category.EMPLOYMENT: _("employment data"),
    Category.INSURANCE: _("insurance data"),
    Category.SOCIAL: _("social data"),
    Category.HEALTH: _("health data"),
    Category.NOTES: _("notes"),
}


# Categories held as entries (identity lives on the person itself).
ENTRY_CATEGORIES = [c for c in Category if c is not Category.IDENTITY]


def parse_category(value: str) -> Category:
    """Return the category named by value, or raise ValueError with the valid names."""
    try:
        return Category(value)
    except ValueError:
        valid = ", ".join(c.value for c in Category)
        raise ValueError(f"Unknown category {value!r}; valid: {valid}") from None
