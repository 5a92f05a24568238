"""Validation: nothing is saved unless every score is 1–5 and assessors are on the team."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.assessments.models import Answer, Assessment, InstrumentVersion
from ingang.assessments.services import assessment_create
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent


def _create(world: World, v1: InstrumentVersion, scores: dict[str, object], assessors: list[User]):  # type: ignore[no-untyped-def]
    return assessment_create(
        person=world.kim,
        case=world.kim_case,
        actor=world.mia_ame_coordinator,
        version=v1,
        scores=scores,
        assessors=assessors,
        assessed_on=date(2024, 1, 10),
    )


def _all(v1: InstrumentVersion, score: object = 3) -> dict[str, object]:
    return {d.code: score for d in v1.dimensions.all()}


def _nothing_saved(world: World) -> None:
    assert not Assessment.objects.exists()
    assert not Answer.objects.exists()
    assert not TimelineEvent.objects.filter(kind="assessment.recorded").exists()


@pytest.mark.parametrize("bad", [0, 6, "x", 2.5])
def test_it_refuses_a_score_outside_1_to_5(
    world: World, v1: InstrumentVersion, bad: object
) -> None:
    scores = _all(v1)
    scores["health"] = bad

    with pytest.raises(ValidationError) as refused:
        _create(world, v1, scores, [world.mia_ame_coordinator])

    assert refused.value.message_dict["score_health"] == [
        gettext("The score for %(dimension)s must be a whole number from 1 to 5.")
        % {"dimension": "Hälsa"}
    ]
    _nothing_saved(world)


def test_it_refuses_missing_dimensions(world: World, v1: InstrumentVersion) -> None:
    scores = _all(v1)
    del scores["housing"]

    with pytest.raises(ValidationError) as refused:
        _create(world, v1, scores, [world.mia_ame_coordinator])

    assert refused.value.message_dict["score_housing"] == [
        gettext("Choose a score for %(dimension)s.") % {"dimension": "Boende"}
    ]
    _nothing_saved(world)


def test_it_refuses_assessors_not_on_the_team(world: World, v1: InstrumentVersion) -> None:
    with pytest.raises(ValidationError) as refused:
        _create(world, v1, _all(v1), [world.mia_ame_coordinator, world.henrik_region_nurse])

    assert refused.value.message_dict["assessors"] == [
        gettext("Not on the case team: %(names)s.")
        % {"names": world.henrik_region_nurse.display_name}
    ]
    _nothing_saved(world)


def test_it_records_a_joint_assessment_owned_by_the_registering_agency(
    world: World, v1: InstrumentVersion
) -> None:
    assessment = _create(
        world, v1, _all(v1, 4), [world.mia_ame_coordinator, world.farid_fk_officer]
    )

    assert assessment.owning_agency == world.ame
    assert set(assessment.assessors.all()) == {world.mia_ame_coordinator, world.farid_fk_officer}
    assert assessment.answers.count() == 10
    event = TimelineEvent.objects.get(kind="assessment.recorded")
    assert event.category == "assessment"
