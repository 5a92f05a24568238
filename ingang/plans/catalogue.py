"""The catalogue of activity types, as data.

Which types exclude each other, which take up the person's weekly hours and
which reduce their capacity are declared here once; the clash rules in
`clashes.py` read this table and hold no type names of their own.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityType(models.TextChoices):
    STUDIES = "studies", _("Studies")
    SFI = "sfi", _("Swedish for immigrants (SFI)")
    INTERNSHIP = "internship", _("Internship")
    WORK_TRAINING = "work_training", _("Work training")
    JOB_SEARCH = "job_search", _("Job search")
    LABOUR_MARKET_PROGRAMME = "labour_market_programme", _("Labour-market programme")
    SUBSIDISED_EMPLOYMENT = "subsidised_employment", _("Subsidised employment")
    MEDICAL_TREATMENT = "medical_treatment", _("Medical treatment")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    SICK_LEAVE = "sick_leave", _("Sick leave")
    REST = "rest", _("Rest")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    DEBT_COUNSELLING = "debt_counselling", _("Debt counselling")
    OTHER = "other", _("Other activity")


# The degrees of sick leave Swedish social insurance grants (sjukpenning).
SICK_LEAVE_DEGREES = (25, 50, 75, 100)
FULL_TIME_HOURS = Decimal(40)

# Activities that demand the person be available for work or studies.
_WORK_DEMANDING = frozenset(
    {
        ActivityType.STUDIES,
        ActivityType.SFI,
        ActivityType.INTERNSHIP,
        ActivityType.WORK_TRAINING,
        ActivityType.JOB_SEARCH,
        ActivityType.LABOUR_MARKET_PROGRAMME,
        ActivityType.SUBSIDISED_EMPLOYMENT,
    }
)


@dataclass(frozen=True)
class CatalogueEntry:
    type: ActivityType
    # Types that cannot run at the same time as this one.
    excludes: frozenset[ActivityType] = frozenset()
    # The exclusion applies only at this extent in percent or more (full sick leave only).
    excludes_from_percent: int = 0
    # Whether the activity takes up the person's planned hours per week.
    takes_hours: bool = True
    # Whether the extent in percent reduces the person's capacity (sick leave degree).
    reduces_capacity: bool = False


CATALOGUE: dict[ActivityType, CatalogueEntry] = {
    t: CatalogueEntry(t)
    for t in ActivityType
    if t not in (ActivityType.SICK_LEAVE, ActivityType.REST)
}
CATALOGUE[ActivityType.SICK_LEAVE] = CatalogueEntry(
    ActivityType.SICK_LEAVE,
    excludes=_WORK_DEMANDING,
    excludes_from_percent=100,
    takes_hours=False,
    reduces_capacity=True,
)
CATALOGUE[ActivityType.REST] = CatalogueEntry(
    ActivityType.REST, excludes=_WORK_DEMANDING, takes_hours=False
)


def entry_for(value: str) -> CatalogueEntry:
    """The catalogue entry for a stored type value; ValueError for an unknown type."""
    return CATALOGUE[ActivityType(value)]
