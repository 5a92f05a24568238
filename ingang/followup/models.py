"""Participation in an association's projects, with the SUS-style registration fields.

A participant with consent to register personal data is linked to the person;
without it (or with protected identity) the participation is anonymous: only
gender and birth year are kept, as in SUS.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.finsam.models import Project
from ingang.people.models import Person


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not stated")


class IncomeSource(models.TextChoices):
    """Försörjningskälla, at entry, exit and follow-up."""

    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    ACTIVITY_SUPPORT = "activity_support", _("Activity support")
    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness or rehabilitation benefit")
    SICKNESS_COMPENSATION = "sickness_compensation", _("Sickness or activity compensation")
    INCOME_SUPPORT = "income_support", _("Income support")
    ESTABLISHMENT_BENEFIT = "establishment_benefit", _("Establishment benefit")
    UNSUBSIDISED_WAGE = "unsubsidised_wage", _("Unsubsidised wage")
    SUBSIDISED_WAGE = "subsidised_wage", _("Subsidised wage")
    STUDENT_FINANCE = "student_finance", _("Student finance")
    OTHER = "other", _("Other")
    NONE = "none", _("No income")
    UNKNOWN = "unknown", _("Unknown")


class ExitStatus(models.TextChoices):
    """Status at exit (and at the 90-day follow-up)."""

    UNSUBSIDISED_WORK = "unsubsidised_work", _("Unsubsidised work")
    SUBSIDISED_WORK = "subsidised_work", _("Subsidised work")
    STUDIES = "studies", _("Studies")
    JOB_SEEKING = "job_seeking", _("Job-seeking")
    OTHER_PROGRAMME = "other_programme", _("Other programme")
    SICK = "sick", _("Sick")
    PARENTAL_LEAVE = "parental_leave", _("Parental leave")
    MOVED = "moved", _("Moved")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    UNKNOWN = "unknown", _("Unknown")


# Work or studies: the headline outcome.
WORK_OR_STUDIES = frozenset(
    {ExitStatus.UNSUBSIDISED_WORK, ExitStatus.SUBSIDISED_WORK, ExitStatus.STUDIES}
)


class EducationLevel(models.TextChoices):
    COMPULSORY_INCOMPLETE = "compulsory_incomplete", _("Compulsory school not completed")
    COMPULSORY = "compulsory", _("Compulsory school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    POST_SECONDARY = "post_secondary", _("Post-secondary education")
    UNKNOWN = "unknown", _("Unknown")


# Unambiguous characters for references read aloud or copied from paper (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A participation's short reference, e.g. "K7Q3-9MXD": how staff find an anonymous one."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class Participation(models.Model):
    """One person's participation in one project. A person may be in several at once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Shown to the staff who register the participation; the only handle on an
    # anonymous one, which is never listed anywhere.
    reference = models.CharField(
        _("reference"), max_length=9, unique=True, default=new_reference, editable=False
    )
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="participations")
    # Null for an anonymous participant (no consent to register personal data, or
    # protected identity): then only gender and birth year identify the row.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    education_level = models.CharField(
        _("education level"),
        max_length=24,
        choices=EducationLevel.choices,
        default=EducationLevel.UNKNOWN,
    )
    # The agency that referred the participant (the report's "agency" filter).
    referring_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_on = models.DateField(_("entered"))
    entry_income_source = models.CharField(
        _("income source at entry"), max_length=24, choices=IncomeSource.choices
    )
    exited_on = models.DateField(_("exited"), null=True, blank=True)
    exit_income_source = models.CharField(
        _("income source at exit"), max_length=24, choices=IncomeSource.choices, blank=True
    )
    exit_status = models.CharField(
        _("status at exit"), max_length=20, choices=ExitStatus.choices, blank=True
    )
    # The follow-up 90 days after exit.
    followed_up_on = models.DateField(_("followed up"), null=True, blank=True)
    followup_income_source = models.CharField(
        _("income source at follow-up"), max_length=24, choices=IncomeSource.choices, blank=True
    )
    followup_status = models.CharField(
        _("status at follow-up"), max_length=20, choices=ExitStatus.choices, blank=True
    )
    # The agency of the staff member who registered it: the gate's owner of a named
    # participation (category plan), and who may update an anonymous one.
    owning_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entered_on", "id"]
        indexes = [
            models.Index(fields=["project", "entered_on"], name="participation_project_entry"),
            models.Index(fields=["entered_on"], name="participation_entry"),
            # The main outcome report (bench.followup, P4): an index-only scan of exits
            # grouped by income source at entry and exit and status, no table access.
            models.Index(
                fields=["entry_income_source", "exit_income_source", "exit_status"],
                condition=models.Q(exited_on__isnull=False),
                name="participation_outcome",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exited_on__isnull=True)
                | models.Q(exited_on__gte=models.F("entered_on")),
                name="participation_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=models.Q(exited_on__isnull=True)
                | (~models.Q(exit_status="") & ~models.Q(exit_income_source="")),
                name="participation_exit_has_status",
            ),
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"Participation {self.public_id}"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None
