"""Candidates for the caseworker dashboard: open clashes that concern the staff member."""

from ingang.plans.models import Clash
from ingang.plans.selectors import clashes_open_for_staff
from ingang.plans.services import activity_status_set, clash_acknowledge
from ingang.plans.tests.helpers import add
from ingang.testing.world import World


def test_it_lists_open_clashes_involving_the_staff_members_agency_once_each(world: World) -> None:
    add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    internship = add(world.kim_case, world.anna_af_caseworker, "internship", 14, 90, hours=20)

    rows = list(clashes_open_for_staff(world.anna_af_caseworker))

    assert sorted(c.rule for c in rows) == ["exclusive", "over_capacity"]
    assert {(c.person_id, c.owning_agency_id) for c in rows} == {(world.kim.pk, world.af.pk)}
    # Social services is on the team but not involved; the region is not on the team.
    assert list(clashes_open_for_staff(world.sara_social_services)) == []
    assert list(clashes_open_for_staff(world.henrik_region_nurse)) == []

    clash_acknowledge(
        clash=Clash.objects.get(rule="exclusive"),
        actor=world.farid_fk_officer,
        justification="Beslut om sjukpenning omprövas",
    )
    assert [c.rule for c in clashes_open_for_staff(world.anna_af_caseworker)] == ["over_capacity"]

    activity_status_set(activity=internship, actor=world.anna_af_caseworker, status="cancelled")
    assert list(clashes_open_for_staff(world.farid_fk_officer)) == []


def test_it_reads_the_candidates_in_one_query(
    world: World, django_assert_num_queries: object
) -> None:
    add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    add(world.kim_case, world.anna_af_caseworker, "internship", 14, 90, hours=20)
    anna = world.anna_af_caseworker
    anna.agency  # noqa: B018 (load the unit before counting)

    with django_assert_num_queries(1):  # type: ignore[operator]
        rows = list(clashes_open_for_staff(anna))
        assert {c.person.pk for c in rows} == {world.kim.pk}
