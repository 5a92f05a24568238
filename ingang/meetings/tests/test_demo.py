"""The demo builder's meetings: written through the services, past ones with outcomes."""

import random

from django.utils import timezone

from ingang.meetings.demo import seed_case
from ingang.meetings.models import Meeting
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent


def test_it_seeds_past_meetings_with_outcomes_and_upcoming_ones(world: World) -> None:
    team = [world.mia_ame_coordinator, world.anna_af_caseworker, world.farid_fk_officer]

    seed_case(case=world.kim_case, team=team, today=timezone.localdate(), rng=random.Random(7))

    now = timezone.now()
    past = Meeting.objects.filter(person=world.kim, starts_at__lt=now)
    upcoming = Meeting.objects.filter(person=world.kim, starts_at__gt=now)
    assert past.count() == 2
    assert all(m.outcome for m in past)
    assert 1 <= upcoming.count() <= 2
    assert not any(m.outcome for m in upcoming)
    assert TimelineEvent.objects.filter(kind="meeting.booked").count() == Meeting.objects.count()
