"""The pages: who may see reports and exports, and registration through the gate."""

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ingang.accounts.models import User
from ingang.audit.models import AccessEvent, Outcome
from ingang.followup.models import ExitStatus, Participation
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

from .conftest import Projects, participate

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]
EXITED = date(2025, 6, 30)


def _cohort(projects: Projects) -> None:
    participate(
        projects.bridge,
        6,
        exited=EXITED,
        exit_income="unsubsidised_wage",
        status="unsubsidised_work",
    )
    participate(projects.bridge, 2, exited=EXITED, exit_income="student_finance", status="studies")
    participate(
        projects.bridge, 9, exited=EXITED, exit_income="income_support", status="job_seeking"
    )


# -- reports ---------------------------------------------------------------------------


def test_it_shows_the_reports_to_an_analyst_with_chart_and_table(
    world: World, projects: Projects, login: Login
) -> None:
    _cohort(projects)
    page = login(world.alex_analyst).get(reverse("followup:reports")).content.decode()
    for key in ("participants", "income", "status", "work", "duration", "trend"):
        assert f'data-report="{key}"' in page
    assert page.count('<figure class="report__chart chart"') == 6
    assert 'class="bar bar--0" data-series="0" data-value="9.0"' in page  # 9 job-seeking
    # The analyst's own association is chosen by default.
    assert f'<option value="{projects.association.pk}" selected>' in page


@pytest.mark.parametrize("persona", ["anna_af_caseworker", "mia_ame_coordinator", "olle_auditor"])
def test_it_refuses_the_reports_to_roles_that_do_not_analyse(
    world: World, projects: Projects, login: Login, persona: str
) -> None:
    client = login(getattr(world, persona))
    assert client.get(reverse("followup:reports")).status_code == 403
    assert client.get(reverse("followup:export", args=["income", "csv"])).status_code == 403


def test_it_exports_csv_for_swedish_excel(world: World, projects: Projects, login: Login) -> None:
    _cohort(projects)
    response = login(world.alex_analyst).get(
        reverse("followup:export", args=["status", "csv"]), {"project": projects.bridge.pk}
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    # Under the title the filters in force (the analyst's association by default).
    assert [row[1] for row in rows[1:3]] == ["Samordningsförbundet Skellefteå", "Bryggan"]
    header = rows.index([]) + 1
    body_rows = rows[header + 1 : header + 1 + len(ExitStatus.values)]
    counts = dict(zip(ExitStatus.values, (row[1] for row in body_rows), strict=True))
    # 2 in studies is suppressed, and the 6 with it, or 17 − 9 would give the 2 back.
    assert counts["studies"] == ".." and counts["unsubsidised_work"] == ".."
    assert counts["job_seeking"] == "9" and counts["sick"] == "0"
    assert rows[header + 1 + len(ExitStatus.values)][1] == "17"
    assert "\r\n" in body


def test_it_exports_xlsx_that_opens(world: World, projects: Projects, login: Login) -> None:
    _cohort(projects)
    response = login(world.alex_analyst).get(
        reverse("followup:export", args=["work", "xlsx"]), {"project": projects.bridge.pk}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [r for r in sheet.iter_rows(values_only=True) if any(c is not None for c in r)]
    at_exit = next(r for r in rows if r[1] == 8)
    assert list(at_exit[1:5]) == [8, 9, 17, 47.1]


def test_it_refuses_an_unknown_report(world: World, projects: Projects, login: Login) -> None:
    client = login(world.alex_analyst)
    assert client.get(reverse("followup:export", args=["people", "csv"])).status_code == 404
    assert client.get(reverse("followup:export", args=["income", "pdf"])).status_code == 404


def test_it_streams_the_delivery_to_administrators_only(
    world: World, projects: Projects, login: Login
) -> None:
    _cohort(projects)
    participate(projects.youth, 3, person=world.kim)
    assert login(world.alex_analyst).get(reverse("followup:delivery")).status_code == 403
    response = login(world.ada_administrator).get(reverse("followup:delivery"))
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response).decode("utf-8")
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("id;association;project;gender;birth_year")
    assert len(lines) == 1 + 20
    # No identity in it: neither Kim's name, number nor public id.
    for secret in ("Kim", world.kim.personal_number, str(world.kim.public_id)):
        assert secret not in body


# -- registration ------------------------------------------------------------------------


def _entry(projects: Projects, **extra: object) -> dict[str, object]:
    return {
        "project": projects.bridge.pk,
        "entered_on": (timezone.localdate() - timedelta(days=200)).isoformat(),
        "entry_income_source": "income_support",
        "education_level": "compulsory",
        **extra,
    }


def test_it_registers_a_consenting_person_by_name_and_tells_the_team(
    world: World, projects: Projects, login: Login
) -> None:
    client = login(world.mia_ame_coordinator)
    url = reverse("followup:person_new", args=[world.kim.public_id])
    response = client.post(url, _entry(projects, consented="on"))
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert participation.person == world.kim
    assert participation.birth_year == int(world.kim.personal_number[:4])
    assert TimelineEvent.objects.filter(person=world.kim, kind="participation.entered").exists()
    page = client.get(reverse("followup:person", args=[world.kim.public_id])).content.decode()
    assert participation.reference in page


def test_it_registers_anonymously_without_consent(
    world: World, projects: Projects, login: Login
) -> None:
    client = login(world.mia_ame_coordinator)
    response = client.post(
        reverse("followup:person_new", args=[world.kim.public_id]), _entry(projects)
    )
    participation = Participation.objects.get()
    assert participation.person is None
    assert participation.gender and participation.birth_year
    assert response["Location"] == reverse("followup:participation", args=[participation.reference])
    assert not TimelineEvent.objects.filter(kind__startswith="participation").exists()
    # The reference is shown once, on the page the registration leads to …
    assert participation.reference in client.get(response["Location"]).content.decode()
    # … and nothing on Kim's page points at it: anonymous participations are never listed.
    page = client.get(reverse("followup:person", args=[world.kim.public_id])).content.decode()
    assert participation.reference not in page


def test_it_registers_protected_identity_anonymously_even_with_consent(
    world: World, projects: Projects, login: Login
) -> None:
    world.kim.protected_identity = True
    world.kim.responsible_unit = world.ame_unit
    world.kim.save()
    login(world.mia_ame_coordinator).post(
        reverse("followup:person_new", args=[world.kim.public_id]), _entry(projects, consented="on")
    )
    assert Participation.objects.get().person is None


def test_it_refuses_staff_outside_the_team_with_a_logged_404(
    world: World, projects: Projects, login: Login
) -> None:
    participate(projects.bridge, person=world.kim, owning_agency=world.ame, reference="AAAA-BBBB")
    client = login(world.henrik_region_nurse)
    assert client.get(reverse("followup:person", args=[world.kim.public_id])).status_code == 404
    assert client.get(reverse("followup:participation", args=["AAAA-BBBB"])).status_code == 404
    assert (
        AccessEvent.objects.filter(
            actor=world.henrik_region_nurse, outcome=Outcome.DENIED, person=world.kim
        ).count()
        == 2
    )


def test_it_logs_reading_a_named_participation(
    world: World, projects: Projects, login: Login
) -> None:
    participate(projects.bridge, person=world.kim, owning_agency=world.ame, reference="AAAA-BBBB")
    response = login(world.mia_ame_coordinator).get(
        reverse("followup:participation", args=["AAAA-BBBB"])
    )
    assert response.status_code == 200
    allowed = AccessEvent.objects.get(
        actor=world.mia_ame_coordinator, person=world.kim, outcome=Outcome.ALLOWED
    )
    assert allowed.action == "participation.detail"
    assert set(allowed.categories) == {"identity", "plan"}


def test_it_lets_only_the_registering_agency_update_an_anonymous_participation(
    world: World, projects: Projects, login: Login
) -> None:
    start = timezone.localdate() - timedelta(days=300)
    participate(projects.bridge, entered=start, owning_agency=world.ame, reference="CCCC-DDDD")
    url = reverse("followup:participation", args=["CCCC-DDDD"])
    assert login(world.anna_af_caseworker).get(url).status_code == 404
    client = login(world.mia_ame_coordinator)
    exited = start + timedelta(days=100)
    response = client.post(
        url,
        {
            "step": "exit",
            "exit-exited_on": exited.isoformat(),
            "exit-exit_income_source": "student_finance",
            "exit-exit_status": "studies",
        },
    )
    assert response.status_code == 302
    # The follow-up comes 90 days after exit at the earliest: one day early is refused.
    early = {
        "step": "follow_up",
        "follow-followed_up_on": (exited + timedelta(days=89)).isoformat(),
        "follow-followup_income_source": "student_finance",
        "follow-followup_status": "studies",
    }
    page = client.post(url, early).content.decode()
    assert 'role="alert"' in page
    row = Participation.objects.get()
    assert row.exit_status == "studies" and row.followed_up_on is None
    on_time = {**early, "follow-followed_up_on": (exited + timedelta(days=90)).isoformat()}
    assert client.post(url, on_time).status_code == 302
    row.refresh_from_db()
    assert row.followup_status == "studies"


def test_it_finds_a_participation_by_its_reference(
    world: World, projects: Projects, login: Login
) -> None:
    participate(projects.bridge, owning_agency=world.ame, reference="EEEE-FFFF")
    client = login(world.mia_ame_coordinator)
    response = client.get(reverse("followup:find"), {"reference": "eeee ffff"})
    assert response["Location"] == reverse("followup:participation", args=["EEEE-FFFF"])
    page = client.get(reverse("followup:find"), {"reference": "ZZZZ-ZZZZ"}).content.decode()
    assert 'role="alert"' in page


def test_it_refuses_a_participant_outside_working_age(
    world: World, projects: Projects, login: Login
) -> None:
    entered = timezone.localdate() - timedelta(days=10)
    data = _entry(
        projects, gender="man", birth_year=entered.year - 15, entered_on=entered.isoformat()
    )
    page = (
        login(world.mia_ame_coordinator)
        .post(reverse("followup:anonymous_new"), data)
        .content.decode()
    )
    assert 'role="alert"' in page
    assert not Participation.objects.exists()
