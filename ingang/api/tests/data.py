"""Kim's record filled through the domain services: a plan with clashes, a meeting, a
referral and an assessment, so every API and FHIR resource has something to show."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from ingang.assessments.selectors import instrument_current_version
from ingang.assessments.services import assessment_create
from ingang.meetings.models import Meeting
from ingang.meetings.services import meeting_book
from ingang.plans.models import Activity
from ingang.plans.services import activity_create, plan_goal_set, sub_goal_add
from ingang.referrals.models import Referral
from ingang.referrals.services import referral_send
from ingang.testing.world import World


@dataclass
class Filled:
    af_activity: Activity
    fk_activity: Activity
    meeting: Meeting
    referral: Referral


def fill_kim(world: World) -> Filled:
    case, mia = world.kim_case, world.mia_ame_coordinator
    anna, farid = world.anna_af_caseworker, world.farid_fk_officer
    # Kim also lets the coordinator's agency read what the others record, and assessments.
    world.kim_consent.agencies.add(world.ame)
    world.kim_consent.categories = [*world.kim_consent.categories, "assessment"]
    world.kim_consent.save()
    plan_goal_set(case=case, actor=mia, goal="Arbete inom vården")
    sub_goal = sub_goal_add(case=case, actor=mia, text="Bli frisk nog för praktik")
    start = date(2026, 1, 5)
    af_activity = activity_create(
        case=case,
        actor=anna,
        type="internship",
        responsible=anna,
        start_date=start,
        end_date=start + timedelta(days=60),
        hours_per_week=None,
        percent=100,
        sub_goal=sub_goal,
    )
    fk_activity = activity_create(
        case=case,
        actor=farid,
        type="sick_leave",
        responsible=farid,
        start_date=start,
        end_date=start + timedelta(days=30),
        percent=100,
    )
    starts = timezone.now() + timedelta(days=3)
    meeting = meeting_book(
        actor=mia,
        case=case,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        channel="visit",
        place="Ingången, Storgatan 1",
        purpose="Avstämning av planen",
        participants=[mia, anna],
    )
    referral = referral_send(
        case=case,
        actor=mia,
        receiving_agency=world.af,
        reason="Redo för praktik",
        requested_activity="Praktik med handledare",
    )
    version = instrument_current_version()
    assessment_create(
        person=world.kim,
        case=case,
        actor=mia,
        version=version,
        scores={d.code: 3 for d in version.dimensions.all()},
        assessors=[mia],
        assessed_on=date(2026, 1, 2),
    )
    return Filled(af_activity, fk_activity, meeting, referral)


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for a token (the test client's `headers=`)."""
    return {"Authorization": f"Bearer {token}"}
