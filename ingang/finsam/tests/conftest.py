from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from ingang.finsam.models import (
    Association,
    BoardSeat,
    BudgetYear,
    FundingKind,
    Member,
    MemberKind,
    Project,
    ProjectFunding,
    ProjectStatus,
)
from ingang.followup.models import ExitStatus, Gender, IncomeSource, Participation
from ingang.testing.world import World


@dataclass
class Finsam:
    association: Association
    big: Project  # 16 participants: 5 ongoing, 11 exited, 6 of them in work at exit
    small: Project  # 3 participants, exited to an unknown income source
    planned: Project


def participate(
    project: Project,
    n: int,
    *,
    entry: str = IncomeSource.INCOME_SUPPORT,
    exit_source: str = "",
    status: str = "",
    followup: str = "",
    kim: object = None,
) -> None:
    for i in range(n):
        exited = bool(status)
        Participation.objects.create(
            project=project,
            person=kim if i == 0 else None,  # type: ignore[misc]
            gender=Gender.WOMAN if i % 2 else Gender.MAN,
            birth_year=1990 + i,
            entered_on=date(2026, 1, 10),
            entry_income_source=entry,
            exited_on=date(2026, 5, 10) if exited else None,
            exit_income_source=exit_source,
            exit_status=status,
            followed_up_on=date(2026, 8, 10) if followup else None,
            followup_income_source=followup,
        )


@pytest.fixture
def finsam(world: World) -> Finsam:
    return build_finsam(world)


def build_finsam(world: World) -> Finsam:
    """An association with two municipalities, three projects and participations."""
    association = Association.objects.create(name="Samordningsförbundet Test", agency=world.finsam)
    fk = Member.objects.create(
        association=association, kind=MemberKind.STATE, name="Försäkringskassan", agency=world.fk
    )
    Member.objects.create(association=association, kind=MemberKind.REGION, name="Region Test")
    Member.objects.create(
        association=association,
        kind=MemberKind.MUNICIPALITY,
        name="Skellefteå kommun",
        share_key=Decimal(3),
    )
    Member.objects.create(
        association=association,
        kind=MemberKind.MUNICIPALITY,
        name="Norsjö kommun",
        share_key=Decimal(1),
    )
    BoardSeat.objects.create(member=fk, name="Helena Ek", chair=True)
    BudgetYear.objects.create(
        association=association, year=2026, total_contribution=Decimal(6_000_001)
    )
    big = Project.objects.create(
        association=association,
        name="Arbetsmarknadstorget",
        owner=world.ame,
        starts_on=date(2025, 1, 1),
        status=ProjectStatus.ONGOING,
        budget=Decimal(1_000_000),
        costs=Decimal(400_000),
        method="Samlokaliserat team",
    )
    ProjectFunding.objects.create(project=big, kind=FundingKind.ASSOCIATION, amount=300_000)
    ProjectFunding.objects.create(project=big, kind=FundingKind.ESF, amount=100_000)
    small = Project.objects.create(
        association=association,
        name="Unga in",
        owner=world.af,
        starts_on=date(2026, 1, 1),
        status=ProjectStatus.ONGOING,
        budget=Decimal(500_000),
        costs=Decimal(100_000),
    )
    planned = Project.objects.create(
        association=association,
        name="Vi vågar",
        owner=world.social,
        starts_on=date(2027, 1, 1),
        status=ProjectStatus.PLANNED,
        budget=Decimal(700_000),
    )
    participate(big, 5)  # ongoing
    participate(
        big,
        6,
        exit_source=IncomeSource.UNSUBSIDISED_WAGE,
        status=ExitStatus.UNSUBSIDISED_WORK,
        kim=world.kim,
    )
    participate(
        big,
        5,
        entry=IncomeSource.SICKNESS_BENEFIT,
        exit_source=IncomeSource.SICKNESS_BENEFIT,
        status=ExitStatus.SICK,
        followup=IncomeSource.UNSUBSIDISED_WAGE,
    )
    participate(small, 3, exit_source=IncomeSource.UNKNOWN, status=ExitStatus.UNKNOWN)
    return Finsam(association, big, small, planned)
