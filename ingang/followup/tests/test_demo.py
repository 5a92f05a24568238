"""The demo world's participations: in the Finsam demo's projects, named and anonymous."""

import random

import pytest
from django.utils import timezone

from ingang.finsam import demo as finsam_demo
from ingang.followup.demo import seed_participations
from ingang.followup.models import Participation
from ingang.followup.reports import Filters, all_reports
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def test_it_creates_nothing_without_projects(world: World) -> None:
    assert seed_participations(today=timezone.localdate(), rng=random.Random(1)) == 0
    assert not Participation.objects.exists()


def test_it_fills_the_demo_projects_so_every_report_shows_something(world: World) -> None:
    agencies = {
        "af": world.af,
        "fk": world.fk,
        "soc": world.social,
        "ame": world.ame,
        "region": world.region,
        "provider": world.ame,
        "finsam": world.finsam,
    }
    today = timezone.localdate()
    finsam_demo.seed_finsam(agencies=agencies, analyst=world.alex_analyst, today=today)
    created = seed_participations(today=today, rng=random.Random(7))
    assert created == Participation.objects.count() >= 300
    named = Participation.objects.filter(person__isnull=False)
    assert named.exists() and Participation.objects.filter(person__isnull=True).exists()
    # Named registrations went through the services: the team sees them on the timeline.
    assert TimelineEvent.objects.filter(kind="participation.entered").count() == named.count()
    assert Participation.objects.exclude(followup_status="").exists()
    for report in all_reports(Filters()):
        shown = [c.value for row in report.table.cells for c in row if c.value]
        assert shown, f"{report.key} shows nothing"
