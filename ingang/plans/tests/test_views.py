"""The plan pages: the gate, clashes, history as of a date, forms and query counts."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ingang.audit.models import AccessEvent, Outcome
from ingang.consent.services import consent_withdraw
from ingang.plans.clashes import RULES_BY_CODE
from ingang.plans.models import Activity, ActivityStatus, Clash, Plan
from ingang.plans.services import activity_status_set, plan_goal_set, sub_goal_add
from ingang.plans.tests.helpers import add, day
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent


def plan_url(world: World, **query: str) -> str:
    url = reverse("plans:plan", args=[world.kim.public_id])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def sick_leave_over_internship(world: World) -> tuple[Activity, Activity]:
    sick = add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    internship = add(
        world.kim_case, world.anna_af_caseworker, "internship", 14, 90, hours=20,
        description="Praktik på Vårdbolaget",
    )  # fmt: skip
    return sick, internship


def test_a_reader_with_plan_consent_sees_every_agencys_activities_and_the_clash(
    world: World, login: LoginAs
) -> None:
    sick_leave_over_internship(world)
    plan_goal_set(case=world.kim_case, actor=world.mia_ame_coordinator, goal="Jobba i vården")

    response = login(world.anna_af_caseworker).get(plan_url(world))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Praktik på Vårdbolaget" in html
    assert world.fk.name in html
    assert "Jobba i vården" in html
    assert str(RULES_BY_CODE["exclusive"].title) in html
    assert 'class="denied"' not in html
    allowed = AccessEvent.objects.get(action="plan.view", outcome=Outcome.ALLOWED)
    assert allowed.basis["plan"] == f"consent:{world.kim_consent.public_id};own_agency"


def test_a_reader_whose_agency_lacks_plan_consent_sees_only_own_activities_and_why(
    world: World, login: LoginAs
) -> None:
    # Kim's consent names AF, FK and social services, not the labour-market unit (AME).
    sick_leave_over_internship(world)
    own = add(world.kim_case, world.mia_ame_coordinator, "work_training", 0, 30, hours=5)
    plan_goal_set(case=world.kim_case, actor=world.anna_af_caseworker, goal="Hemligt mål")

    response = login(world.mia_ame_coordinator).get(plan_url(world))

    html = response.content.decode()
    activities = response.context["page"].activities
    assert [a.pk for a in activities] == [own.pk]
    assert "Praktik på Vårdbolaget" not in html
    assert "Hemligt mål" not in html
    assert 'data-reason="no_consent"' in html
    assert str(response.context["page"].cross_agency.explanation) in html
    denied = AccessEvent.objects.get(action="plan.view", outcome=Outcome.DENIED)
    assert denied.basis == {"plan": "no_consent"}


def test_a_clash_with_a_hidden_activity_names_only_its_agency(world: World, login: LoginAs) -> None:
    internship = add(world.kim_case, world.anna_af_caseworker, "internship", 0, 30, hours=20)
    add(world.kim_case, world.mia_ame_coordinator, "internship", 10, 40, hours=10)
    assert Clash.objects.filter(rule="same_kind").exists()

    html = login(world.mia_ame_coordinator).get(plan_url(world)).content.decode()

    assert str(RULES_BY_CODE["same_kind"].title) in html
    assert gettext("An activity of %(agency)s") % {"agency": world.af.name} in html
    assert f'data-activity="{internship.pk}"' not in html
    assert day(0).isoformat() not in html  # neither the AF dates nor the overlap period


def test_a_withdrawn_consent_hides_other_agencies_activities_on_the_next_request(
    world: World, login: LoginAs
) -> None:
    sick_leave_over_internship(world)
    client = login(world.anna_af_caseworker)
    assert len(client.get(plan_url(world)).context["page"].activities) == 2

    consent_withdraw(consent=world.kim_consent, actor=world.mia_ame_coordinator, reason="Ångrat")

    response = client.get(plan_url(world))
    assert [a.owning_agency_id for a in response.context["page"].activities] == [world.af.pk]
    assert 'data-reason="consent_withdrawn"' in response.content.decode()


def test_staff_not_on_the_team_get_not_found_and_the_attempt_is_logged(
    world: World, login: LoginAs
) -> None:
    sick_leave_over_internship(world)
    client = login(world.henrik_region_nurse)

    for url in (
        plan_url(world),
        plan_url(world, per=day(0).isoformat()),
        reverse("plans:history", args=[world.kim.public_id]),
        reverse("plans:activity_new", args=[world.kim.public_id]),
    ):
        assert client.get(url).status_code == 404
    assert (
        AccessEvent.objects.filter(
            actor=world.henrik_region_nurse, outcome=Outcome.DENIED, action__startswith="plan."
        ).count()
        == 4
    )
    assert not AccessEvent.objects.filter(
        actor=world.henrik_region_nurse, outcome=Outcome.ALLOWED
    ).exists()


def test_the_plan_page_query_count_does_not_grow_with_activities_or_clashes(
    world: World, login: LoginAs
) -> None:
    client = login(world.anna_af_caseworker)
    plan_goal_set(case=world.kim_case, actor=world.mia_ame_coordinator, goal="Mål")
    sub_goal_add(case=world.kim_case, actor=world.mia_ame_coordinator, text="Delmål")

    def measure() -> tuple[int, int, int]:
        client.get(plan_url(world))  # the same warm-up before each measurement
        with CaptureQueriesContext(connection) as queries:
            page = client.get(plan_url(world)).context["page"]
        return len(queries), len(page.rows), len(page.open_clashes)

    add(world.kim_case, world.farid_fk_officer, "sick_leave", 0, 60, percent=100)
    add(world.kim_case, world.anna_af_caseworker, "internship", 0, 60, hours=20)
    one, rows_one, clashes_one = measure()
    for i in range(1, 6):
        add(world.kim_case, world.farid_fk_officer, "sick_leave", i, 60, percent=100)
        add(world.kim_case, world.anna_af_caseworker, "internship", i, 60, hours=20)
    many, rows_many, clashes_many = measure()

    assert (rows_one, rows_many) == (2, 12)
    assert clashes_many > clashes_one >= 1
    assert one == many


def test_the_plan_page_as_of_a_date_shows_the_plan_as_it_was(world: World, login: LoginAs) -> None:
    anna = world.anna_af_caseworker
    activity = add(world.kim_case, anna, "job_search", 0, 30, hours=10)
    plan_goal_set(case=world.kim_case, actor=world.mia_ame_coordinator, goal="Första målet")
    # Pretend the plan was written a week ago, then changed today.
    week_ago = timezone.now() - timedelta(days=7)
    for model in (Activity, Plan):
        model.history.all().update(history_date=week_ago)
    activity_status_set(activity=activity, actor=anna, status="cancelled")
    plan_goal_set(case=world.kim_case, actor=world.mia_ame_coordinator, goal="Nytt mål")
    add(world.kim_case, anna, "studies", 0, 30)

    client = login(anna)
    then = client.get(plan_url(world, per=(timezone.localdate() - timedelta(days=3)).isoformat()))
    before = client.get(
        plan_url(world, per=(timezone.localdate() - timedelta(days=10)).isoformat())
    )

    page = then.context["page"]
    assert [(a.type, a.status) for a in page.activities] == [("job_search", "planned")]
    assert page.plan.goal == "Första målet"
    assert "Nytt mål" not in then.content.decode()
    assert before.context["page"].activities == []
    assert (
        AccessEvent.objects.filter(action="plan.view_as_of", outcome=Outcome.ALLOWED).count() == 2
    )


def test_the_plan_as_of_a_date_is_gated_like_the_current_plan(world: World, login: LoginAs) -> None:
    add(world.kim_case, world.anna_af_caseworker, "job_search", 0, 30)
    own = add(world.kim_case, world.mia_ame_coordinator, "work_training", 0, 30)

    response = login(world.mia_ame_coordinator).get(plan_url(world, per=day(0).isoformat()))

    assert [a.id for a in response.context["page"].activities] == [own.pk]
    assert 'data-reason="no_consent"' in response.content.decode()
    denied = AccessEvent.objects.get(action="plan.view_as_of", outcome=Outcome.DENIED)
    assert denied.basis == {"plan": "no_consent"}


def test_the_history_page_lists_who_changed_what(world: World, login: LoginAs) -> None:
    anna = world.anna_af_caseworker
    activity = add(world.kim_case, anna, "job_search", 0, 30)
    activity_status_set(activity=activity, actor=anna, status="ongoing")
    add(world.kim_case, world.mia_ame_coordinator, "work_training", 0, 30)

    response = login(world.farid_fk_officer).get(
        reverse("plans:history", args=[world.kim.public_id])
    )

    items = response.context["items"]
    change = next(i for i in items if i.changes and i.changes[0].new == gettext("Ongoing"))
    assert change.who == anna.display_name
    assert change.changes[0].old == gettext("Planned")
    # FK has plan consent and sees the AF changes; AME's plan was not consented... to FK it was.
    assert {i.agency for i in items} >= {world.af.name}
    assert AccessEvent.objects.filter(action="plan.history", outcome=Outcome.ALLOWED).exists()


def test_the_history_page_hides_other_agencies_changes_without_consent(
    world: World, login: LoginAs
) -> None:
    add(world.kim_case, world.anna_af_caseworker, "job_search", 0, 30)

    response = login(world.mia_ame_coordinator).get(
        reverse("plans:history", args=[world.kim.public_id])
    )

    assert response.context["items"] == []
    assert 'data-reason="no_consent"' in response.content.decode()


def test_adding_an_activity_through_the_form(world: World, login: LoginAs) -> None:
    client = login(world.anna_af_caseworker)
    url = reverse("plans:activity_new", args=[world.kim.public_id])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "type": "internship",
            "description": "Praktik",
            "sub_goal": "",
            "responsible": world.anna_af_caseworker.pk,
            "start_date": day(1).isoformat(),
            "end_date": day(30).isoformat(),
            "hours_per_week": "20",
            "percent": "",
            "status": "planned",
        },
    )

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.owning_agency == world.af
    assert TimelineEvent.objects.filter(kind="plan.activity_added").exists()


def test_the_activity_form_shows_the_services_message_and_saves_nothing(
    world: World, login: LoginAs
) -> None:
    response = login(world.anna_af_caseworker).post(
        reverse("plans:activity_new", args=[world.kim.public_id]),
        {
            "type": "internship",
            "responsible": world.anna_af_caseworker.pk,
            "start_date": day(10).isoformat(),
            "end_date": day(1).isoformat(),
            "hours_per_week": "20",
            "status": "planned",
        },
    )

    assert response.status_code == 200
    assert gettext("The end date cannot be before the start date.") in response.content.decode()
    assert not Activity.objects.exists()


def test_changing_another_agencys_activity_status_is_refused_with_a_message(
    world: World, login: LoginAs
) -> None:
    activity = add(world.kim_case, world.anna_af_caseworker, "job_search", 0, 30)
    client = login(world.farid_fk_officer)

    response = client.post(
        reverse("plans:activity_status", args=[world.kim.public_id, activity.pk]),
        {"status": "cancelled"},
        follow=True,
    )

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED
    expected = gettext("Only staff of %(agency)s may change its activities.") % {
        "agency": world.af.name
    }
    assert expected in response.content.decode()


def test_acknowledging_a_clash_through_the_page(world: World, login: LoginAs) -> None:
    sick_leave_over_internship(world)
    clash = Clash.objects.get(rule="exclusive")
    client = login(world.anna_af_caseworker)
    url = reverse("plans:clash_acknowledge", args=[world.kim.public_id, clash.pk])

    empty = client.post(url, {"justification": ""})
    done = client.post(url, {"justification": "Praktiken skjuts upp, beslut 2026-05-01"})

    assert empty.status_code == 200
    assert done.status_code == 302
    clash.refresh_from_db()
    assert clash.acknowledged_by == world.anna_af_caseworker
    html = client.get(plan_url(world)).content.decode()
    assert "Praktiken skjuts upp, beslut 2026-05-01" in html


def test_an_uninvolved_agency_cannot_acknowledge_a_clash(world: World, login: LoginAs) -> None:
    sick_leave_over_internship(world)
    clash = Clash.objects.get(rule="exclusive")

    response = login(world.sara_social_services).post(
        reverse("plans:clash_acknowledge", args=[world.kim.public_id, clash.pk]),
        {"justification": "Okej"},
    )

    assert response.status_code == 404
    clash.refresh_from_db()
    assert clash.acknowledged_at is None


def test_setting_the_goal_and_a_sub_goal_through_the_forms(world: World, login: LoginAs) -> None:
    client = login(world.mia_ame_coordinator)
    goal_url = reverse("plans:goal", args=[world.kim.public_id])
    sub_goal_url = reverse("plans:sub_goal_new", args=[world.kim.public_id])

    assert client.post(goal_url, {"goal": "Jag vill bli snickare"}).status_code == 302
    assert client.post(sub_goal_url, {"text": "Klara SFI C"}).status_code == 302
    assert client.get(goal_url).context["form"].initial == {"goal": "Jag vill bli snickare"}

    html = client.get(plan_url(world)).content.decode()
    assert "Jag vill bli snickare" in html
    assert "Klara SFI C" in html
    assert (
        TimelineEvent.objects.filter(kind__in=["plan.goal_set", "plan.sub_goal_added"]).count() == 2
    )


def test_editing_an_activity_through_the_form(world: World, login: LoginAs) -> None:
    activity = add(world.kim_case, world.anna_af_caseworker, "job_search", 0, 30, hours=10)
    client = login(world.anna_af_caseworker)
    url = reverse("plans:activity_edit", args=[world.kim.public_id, activity.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}

    response = client.post(url, data | {"hours_per_week": "15", "status": "ongoing"})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.hours_per_week, activity.status) == (Decimal(15), "ongoing")
    assert activity.history.count() == 2


def test_a_role_that_reads_no_person_data_gets_not_found_and_the_refusal_is_logged(
    world: World, login: LoginAs
) -> None:
    response = login(world.alex_analyst).get(plan_url(world))

    assert response.status_code == 404
    denied = AccessEvent.objects.get(actor=world.alex_analyst, action="plan.view")
    assert denied.outcome == Outcome.DENIED
    assert denied.basis == {
        "identity": "role_reads_no_person_data",
        "plan": "role_reads_no_person_data",
    }
