"""Two people with plans: Kim (the world's persona) and Lo, whose data must never show to Kim."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ingang.cases.models import Case
from ingang.meetings.models import Meeting, MeetingChannel
from ingang.meetings.services import meeting_book
from ingang.people.models import Person
from ingang.plans.services import activity_create, plan_goal_set
from ingang.testing.factories import CaseFactory, PersonFactory, add_member
from ingang.testing.world import World


@dataclass
class Portal:
    world: World
    kim_meeting: Meeting
    lo: Person
    lo_case: Case


PortalLogin = Callable[[Person], Client]

# Text that belongs to Lo only: it must appear on no page Kim can open.
LO_MARKERS = ("Lotta", "Lo-hemlig", "LO-MÖTE", "Lo-mål")


def _book(case: Case, actor, purpose: str, days: int) -> Meeting:  # type: ignore[no-untyped-def]
    at_ten = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    start = at_ten + timedelta(days=days)
    return meeting_book(
        actor=actor,
        case=case,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        channel=MeetingChannel.VISIT,
        place="Ingången, Storgatan 5",
        purpose=purpose,
        participants=[actor],
    )


@pytest.fixture
def portal(world: World) -> Portal:
    mia, anna = world.mia_ame_coordinator, world.anna_af_caseworker
    today = timezone.localdate()
    plan_goal_set(case=world.kim_case, actor=mia, goal="Arbete inom vården")
    activity_create(
        case=world.kim_case,
        actor=anna,
        type="job_search",
        responsible=anna,
        start_date=today,
        end_date=today + timedelta(days=60),
        hours_per_week=Decimal(10),
        description="Söka jobb som undersköterska",
    )
    kim_meeting = _book(world.kim_case, mia, "Uppföljning av planen", 3)

    lo = PersonFactory.create(
        given_name="Lotta", family_name="Lo-hemlig", registering_agency=world.ame
    )
    lo_case = CaseFactory.create(person=lo, coordinator=mia)
    add_member(lo_case, mia)
    add_member(lo_case, anna)
    plan_goal_set(case=lo_case, actor=mia, goal="Lo-mål: studier")
    activity_create(
        case=lo_case,
        actor=anna,
        type="studies",
        responsible=anna,
        start_date=today,
        end_date=today + timedelta(days=30),
        hours_per_week=Decimal(20),
        description="Lo-hemlig kurs",
    )
    _book(lo_case, mia, "LO-MÖTE om studier", 2)
    return Portal(world=world, kim_meeting=kim_meeting, lo=lo, lo_case=lo_case)


@pytest.fixture
def portal_login(client: Client) -> PortalLogin:
    """Sign a person in to My pages the way the demo does (the page's own form)."""

    def _login(person: Person) -> Client:
        response = client.post(
            "/mina-sidor/logga-in/", {"personal_number": person.formatted_number}
        )
        assert response.status_code == 302, response.content
        return client

    return _login
