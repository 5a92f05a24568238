from collections.abc import Callable
from datetime import date

import pytest

from ingang.accounts.models import User
from ingang.assessments.models import Assessment, InstrumentVersion
from ingang.assessments.selectors import instrument_current_version
from ingang.assessments.services import assessment_create
from ingang.testing.world import World

MakeAssessment = Callable[..., Assessment]


@pytest.fixture
def v1(db: None) -> InstrumentVersion:
    return instrument_current_version()


@pytest.fixture
def make_assessment(world: World, v1: InstrumentVersion) -> MakeAssessment:
    """Record an assessment of Kim: every dimension at `score`, by `actor` (Mia by default)."""

    def _make(
        *,
        actor: User | None = None,
        score: int = 3,
        on: date = date(2024, 3, 1),
        version: InstrumentVersion | None = None,
    ) -> Assessment:
        actor = actor or world.mia_ame_coordinator
        version = version or v1
        return assessment_create(
            person=world.kim,
            case=world.kim_case,
            actor=actor,
            version=version,
            scores={d.code: score for d in version.dimensions.all()},
            assessors=[actor, world.anna_af_caseworker],
            assessed_on=on,
        )

    return _make
