"""Download all data held about me: every kind of the person's data, nothing of anyone else."""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from ingang.access.selectors import person_record_read
from ingang.accounts.models import User
from ingang.assessments.selectors import instrument_current_version
from ingang.assessments.services import assessment_create
from ingang.audit.models import AccessEvent, AccessEventFlag, Channel
from ingang.cases.models import Case
from ingang.consent.services import block_create
from ingang.core.categories import Category
from ingang.finsam.models import Association, Project
from ingang.followup.models import Participation
from ingang.intake.services import contact_register
from ingang.people.models import Person
from ingang.plans.catalogue import ActivityType
from ingang.plans.services import sub_goal_add
from ingang.plans.tests.helpers import add
from ingang.portal.export import FORMAT, FORMAT_VERSION
from ingang.portal.message_services import message_send
from ingang.portal.tests.conftest import LO_MARKERS, Portal
from ingang.referrals.services import referral_send
from ingang.testing.factories import (
    CaseFactory,
    ConsentFactory,
    EntryFactory,
    PersonFactory,
    add_member,
)
from ingang.testing.world import World

pytestmark = pytest.mark.django_db

PortalLogin = Callable[[Person], Client]
StaffLogin = Callable[[User], Client]

JSON_URL = "/mina-sidor/mina-uppgifter/uppgifter.json"
PDF_URL = "/mina-sidor/mina-uppgifter/uppgifter.pdf"
PAGE_URL = "/mina-sidor/mina-uppgifter/"


@dataclass
class Held:
    portal: Portal
    flag_comment: str
    project: str


def _everything_for(
    world: World, person: Person, case: Case, marker: str, project: Project
) -> None:
    """One row of every kind of data, each carrying `marker` where it has free text."""
    mia, anna, farid = world.mia_ame_coordinator, world.anna_af_caseworker, world.farid_fk_officer
    sub_goal_add(case=case, actor=mia, text=f"{marker} delmål: undersköterskekurs")
    # A full sick leave beside an internship: a clash.
    add(case, farid, "sick_leave", 0, 60, percent=100)
    add(case, anna, "internship", 10, 40, hours=20, description=f"{marker} praktik")
    version = instrument_current_version()
    assessment_create(
        person=person,
        case=case,
        actor=mia,
        version=version,
        scores={d.code: 3 for d in version.dimensions.all()},
        comments={version.dimensions.first().code: f"{marker} bedömningskommentar"},  # type: ignore[union-attr]
        assessors=[mia, anna],
        assessed_on=date(2024, 3, 1),
        note=f"{marker} sammanfattning",
    )
    referral_send(
        case=case,
        actor=mia,
        receiving_agency=world.af,
        reason=f"{marker} remissorsak",
        requested_activity=f"{marker} praktik med handledare",
    )
    contact_register(actor=mia, case=case, channel="phone", need=f"{marker} behöver hjälp")
    Participation.objects.create(
        project=project,
        person=person,
        gender="woman",
        birth_year=1980,
        entered_on=date(2024, 1, 10),
        entry_income_source="income_support",
        owning_agency=world.ame,
        registered_by=mia,
    )
    block_create(person=person, actor=mia, category=Category.HEALTH, reason=f"{marker} spärr")
    message_send(person_id=person.pk, text=f"{marker} meddelande till teamet")
    # A staff read, for the access log, which the person then flags.
    person_record_read(reader=anna, public_id=person.public_id, action="person.overview")
    event = AccessEvent.objects.filter(person=person, actor=anna).latest("seq")
    AccessEventFlag.objects.create(event=event, person=person, comment=f"{marker} okänd läsning")


@pytest.fixture
def held(portal: Portal) -> Held:
    world = portal.world
    association = Association.objects.create(
        name="Samordningsförbundet Skellefteå", agency=world.finsam
    )
    project = Project.objects.create(
        association=association,
        name="Vägen till vården",
        owner=world.ame,
        starts_on=date(2024, 1, 1),
    )
    lo_project = Project.objects.create(
        association=association,
        name="Lo-hemlig projekt",
        owner=world.ame,
        starts_on=date(2024, 1, 1),
    )
    _everything_for(world, world.kim, world.kim_case, "Kim", project)
    add_member(portal.lo_case, world.farid_fk_officer)
    ConsentFactory.create(
        person=portal.lo,
        categories=["identity", "plan"],
        agencies=[world.af, world.fk],
        registered_by=world.mia_ame_coordinator,
    )
    _everything_for(world, portal.lo, portal.lo_case, "Lo-hemlig", lo_project)
    return Held(portal=portal, flag_comment="Kim okänd läsning", project="Vägen till vården")


def _json(client: Client) -> dict[str, Any]:
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    data: dict[str, Any] = json.loads(body)
    return data


def _pdf_text(client: Client, url: str = PDF_URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_it_exports_every_kind_of_the_persons_data(portal_login: PortalLogin, held: Held) -> None:
    world = held.portal.world
    data = _json(portal_login(world.kim))

    assert data["format"] == FORMAT
    assert data["format_version"] == FORMAT_VERSION
    assert data["person"]["name"] == "Kim Andersson"
    assert data["person"]["personal_number"] == world.kim.formatted_number
    assert data["person"]["address"]["street"] == world.kim.street_address

    [case] = data["cases"]
    assert case["coordinator"]["name"] == world.mia_ame_coordinator.display_name
    assert {m["name"] for m in case["team"]} >= {"Anna Lind", "Farid Haddad", "Sara Berg"}
    assert world.af.name in {m["agency"] for m in case["team"]}

    assert world.af.name in data["consents"][0]["agencies"]
    assert data["consents"][0]["status"]["label"]
    assert data["blocks"][0]["category"]["code"] == "health"

    titles = {e["title"] for e in data["entries"]}
    assert {e.title for e in world.entries.values()} <= titles  # every category, every agency
    assert {e["category"]["code"] for e in data["entries"]} >= {
        "employment",
        "insurance",
        "social",
        "health",
        "plan",
        "notes",
    }
    anna_entry = next(e for e in data["entries"] if e["title"] == "Inskriven som arbetssökande")
    assert anna_entry["author"]["name"] == "Anna Lind"
    assert anna_entry["agency"] == world.af.name

    [plan] = data["plans"]
    assert plan["goal"] == "Arbete inom vården"
    assert plan["sub_goals"][0]["text"] == "Kim delmål: undersköterskekurs"
    descriptions = {a["description"] for a in plan["activities"]}
    assert {"Söka jobb som undersköterska", "Kim praktik"} <= descriptions
    internship = next(a for a in plan["activities"] if a["description"] == "Kim praktik")
    with translation.override(data["language"]):  # labels come in the page's language
        assert internship["type"] == {
            "code": "internship",
            "label": str(ActivityType.INTERNSHIP.label),
        }
    assert internship["responsible"]["name"] == "Anna Lind"
    assert internship["hours_per_week"] == 20
    assert plan["clashes"], "the sick leave and the internship clash"
    assert plan["clashes"][0]["rule"]["explanation"]

    [assessment] = data["assessments"]
    assert assessment["summary"] == "Kim sammanfattning"
    assert len(assessment["answers"]) == instrument_current_version().dimensions.count()
    assert assessment["answers"][0]["comment"] == "Kim bedömningskommentar"
    assert assessment["answers"][0]["meaning"]

    assert data["meetings"][0]["purpose"] == "Uppföljning av planen"
    assert data["meetings"][0]["participants"][0]["name"]
    assert data["referrals"][0]["requested_activity"] == "Kim praktik med handledare"
    assert data["referrals"][0]["history"][0]["to_state"]["code"] == "sent"
    assert data["contacts"][0]["need"] == "Kim behöver hjälp"
    assert data["participations"][0]["project"] == held.project
    assert data["participations"][0]["income_source_at_entry"]["code"] == "income_support"
    assert [m["text"] for m in data["messages"]] == ["Kim meddelande till teamet"]
    assert any(e["kind"] == "portal.message" and e["by_you"] for e in data["timeline"])
    assert data["flags"][0]["comment"] == held.flag_comment

    reads = data["access_log"]["events"]
    anna_read = next(e for e in reads if e["staff_name"] == "Anna Lind")
    assert anna_read["agency"] == world.af.name
    assert anna_read["unit"] == world.af_unit.name
    assert anna_read["role"]["code"] == "caseworker"
    plan_read = next(c for c in anna_read["categories"] if c["code"] == "plan")
    assert plan_read["basis"]["code"].startswith(("own_agency", "consent:"))
    assert all(e["channel"]["code"] != Channel.PORTAL for e in reads)
    # ISO 8601 dates and UTC times.
    assert data["generated_at"].endswith("Z")
    assert date.fromisoformat(assessment["assessed_on"]) == date(2024, 3, 1)


def test_the_export_holds_nothing_of_another_person(portal_login: PortalLogin, held: Held) -> None:
    lo = held.portal.lo
    client = portal_login(held.portal.world.kim)
    response = client.get(JSON_URL)
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode()
    pdf = _pdf_text(client)
    for text in (body, pdf):
        for marker in LO_MARKERS:
            assert marker not in text, marker
        assert lo.personal_number[:8] not in text
        assert str(lo.public_id) not in text
    assert "Lo-hemlig projekt" not in body


def test_the_export_is_one_logged_portal_read(portal_login: PortalLogin, held: Held) -> None:
    kim = held.portal.world.kim
    client = portal_login(kim)
    before = AccessEvent.objects.count()

    _json(client)

    [event] = AccessEvent.objects.order_by("seq")[before:]
    assert event.person_id == kim.pk
    assert event.actor_id is None
    assert event.channel == Channel.PORTAL
    assert event.action == "portal.export_json"
    assert sorted(event.categories) == sorted(c.value for c in Category)
    assert set(event.basis.values()) == {"self"}


def test_the_pdf_reads_as_the_persons_data(portal_login: PortalLogin, held: Held) -> None:
    world = held.portal.world
    before = AccessEvent.objects.count()
    text = _pdf_text(portal_login(world.kim))

    for expected in (
        "Kim Andersson",
        "Arbete inom vården",
        "Söka jobb som undersköterska",
        "Kim praktik",
        world.af.name,
        world.fk.name,
        "Anna Lind",
        "Inskriven som arbetssökande",
        "Kim meddelande till teamet",
        "Uppföljning av planen",
    ):
        assert expected in text.replace("\n", " "), expected
    assert AccessEvent.objects.filter(seq__gt=before, action="portal.export_pdf").count() == 1


def test_protected_identity_keeps_the_address_out_of_every_download_and_page(
    portal_login: PortalLogin,
    world: World,
) -> None:
    hidden = PersonFactory.create(
        given_name="Sam",
        family_name="Skyddad",
        street_address="Hemliga vägen 7",
        postal_code="931 99",
        city="Byn",
        phone="070-1234567",
        email="sam@example.org",
        protected_identity=True,
        responsible_unit=world.ame_unit,
        registering_agency=world.ame,
    )
    case = CaseFactory.create(person=hidden, coordinator=world.mia_ame_coordinator)
    add_member(case, world.anna_af_caseworker)
    client = portal_login(hidden)

    data = _json(client)
    assert data["person"]["protected_identity"] is True
    assert data["person"]["address"] is None
    assert data["person"]["omitted"] == ["address", "phone", "email"]
    assert data["person"]["omitted_reason"]
    texts = {
        "json": json.dumps(data, ensure_ascii=False),
        "pdf": _pdf_text(client),
        "page": client.get(PAGE_URL).content.decode(),
        "messages": client.get("/mina-sidor/meddelanden/").content.decode(),
        "start": client.get("/mina-sidor/").content.decode(),
    }
    for where, text in texts.items():
        for secret in ("Hemliga vägen", "931 99", "070-1234567", "sam@example.org"):
            assert secret not in text, (where, secret)
    assert "Sam Skyddad" in texts["pdf"]


def test_the_my_data_page_offers_both_downloads(portal_login: PortalLogin, portal: Portal) -> None:
    response = portal_login(portal.world.kim).get(PAGE_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{JSON_URL}"' in page
    assert f'href="{PDF_URL}"' in page


def test_the_downloads_need_the_persons_own_sign_in(
    client: Client, login: StaffLogin, portal: Portal
) -> None:
    login(portal.world.mia_ame_coordinator)  # a staff session does not open My pages
    for url in (PAGE_URL, JSON_URL, PDF_URL):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/mina-sidor/logga-in/"), url


def test_the_export_costs_the_same_number_of_queries_however_much_is_held(
    portal_login: PortalLogin, held: Held
) -> None:
    world = held.portal.world
    client = portal_login(world.kim)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _json(client)
        return len(captured.captured_queries)

    before = queries()
    for n in range(5):
        EntryFactory.create(
            person=world.kim,
            category="social",
            owning_agency=world.social,
            author=world.sara_social_services,
            title=f"Anteckning {n}",
        )
        message_send(person_id=world.kim.pk, text=f"Fråga {n}")
        person_record_read(reader=world.farid_fk_officer, public_id=world.kim.public_id)

    assert queries() == before
