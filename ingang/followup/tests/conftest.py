from dataclasses import dataclass
from datetime import date

import pytest

from ingang.finsam.models import Association, Project, ProjectStatus
from ingang.followup.models import Participation
from ingang.testing.world import World


@dataclass
class Projects:
    association: Association
    other_association: Association
    bridge: Project
    youth: Project
    elsewhere: Project


@pytest.fixture
def projects(world: World) -> Projects:
    association = Association.objects.create(
        name="Samordningsförbundet Skellefteå", agency=world.finsam
    )
    other = Association.objects.create(name="Samordningsförbundet Umeå")

    def project(assoc: Association, name: str, group: str) -> Project:
        return Project.objects.create(
            association=assoc,
            name=name,
            target_group=group,
            owner=world.ame,
            starts_on=date(2020, 1, 1),
            status=ProjectStatus.ONGOING,
        )

    return Projects(
        association=association,
        other_association=other,
        bridge=project(association, "Bryggan", "Långtidssjukskrivna"),
        youth=project(association, "Unga till arbete", "Unga 16–29"),
        elsewhere=project(other, "Steget", "Försörjningsstöd"),
    )


def participate(
    project: Project,
    n: int = 1,
    *,
    entered: date = date(2025, 1, 15),
    exited: date | None = None,
    entry: str = "income_support",
    exit_income: str = "",
    status: str = "",
    gender: str = "woman",
    birth_year: int = 1985,
    followed_up: date | None = None,
    followup_status: str = "",
    **extra: object,
) -> list[Participation]:
    """n participations alike (a hand-made cohort; registration rules are tested apart)."""
    return [
        Participation.objects.create(
            project=project,
            gender=gender,
            birth_year=birth_year,
            entered_on=entered,
            entry_income_source=entry,
            exited_on=exited,
            exit_income_source=exit_income,
            exit_status=status,
            followed_up_on=followed_up,
            followup_income_source="other" if followed_up else "",
            followup_status=followup_status,
            **extra,
        )
        for _ in range(n)
    ]
