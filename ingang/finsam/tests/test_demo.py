from datetime import date

from ingang.finsam.demo import DEMO_PROJECT_NAMES, demo_projects, seed_finsam
from ingang.finsam.models import Association, Indicator, Project
from ingang.finsam.selectors import budget_splits
from ingang.testing.world import World


def test_it_builds_two_associations_once_whatever_the_number_of_runs(world: World) -> None:
    agencies = {
        "af": world.af,
        "fk": world.fk,
        "soc": world.social,
        "ame": world.ame,
        "region": world.region,
        "provider": world.ame,
        "finsam": world.finsam,
    }
    today = date(2026, 5, 4)
    assert seed_finsam(agencies=agencies, analyst=world.alex_analyst, today=today) == 9
    seed_finsam(agencies=agencies, analyst=world.alex_analyst, today=today)

    assert Association.objects.count() == 2
    assert Project.objects.count() == len(DEMO_PROJECT_NAMES) == 9
    assert set(demo_projects()) == set(DEMO_PROJECT_NAMES)
    assert Indicator.objects.count() == 14
    assert {p.status for p in Project.objects.all()} == {
        "planned",
        "ongoing",
        "implemented",
        "ended",
    }
    # Every budget year splits without error; Gotland's odd krona lands on the state.
    for association in Association.objects.all():
        for split in budget_splits(association):
            assert split.error == ""
            total = split.budget_year.total_contribution
            assert sum(c.amount for c in split.contributions) == total
    gotland = Association.objects.get(name="Samordningsförbundet Gotland")
    (split,) = budget_splits(gotland)
    assert [c.amount for c in split.contributions] == [1_000_001, 1_000_000]
