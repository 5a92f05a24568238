"""Demo data: a realistic joint plan for one case, written through the services."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ingang.accounts.models import User
from ingang.agencies.models import AgencyKind
from ingang.cases.models import Case
from ingang.plans.catalogue import ActivityType
from ingang.plans.models import ActivityStatus
from ingang.plans.services import activity_create, plan_goal_set, sub_goal_add

GOALS = (
    "Jag vill jobba inom vården, kanske som undersköterska.",
    "Jag vill ha ett eget jobb och klara mig utan bistånd.",
    "Jag vill lära mig svenska och sedan plugga till elektriker.",
    "Jag vill må bättre och komma tillbaka till arbetslivet i lagom takt.",
)
SUB_GOALS = (
    "Klara SFI kurs C",
    "Komma i gång med regelbundna rutiner",
    "Prova på arbete på en arbetsplats",
    "Få ordning på ekonomin",
    "Ta körkort",
)


@dataclass(frozen=True)
class _Spec:
    kind: str
    type: ActivityType
    offset: int
    weeks: int
    hours: Decimal | None = None
    percent: int | None = None
    description: str = ""


def _specs(with_clash: bool) -> list[_Spec]:
    """One or two activities per kind of agency; with_clash plans full sick leave over an
    internship (rule 1, and rule 2 since full sick leave leaves no hours)."""
    if with_clash:
        fk = _Spec(AgencyKind.SOCIAL_INSURANCE, ActivityType.SICK_LEAVE, 0, 8, percent=100)
        af = _Spec(AgencyKind.EMPLOYMENT_SERVICE, ActivityType.INTERNSHIP, 14, 12, Decimal(20))
    else:
        fk = _Spec(AgencyKind.SOCIAL_INSURANCE, ActivityType.SICK_LEAVE, 0, 8, percent=50)
        af = _Spec(AgencyKind.EMPLOYMENT_SERVICE, ActivityType.JOB_SEARCH, 0, 12, Decimal(8))
    return [
        fk,
        af,
        _Spec(AgencyKind.SOCIAL_SERVICES, ActivityType.SOCIAL_SUPPORT, 0, 26, Decimal(2)),
        _Spec(AgencyKind.LABOUR_MARKET_UNIT, ActivityType.WORK_TRAINING, 0, 12, Decimal(8)),
        _Spec(AgencyKind.HEALTH_CARE, ActivityType.REHABILITATION, 0, 10, Decimal(1)),
        _Spec(AgencyKind.SOCIAL_SERVICES, ActivityType.DEBT_COUNSELLING, 28, 8, Decimal(1)),
        _Spec(
            AgencyKind.EMPLOYMENT_SERVICE, ActivityType.LABOUR_MARKET_PROGRAMME, 100, 12, percent=50
        ),
    ]


def seed_case(*, case: Case, team: list[User], today: date, rng: random.Random) -> None:
    """A plan with the person's goal, sub-goals and 4–6 activities of the team's agencies.

    About half the cases get a clash (full sick leave at FK over an internship at
    AF) when both agencies are on the team; the others none. team[0] is the
    coordinator, who records the goal.
    """
    coordinator = team[0]
    plan_goal_set(case=case, actor=coordinator, goal=rng.choice(GOALS))
    sub_goals = [
        sub_goal_add(case=case, actor=coordinator, text=text) for text in rng.sample(SUB_GOALS, k=2)
    ]
    by_kind: dict[str, User] = {}
    for member in team:
        agency = member.agency
        if agency is not None:
            by_kind.setdefault(agency.kind, member)
    base = max(timezone.localdate(case.opened_at), today - timedelta(days=rng.randint(0, 30)))
    specs = [s for s in _specs(with_clash=rng.random() < 0.5) if s.kind in by_kind]
    for spec in specs[: rng.randint(4, 6)]:
        staff = by_kind[spec.kind]
        start = base + timedelta(days=spec.offset)
        activity_create(
            case=case,
            actor=staff,
            type=spec.type,
            responsible=staff,
            start_date=start,
            end_date=start + timedelta(weeks=spec.weeks) - timedelta(days=1),
            hours_per_week=spec.hours,
            percent=spec.percent,
            status=ActivityStatus.ONGOING if start <= today else ActivityStatus.PLANNED,
            description=spec.description,
            sub_goal=rng.choice([None, *sub_goals]),
        )
