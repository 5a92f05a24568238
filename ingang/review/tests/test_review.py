"""Recorded reviews, samples, the monthly report and the breach query — and that each
look at people's log entries is itself logged."""

import io
from datetime import date, datetime, timedelta

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from ingang.audit.models import AccessEvent, AccessEventFlag
from ingang.audit.selectors import audit_chain_verify
from ingang.review.models import Conclusion, LogReview, ReviewKind, WellKnownPerson
from ingang.review.scope import STOCKHOLM, Scope
from ingang.review.selectors import sample_events
from ingang.review.services import log_review_record
from ingang.review.tests.helpers import read_at
from ingang.testing.factories import PersonFactory
from ingang.testing.world import World

MORNING = datetime(2026, 10, 14, 10, 0, tzinfo=STOCKHOLM)
OCTOBER = Scope(date(2026, 10, 1), date(2026, 10, 31))


def review_events(world: World, action: str) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(actor=world.olle_auditor, action=action))


def test_a_sample_is_reproducible_from_its_seed(world: World) -> None:
    people = PersonFactory.create_batch(10)
    for n, person in enumerate(people):
        read_at(MORNING + timedelta(minutes=n), world.anna_af_caseworker, person, n=3)
    first = [e.seq for e in sample_events(OCTOBER, seed="abc", size=5)]
    again = [e.seq for e in sample_events(OCTOBER, seed="abc", size=5)]
    other = [e.seq for e in sample_events(OCTOBER, seed="xyz", size=5)]
    assert first == again and len(first) == 5
    assert first != other


def test_a_recorded_review_keeps_what_was_examined_and_is_logged(world: World) -> None:
    people = PersonFactory.create_batch(4)
    for person in people:
        read_at(MORNING, world.anna_af_caseworker, person, n=2)
    drawn = {e.seq for e in sample_events(OCTOBER, seed="s1", size=5)}

    review = log_review_record(
        reviewer=world.olle_auditor,
        kind=ReviewKind.SAMPLE,
        scope=OCTOBER,
        seed="s1",
        size=5,
        conclusion=Conclusion.EXPLAINED,
        notes="Two reads by Anna the same minute.",
        follow_up="",
    )

    assert {e.seq for e in review.events.all()} == drawn
    assert review.examined_count == 5 and review.scope["seed"] == "s1"
    examined_people = {e.person_id for e in review.events.all()}
    logged = review_events(world, "log_review.record")
    assert sorted(e.person_id or 0 for e in logged) == sorted(pk or 0 for pk in examined_people)
    assert all(e.basis == {"identity": "log_review"} for e in logged)
    assert review.people_count == len(examined_people)
    assert audit_chain_verify()[1] is None


def test_a_check_review_covers_the_checks_flags(world: World) -> None:
    outside = read_at(MORNING, world.henrik_region_nurse, world.kim, n=2)
    read_at(MORNING, world.anna_af_caseworker, world.kim)
    review = log_review_record(
        reviewer=world.olle_auditor,
        kind=ReviewKind.CHECK,
        scope=OCTOBER,
        check_code="no_team",
        conclusion=Conclusion.ACTION,
        follow_up="Talk to Henrik's manager.",
    )
    assert {e.seq for e in review.events.all()} == {e.seq for e in outside}


def test_the_workspace_is_for_auditors_only(world: World, login) -> None:  # type: ignore[no-untyped-def]
    assert login(world.anna_af_caseworker).get(reverse("review:workspace")).status_code == 403


def test_the_check_page_shows_why_and_logs_the_people_shown(world: World, login) -> None:  # type: ignore[no-untyped-def]
    read_at(MORNING, world.henrik_region_nurse, world.kim)
    client: Client = login(world.olle_auditor)
    response = client.get(
        reverse("review:check"),
        {"check": "no_team", "date_from": "2026-10-01", "date_to": "2026-10-31"},
    )
    assert response.status_code == 200
    assert "Henrik Ek read this person" in response.content.decode()
    assert [e.person_id for e in review_events(world, "log_review.findings")] == [world.kim.pk]


def test_recording_action_needed_without_follow_up_saves_nothing(world: World, login) -> None:  # type: ignore[no-untyped-def]
    read_at(MORNING, world.henrik_region_nurse, world.kim)
    client: Client = login(world.olle_auditor)
    data = {
        "kind": "check",
        "check": "no_team",
        "date_from": "2026-10-01",
        "date_to": "2026-10-31",
        "conclusion": "action",
        "follow_up": " ",
    }
    response = client.post(reverse("review:record"), data)
    assert response.status_code == 400
    assert not LogReview.objects.exists()
    data["follow_up"] = "Samtal med chefen."
    response = client.post(reverse("review:record"), data)
    review = LogReview.objects.get()
    assert response.status_code == 302 and review.follow_up == "Samtal med chefen."


def test_a_sample_without_seed_gets_one_fixed_in_the_address(world: World, login) -> None:  # type: ignore[no-untyped-def]
    client: Client = login(world.olle_auditor)
    query: dict[str, str | int] = {"date_from": "2026-10-01", "date_to": "2026-10-31", "size": 5}
    response = client.get(reverse("review:sample"), query)
    assert response.status_code == 302 and "seed=" in response["Location"]


def test_the_monthly_report_as_page_csv_and_pdf(world: World, login) -> None:  # type: ignore[no-untyped-def]
    event = read_at(MORNING, world.henrik_region_nurse, world.kim)[0]
    flag = AccessEventFlag.objects.create(event=event, person=world.kim, comment="?")
    AccessEventFlag.objects.filter(pk=flag.pk).update(flagged_at=MORNING)
    review = log_review_record(
        reviewer=world.olle_auditor,
        kind=ReviewKind.CHECK,
        scope=OCTOBER,
        check_code="no_team",
        conclusion=Conclusion.ACTION,
        follow_up="Utbildning i sekretess",
    )
    LogReview.objects.filter(pk=review.pk).update(reviewed_at=MORNING)
    client: Client = login(world.olle_auditor)

    page = client.get(reverse("review:report"), {"month": "2026-10"}).content.decode()
    assert "Utbildning i sekretess" in page
    assert "1 of them have been examined" in page

    csv_response = client.get(reverse("review:report"), {"month": "2026-10", "format": "csv"})
    text = csv_response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "Olle Granath" in text and ";no_team;" in text

    pdf = client.get(reverse("review:report"), {"month": "2026-10", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "Olle Granath" in pdf_text and "Utbildning i sekretess" in pdf_text


def test_marking_a_well_known_person_is_logged(world: World, login) -> None:  # type: ignore[no-untyped-def]
    client: Client = login(world.olle_auditor)
    url = reverse("review:well_known")
    response = client.post(url, {"personal_number": "19000101-0000", "reason": "x"})
    assert "error-summary" in response.content.decode()
    assert not WellKnownPerson.objects.exists()

    response = client.post(
        url, {"personal_number": world.kim.personal_number, "reason": "Kommunalråd"}
    )
    assert response.status_code == 302
    assert WellKnownPerson.objects.get().person == world.kim
    assert review_events(world, "access_log.review")[0].person == world.kim

    mark = WellKnownPerson.objects.get()
    client.post(reverse("review:well_known_remove", args=[mark.pk]))
    assert not WellKnownPerson.objects.exists()
