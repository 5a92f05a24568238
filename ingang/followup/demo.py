"""Demo participations in the demo associations' projects (after ingang/finsam/demo.py).

A few hundred participations, so every report shows something real: about a
third named (demo people on an open case, registered by their coordinator
through the services, so each shows on the person's timeline; people with
protected identity end up anonymous as the rules say) and the rest anonymous.
Outcomes lean the way the seeds' follow-ups do, with most exits to work,
studies or job-seeking. Nothing is created when there are no projects.
"""

import random
from datetime import date, timedelta
from typing import TypedDict

from ingang.accounts.models import User
from ingang.agencies.models import Agency, AgencyKind
from ingang.cases.models import Case, CaseState
from ingang.finsam.models import Project, ProjectStatus
from ingang.followup.models import EducationLevel, Gender
from ingang.followup.services import (
    FOLLOW_UP_DAYS,
    OLDEST,
    YOUNGEST,
    participation_enter,
    participation_exit,
    participation_follow_up,
)

PARTICIPATIONS = 360
NAMED_SHARE = 0.35
ENTRY = (
    ("income_support", 30),
    ("sickness_benefit", 22),
    ("activity_support", 18),
    ("sickness_compensation", 12),
    ("unemployment_benefit", 6),
    ("none", 6),
    ("establishment_benefit", 6),
)
STATUS = (
    ("unsubsidised_work", 20),
    ("subsidised_work", 14),
    ("studies", 18),
    ("job_seeking", 24),
    ("other_programme", 10),
    ("sick", 10),
    ("dropped_out", 4),
)
# Income at exit follows the status; otherwise it stays what it was at entry.
INCOME_BY_STATUS = {
    "unsubsidised_work": "unsubsidised_wage",
    "subsidised_work": "subsidised_wage",
    "studies": "student_finance",
}


class _Entry(TypedDict):
    project: Project
    entered_on: date
    entry_income_source: str
    education_level: str
    referring_agency: Agency | None


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([n for n, _w in table], weights=[w for _n, w in table])[0]


def seed_participations(*, today: date, rng: random.Random) -> int:
    """Create the demo participations; returns how many. Deterministic for a given rng."""
    projects = list(
        Project.objects.exclude(status=ProjectStatus.PLANNED)
        .filter(starts_on__lte=today - timedelta(days=30))
        .order_by("pk")
    )
    if not projects:
        return 0
    cases = list(
        Case.objects.filter(state=CaseState.OPEN)
        .select_related("person", "coordinator__unit__agency")
        .order_by("pk")
    )
    referring = list(
        Agency.objects.filter(
            kind__in=[
                AgencyKind.EMPLOYMENT_SERVICE,
                AgencyKind.SOCIAL_INSURANCE,
                AgencyKind.SOCIAL_SERVICES,
                AgencyKind.HEALTH_CARE,
            ]
        ).order_by("pk")
    )
    created = 0
    for _n in range(PARTICIPATIONS):
        project = rng.choice(projects)
        last = min(project.ends_on or today, today)
        span = (last - project.starts_on).days
        entered = project.starts_on + timedelta(days=rng.randrange(max(span - 20, 1)))
        source = _pick(rng, ENTRY)
        common = _Entry(
            project=project,
            entered_on=entered,
            entry_income_source=source,
            education_level=rng.choice(list(EducationLevel.values)),
            referring_agency=rng.choice(referring) if referring else None,
        )
        case = rng.choice(cases) if cases and rng.random() < NAMED_SHARE else None
        actor: User
        if case is not None and _working_age(case.person.personal_number, entered):
            actor = case.coordinator
            participation = participation_enter(
                actor=actor, person=case.person, consented=True, **common
            )
        else:
            actor = rng.choice(cases).coordinator if cases else _any_staff()
            participation = participation_enter(
                actor=actor,
                gender=_pick(rng, (("woman", 50), ("man", 47), (Gender.OTHER.value, 3))),
                birth_year=entered.year - rng.randint(YOUNGEST, OLDEST),
                **common,
            )
        created += 1
        room = (last - entered).days
        if room < 30 or rng.random() > 0.8:
            continue  # still in the project
        exited = entered + timedelta(days=rng.randint(30, min(room, 420)))
        status = _pick(rng, STATUS)
        participation_exit(
            actor=actor,
            participation=participation,
            exited_on=exited,
            exit_income_source=INCOME_BY_STATUS.get(status, source),
            exit_status=status,
        )
        follow = exited + timedelta(days=FOLLOW_UP_DAYS + rng.randint(0, 20))
        if follow <= today and rng.random() < 0.75:
            later = status if rng.random() < 0.7 else _pick(rng, STATUS)
            participation_follow_up(
                actor=actor,
                participation=participation,
                followed_up_on=follow,
                followup_income_source=INCOME_BY_STATUS.get(later, source),
                followup_status=later,
            )
    return created


def _working_age(personal_number: str, day: date) -> bool:
    return YOUNGEST <= day.year - int(personal_number[:4]) <= OLDEST


def _any_staff() -> User:
    staff = User.objects.filter(unit__isnull=False, role="coordinator").order_by("pk").first()
    if staff is None:
        raise ValueError("The follow-up demo needs a coordinator.")
    return staff
