"""The assessments page: gated, shows only what consent allows, and a chart with its numbers."""

from collections.abc import Callable
from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from ingang.accounts.models import User
from ingang.assessments.models import Assessment, InstrumentVersion
from ingang.assessments.tests.conftest import MakeAssessment
from ingang.audit.models import AccessEvent, Outcome
from ingang.testing.world import World

Login = Callable[[User], Client]


def _list(world: World) -> str:
    return reverse("assessments:list", args=[world.kim.public_id])


def test_it_hides_assessments_from_staff_not_on_the_team_and_logs_it(
    world: World,
    make_assessment: MakeAssessment,
    login: Login,
) -> None:
    make_assessment()
    client: Client = login(world.henrik_region_nurse)

    assert client.get(_list(world)).status_code == 404
    assert client.get(reverse("assessments:new", args=[world.kim.public_id])).status_code == 404
    event = AccessEvent.objects.filter(action="assessment.list").get()
    assert (event.outcome, event.basis["assessment"]) == (Outcome.DENIED, "not_on_team")


def test_without_assessment_consent_a_reader_sees_only_own_agency_assessments_and_why(
    world: World,
    make_assessment: MakeAssessment,
    login: Login,
) -> None:
    # Kim's consent does not carry assessment data to other agencies.
    by_ame = make_assessment(actor=world.mia_ame_coordinator)
    by_af = make_assessment(actor=world.anna_af_caseworker, on=date(2024, 5, 1))
    client: Client = login(world.anna_af_caseworker)

    response = client.get(_list(world))

    page = response.content.decode()
    assert f'data-assessment="{by_af.public_id}"' in page
    assert f'data-assessment="{by_ame.public_id}"' not in page
    reason = gettext("No consent: {data} to {agency}").format(
        data=gettext("assessment data"), agency="Arbetsförmedlingen"
    )
    assert reason in page
    denied = AccessEvent.objects.get(action="assessment.list", outcome=Outcome.DENIED)
    assert denied.basis == {"assessment": "no_consent"}


def test_it_shows_progress_as_an_accessible_chart_with_the_numbers_beside_it(
    world: World,
    make_assessment: MakeAssessment,
    login: Login,
) -> None:
    make_assessment(score=2, on=date(2024, 1, 1))
    make_assessment(score=4, on=date(2024, 6, 1))
    client: Client = login(world.mia_ame_coordinator)

    page = client.get(_list(world)).content.decode()

    assert '<svg role="img" aria-labelledby="chart-health-title chart-health-desc"' in page
    assert '<title id="chart-health-title">Hälsa: 2 → 4</title>' in page
    assert "2024-01-01: 2, 2024-06-01: 4" in page
    assert '<th scope="row">Hälsa</th>\n    <td>2</td><td>4</td>' in page


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_for_one_assessment_as_for_many(
    world: World,
    make_assessment: MakeAssessment,
    login: Login,
) -> None:
    client: Client = login(world.mia_ame_coordinator)
    make_assessment()
    _queries(client, _list(world))  # warm the session and content types
    one = _queries(client, _list(world))
    for month in range(2, 8):
        make_assessment(actor=world.mia_ame_coordinator, on=date(2024, month, 1))
    assert Assessment.objects.count() == 7

    assert _queries(client, _list(world)) == one


def test_the_form_refuses_a_score_outside_the_scale_and_saves_nothing(
    world: World,
    v1: InstrumentVersion,
    login: Login,
) -> None:
    client: Client = login(world.mia_ame_coordinator)
    data: dict[str, object] = {
        f"score_{d.code}": 3 for d in v1.dimensions.all() if d.code != "finances"
    }
    data.update(
        score_health=7,
        assessed_on="2024-02-02",
        assessors=[world.mia_ame_coordinator.pk, world.henrik_region_nurse.pk],
    )

    response = client.post(reverse("assessments:new", args=[world.kim.public_id]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        gettext("The score for %(dimension)s must be a whole number from 1 to 5.")
        % {"dimension": "Hälsa"}
        in page
    )
    assert gettext("Choose a score for %(dimension)s.") % {"dimension": "Ekonomi"} in page
    assert gettext("Choose assessors among the case team.") in page
    assert not Assessment.objects.exists()


def test_the_form_records_a_joint_assessment(
    world: World,
    v1: InstrumentVersion,
    login: Login,
) -> None:
    client: Client = login(world.anna_af_caseworker)
    data: dict[str, object] = {f"score_{d.code}": 4 for d in v1.dimensions.all()}
    data.update(
        assessed_on="2024-02-02",
        assessors=[world.anna_af_caseworker.pk, world.farid_fk_officer.pk],
        comment_health="Bättre sömn",
    )

    response = client.post(reverse("assessments:new", args=[world.kim.public_id]), data)

    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.owning_agency == world.af
    assert assessment.answers.get(dimension__code="health").comment == "Bättre sömn"
