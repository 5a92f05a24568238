"""Writes for participations: in, out, and the follow-up 90 days after exit.

A participant is linked to the person only with their consent to be registered
for follow-up and without protected identity; otherwise the row keeps gender
and birth year alone, as SUS does, and no timeline event names the person.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.agencies.models import Agency, Role
from ingang.core.categories import Category
from ingang.finsam.models import Project
from ingang.followup.models import (
    EducationLevel,
    ExitStatus,
    Gender,
    IncomeSource,
    Participation,
)
from ingang.people.models import Person
from ingang.timeline.services import timeline_event_emit

# Working age, as the follow-up's age bands cover it.
YOUNGEST, OLDEST = 16, 64
FOLLOW_UP_DAYS = 90


def gender_and_birth_year(person: Person) -> tuple[Gender, int]:
    """From the identity number: birth year, and the serial's last digit (odd for men)."""
    number = person.personal_number
    return (Gender.MAN if int(number[10]) % 2 else Gender.WOMAN), int(number[:4])


def _ensure_staff(actor: User) -> Agency:
    agency = actor.agency
    if agency is None or not actor.is_active or not Role(actor.role).reads_person_data:
        raise PermissionDenied
    return agency


def _ensure_may_update(*, actor: User, participation: Participation) -> None:
    """Named: the person's team (the gate's relation). Anonymous: the registering agency."""
    agency = _ensure_staff(actor)
    if participation.person is not None:
        ensure_may_act(actor=actor, person=participation.person)
    elif participation.owning_agency_id != agency.pk:
        raise PermissionDenied


def _not_in_future(day: date, field: str, errors: dict[str, str]) -> None:
    if day > timezone.localdate():
        errors[field] = _("The date cannot be in the future.")


@transaction.atomic
def participation_enter(
    *,
    actor: User,
    project: Project,
    entered_on: date,
    entry_income_source: str,
    education_level: str = EducationLevel.UNKNOWN,
    referring_agency: Agency | None = None,
    person: Person | None = None,
    consented: bool = False,
    gender: str = "",
    birth_year: int | None = None,
) -> Participation:
    """Register a participant into a project. A person may be in several projects at once.

    With `person` (read through the gate by the caller) the participation is
    linked to them only if `consented` and their identity is not protected;
    gender and birth year come from the identity number either way. Without
    `person`, `gender` and `birth_year` are required and the row is anonymous.
    """
    agency = _ensure_staff(actor)
    if person is not None:
        ensure_may_act(actor=actor, person=person)
        gender, birth_year = gender_and_birth_year(person)
    errors: dict[str, str] = {}
    if gender not in Gender.values:
        errors["gender"] = _("Choose a gender.")
    if birth_year is None:
        errors["birth_year"] = _("Give the birth year.")
    elif not YOUNGEST <= entered_on.year - birth_year <= OLDEST:
        errors["birth_year"] = _("The participant must be %(young)s–%(old)s years old.") % {
            "young": YOUNGEST,
            "old": OLDEST,
        }
    if entry_income_source not in IncomeSource.values:
        errors["entry_income_source"] = _("Choose the income source at entry.")
    if education_level not in EducationLevel.values:
        errors["education_level"] = _("Choose an education level.")
    _not_in_future(entered_on, "entered_on", errors)
    if entered_on < project.starts_on or (
        project.ends_on is not None and entered_on > project.ends_on
    ):
        errors["entered_on"] = _("The project does not run on that date.")
    if errors or birth_year is None:
        raise ValidationError(errors)
    linked = person if person is not None and consented and not person.protected_identity else None
    participation = Participation.objects.create(
        project=project,
        person=linked,
        gender=gender,
        birth_year=birth_year,
        education_level=education_level,
        referring_agency=referring_agency,
        entered_on=entered_on,
        entry_income_source=entry_income_source,
        owning_agency=agency,
        registered_by=actor,
    )
    if linked is not None:
        timeline_event_emit(
            person=linked,
            actor=actor,
            category=Category.PLAN,
            kind="participation.entered",
            summary=_("Registered in the project %(project)s") % {"project": project.name},
        )
    return participation


@transaction.atomic
def participation_exit(
    *,
    actor: User,
    participation: Participation,
    exited_on: date,
    exit_income_source: str,
    exit_status: str,
) -> Participation:
    """Register the participant out, with income source and status at exit (a correction
    overwrites an earlier exit and clears a follow-up that no longer fits)."""
    _ensure_may_update(actor=actor, participation=participation)
    errors: dict[str, str] = {}
    _not_in_future(exited_on, "exited_on", errors)
    if exited_on < participation.entered_on:
        errors["exited_on"] = _("The exit cannot be before the entry.")
    if exit_income_source not in IncomeSource.values:
        errors["exit_income_source"] = _("Choose the income source at exit.")
    if exit_status not in ExitStatus.values:
        errors["exit_status"] = _("Choose the status at exit.")
    if errors:
        raise ValidationError(errors)
    participation.exited_on = exited_on
    participation.exit_income_source = exit_income_source
    participation.exit_status = exit_status
    if participation.followed_up_on is not None and participation.followed_up_on < (
        exited_on + timedelta(days=FOLLOW_UP_DAYS)
    ):
        participation.followed_up_on = None
        participation.followup_income_source = ""
        participation.followup_status = ""
    participation.save()
    if participation.person is not None:
        timeline_event_emit(
            person=participation.person,
            actor=actor,
            category=Category.PLAN,
            kind="participation.exited",
            summary=_("Registered out of the project %(project)s")
            % {"project": participation.project.name},
        )
    return participation


@transaction.atomic
def participation_follow_up(
    *,
    actor: User,
    participation: Participation,
    followed_up_on: date,
    followup_income_source: str,
    followup_status: str,
) -> Participation:
    """Record the follow-up, at the earliest 90 days after exit."""
    _ensure_may_update(actor=actor, participation=participation)
    if participation.exited_on is None:
        raise ValidationError(_("Register the exit before the follow-up."))
    errors: dict[str, str] = {}
    _not_in_future(followed_up_on, "followed_up_on", errors)
    earliest = participation.exited_on + timedelta(days=FOLLOW_UP_DAYS)
    if followed_up_on < earliest:
        errors["followed_up_on"] = _(
            "The follow-up is made 90 days after exit, at %(day)s or later."
        ) % {"day": earliest.isoformat()}
    if followup_income_source not in IncomeSource.values:
        errors["followup_income_source"] = _("Choose the income source at follow-up.")
    if followup_status not in ExitStatus.values:
        errors["followup_status"] = _("Choose the status at follow-up.")
    if errors:
        raise ValidationError(errors)
    participation.followed_up_on = followed_up_on
    participation.followup_income_source = followup_income_source
    participation.followup_status = followup_status
    participation.save()
    if participation.person is not None:
        timeline_event_emit(
            person=participation.person,
            actor=actor,
            category=Category.PLAN,
            kind="participation.followed_up",
            summary=_("Followed up 90 days after the project %(project)s")
            % {"project": participation.project.name},
        )
    return participation
