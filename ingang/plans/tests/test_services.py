"""Writing the plan: validation, the owning agency's monopoly, history, timeline and clashes."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from ingang.cases.models import CaseMember
from ingang.cases.services import case_member_remove
from ingang.core.categories import Category
from ingang.plans.models import Activity, ActivityStatus, Clash, ClashParty, Plan, SubGoal
from ingang.plans.services import (
    activity_create,
    activity_status_set,
    activity_update,
    clash_acknowledge,
    plan_goal_set,
    sub_goal_add,
)
from ingang.plans.tests.helpers import add, day
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent


def open_clashes(world: World) -> set[str]:
    return set(
        Clash.objects.filter(person=world.kim, resolved_at__isnull=True).values_list(
            "rule", flat=True
        )
    )


def test_it_records_the_goal_with_the_actor_in_history_and_on_the_timeline(world: World) -> None:
    plan = plan_goal_set(
        case=world.kim_case, actor=world.mia_ame_coordinator, goal="  Jag vill jobba i vården "
    )

    assert plan.goal == "Jag vill jobba i vården"
    assert plan.owning_agency == world.ame
    assert plan.history.first().history_user == world.mia_ame_coordinator
    event = TimelineEvent.objects.get(kind="plan.goal_set")
    assert event.category == Category.PLAN
    assert event.actor == world.mia_ame_coordinator


def test_it_adds_sub_goals_owned_by_the_writers_agency(world: World) -> None:
    sub_goal = sub_goal_add(case=world.kim_case, actor=world.anna_af_caseworker, text="Praktik")

    assert sub_goal.owning_agency == world.af
    assert TimelineEvent.objects.filter(kind="plan.sub_goal_added").count() == 1


def test_it_adds_an_activity_under_the_actors_agency(world: World) -> None:
    anna = world.anna_af_caseworker

    activity = add(world.kim_case, anna, "internship", 1, 60, hours=20, description="Vårdbolaget")

    assert activity.owning_agency == world.af
    assert activity.responsible == anna
    assert activity.status == ActivityStatus.PLANNED
    assert activity.history.get().history_user == anna
    event = TimelineEvent.objects.get(kind="plan.activity_added")
    assert event.category == Category.PLAN
    assert event.owning_agency == world.af


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start": 10, "end": 5}, "end_date", "The end date cannot be before the start date."),
        ({"type": "flying"}, "type", "Unknown activity type."),
        ({"hours": None, "percent": None}, "hours_per_week", None),
        ({"hours": 20, "percent": 50}, "hours_per_week", None),
        ({"hours": 90}, "hours_per_week", None),
        ({"hours": None, "percent": 0}, "percent", None),
        ({"type": "sick_leave", "hours": None, "percent": 60}, "percent", None),
    ],
)
def test_it_refuses_bad_activity_input_with_a_clear_message_and_saves_nothing(
    world: World, fields: dict[str, object], field: str, message: str | None
) -> None:
    kwargs = {"type": "job_search", "start": 1, "end": 30, "hours": 10, "percent": None} | fields
    before = TimelineEvent.objects.count()

    with pytest.raises(ValidationError) as raised:
        activity_create(
            case=world.kim_case,
            actor=world.anna_af_caseworker,
            type=str(kwargs["type"]),
            responsible=world.anna_af_caseworker,
            start_date=day(int(str(kwargs["start"]))),
            end_date=day(int(str(kwargs["end"]))),
            hours_per_week=Decimal(str(kwargs["hours"])) if kwargs["hours"] is not None else None,
            percent=kwargs["percent"],  # type: ignore[arg-type]
        )

    assert field in raised.value.message_dict
    if message is not None:
        assert raised.value.message_dict[field] == [gettext(message)]
    assert not Activity.objects.exists()
    assert not Plan.objects.exists()  # the plan made for the first write is rolled back too
    assert TimelineEvent.objects.count() == before


def test_it_refuses_an_activity_in_another_agencys_name(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        activity_create(
            case=world.kim_case,
            actor=world.anna_af_caseworker,
            type="sick_leave",
            responsible=world.farid_fk_officer,
            start_date=day(0),
            percent=100,
            agency=world.fk,
        )

    assert raised.value.messages == [
        gettext("Only staff of %(agency)s may change its activities.") % {"agency": world.fk.name}
    ]
    assert not Activity.objects.exists()


def test_it_refuses_a_responsible_staff_member_of_another_agency(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        add(
            world.kim_case,
            world.anna_af_caseworker,
            "job_search",
            responsible=world.sara_social_services,
        )

    assert "responsible" in raised.value.message_dict
    assert not Activity.objects.exists()


def test_it_lets_only_the_owning_agency_change_an_activity(world: World) -> None:
    activity = add(world.kim_case, world.anna_af_caseworker, "job_search", 0, 30)

    with pytest.raises(ValidationError) as raised:
        activity_update(activity=activity, actor=world.farid_fk_officer, hours_per_week=Decimal(2))
    with pytest.raises(ValidationError):
        activity_status_set(activity=activity, actor=world.mia_ame_coordinator, status="cancelled")

    assert (
        gettext("Only staff of %(agency)s may change its activities.") % {"agency": world.af.name}
        in raised.value.messages
    )
    activity.refresh_from_db()
    assert activity.hours_per_week == 10
    assert activity.status == ActivityStatus.PLANNED
    assert activity.history.count() == 1


def test_it_refuses_staff_not_on_the_team(world: World) -> None:
    with pytest.raises(PermissionDenied):
        plan_goal_set(case=world.kim_case, actor=world.henrik_region_nurse, goal="x")
    assert not Plan.objects.exists()


def test_it_keeps_every_change_of_an_activity_with_who_made_it(world: World) -> None:
    anna = world.anna_af_caseworker
    activity = add(world.kim_case, anna, "job_search", 0, 30, hours=10)

    activity_update(activity=activity, actor=anna, hours_per_week=Decimal(15))
    activity_status_set(activity=activity, actor=anna, status="ongoing")

    versions = list(activity.history.order_by("history_date"))
    assert [(v.hours_per_week, v.status) for v in versions] == [
        (10, "planned"),
        (15, "planned"),
        (15, "ongoing"),
    ]
    assert {v.history_user for v in versions} == {anna}


def test_it_stores_a_clash_naming_the_activities_and_agencies_involved(world: World) -> None:
    sick = add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    internship = add(world.kim_case, world.anna_af_caseworker, "internship", 14, 90, hours=20)

    exclusive = Clash.objects.get(rule="exclusive")
    assert exclusive.key == f"exclusive:{sick.pk}-{internship.pk}"
    assert exclusive.person == world.kim
    assert set(
        ClashParty.objects.filter(clash=exclusive).values_list("activity_id", "owning_agency_id")
    ) == {(sick.pk, world.fk.pk), (internship.pk, world.af.pk)}
    assert open_clashes(world) == {"exclusive", "over_capacity"}


def test_a_cancelled_or_done_activity_does_not_clash_and_its_clash_is_resolved(
    world: World,
) -> None:
    add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    internship = add(world.kim_case, world.anna_af_caseworker, "internship", 14, 90, hours=20)

    activity_status_set(activity=internship, actor=world.anna_af_caseworker, status="cancelled")

    assert open_clashes(world) == set()
    assert Clash.objects.filter(resolved_at__isnull=False).count() == 2
    add(world.kim_case, world.anna_af_caseworker, "job_search", 14, 90, status="done")
    assert open_clashes(world) == set()


def test_an_acknowledgement_is_kept_with_who_when_why_and_survives_recomputation(
    world: World,
) -> None:
    anna = world.anna_af_caseworker
    add(world.kim_case, anna, "job_search", 0, 60, hours=5)
    add(world.kim_case, world.mia_ame_coordinator, "job_search", 0, 60, hours=5)
    clash = Clash.objects.get(rule="same_kind")

    clash_acknowledge(clash=clash, actor=anna, justification="  Vi delar upp sökandet ")
    add(world.kim_case, anna, "studies", 70, 90)  # any later change recomputes

    clash.refresh_from_db()
    assert clash.resolved_at is None
    assert clash.acknowledged_by == anna
    assert clash.justification == "Vi delar upp sökandet"
    assert clash.acknowledged_at is not None
    assert TimelineEvent.objects.filter(kind="plan.clash_acknowledged", actor=anna).count() == 1


def test_acknowledging_needs_a_justification_and_an_involved_agency(world: World) -> None:
    add(world.kim_case, world.anna_af_caseworker, "job_search", 0, 60, hours=5)
    add(world.kim_case, world.mia_ame_coordinator, "job_search", 0, 60, hours=5)
    clash = Clash.objects.get(rule="same_kind")

    with pytest.raises(ValidationError) as blank:
        clash_acknowledge(clash=clash, actor=world.anna_af_caseworker, justification="  ")
    with pytest.raises(ValidationError):
        clash_acknowledge(clash=clash, actor=world.farid_fk_officer, justification="Okej")

    assert "justification" in blank.value.message_dict
    clash.refresh_from_db()
    assert clash.acknowledged_at is None
    assert not TimelineEvent.objects.filter(kind="plan.clash_acknowledged").exists()


def test_an_agency_leaving_the_team_turns_its_activities_into_clashes(world: World) -> None:
    add(world.kim_case, world.sara_social_services, "social_support", 0, 60, hours=2)
    assert open_clashes(world) == set()

    member = CaseMember.objects.get(case=world.kim_case, staff=world.sara_social_services)
    case_member_remove(member=member, actor=world.mia_ame_coordinator)

    assert open_clashes(world) == {"agency_off_team"}


def test_an_activity_before_the_case_opened_clashes(world: World) -> None:
    add(world.kim_case, world.anna_af_caseworker, "job_search", -10, 30)

    assert open_clashes(world) == {"outside_case"}
    opened = timezone.localdate(world.kim_case.opened_at)
    assert Clash.objects.get().facts == {"opened": opened.isoformat(), "closed": None}


def test_a_clash_found_again_after_an_edit_is_reopened_with_its_acknowledgement(
    world: World,
) -> None:
    farid, anna = world.farid_fk_officer, world.anna_af_caseworker
    sick = add(world.kim_case, farid, "sick_leave", 0, 20, percent=100)
    add(world.kim_case, anna, "internship", 10, 40, hours=20)
    clash = Clash.objects.get(rule="exclusive")
    clash_acknowledge(
        clash=clash, actor=anna, justification="Praktiken börjar efter sjukskrivningen"
    )

    activity_update(activity=sick, actor=farid, end_date=day(5))
    clash.refresh_from_db()
    assert clash.resolved_at is not None

    activity_update(activity=sick, actor=farid, end_date=day(15))
    clash.refresh_from_db()
    assert clash.resolved_at is None
    assert clash.acknowledged_by == anna


def test_nothing_half_saved_when_the_sub_goal_is_from_another_plan(world: World) -> None:
    other = SubGoal(plan_id=0, text="x")
    with pytest.raises(ValidationError) as raised:
        add(world.kim_case, world.anna_af_caseworker, "job_search", sub_goal=other)
    assert "sub_goal" in raised.value.message_dict
    assert not Activity.objects.exists()
