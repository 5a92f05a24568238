"""Each targeted check flags what it should, leaves alone what it should not, and says why."""

from datetime import date, datetime, timedelta

from django.conf import LazySettings

from ingang.audit.models import AccessEvent, AccessEventFlag, Outcome
from ingang.review.checks import event_check, volume_findings
from ingang.review.models import StaffIdentity, WellKnownPerson
from ingang.review.scope import STOCKHOLM, Scope
from ingang.review.tests.helpers import read_at
from ingang.testing.factories import PersonFactory, StaffFactory
from ingang.testing.world import World

# A Wednesday.
DAY = date(2026, 10, 14)
MORNING = datetime(2026, 10, 14, 10, 0, tzinfo=STOCKHOLM)
SCOPE = Scope(date(2026, 10, 1), date(2026, 10, 31))


def flagged(code: str, scope: Scope = SCOPE) -> dict[int, str]:
    """Flagged events' seq -> explanation."""
    check = event_check(code)
    assert check is not None
    return {event.seq: check.explain(event) for event in check.query(scope)}


def seqs(events: list[AccessEvent]) -> set[int]:
    return {e.seq for e in events}


def test_no_team_flags_reads_and_attempts_outside_the_team(world: World) -> None:
    henrik = read_at(MORNING, world.henrik_region_nurse, world.kim)
    henrik_refused = read_at(MORNING, world.henrik_region_nurse, world.kim, outcome=Outcome.DENIED)
    anna = read_at(MORNING, world.anna_af_caseworker, world.kim)
    mia = read_at(MORNING, world.mia_ame_coordinator, world.kim)

    found = flagged("no_team")
    assert seqs(henrik + henrik_refused) <= found.keys()
    assert not (seqs(anna + mia) & found.keys())
    assert "Henrik Ek read this person's data but is not on the team" in found[henrik[0].seq]
    assert "was refused" in found[henrik_refused[0].seq]


def test_own_record_is_flagged_by_identity_number(world: World) -> None:
    anna_herself = PersonFactory.create(given_name="Annika", family_name="Lindqvist")
    StaffIdentity.objects.create(
        staff=world.anna_af_caseworker, personal_number=anna_herself.personal_number
    )
    own = read_at(MORNING, world.anna_af_caseworker, anna_herself)
    other = read_at(MORNING, world.anna_af_caseworker, world.kim)

    found = flagged("own_or_colleague")
    assert seqs(own) == found.keys() - seqs(other)
    assert not (seqs(other) & found.keys())
    assert "read their own record (the same identity number)" in found[own[0].seq]


def test_own_record_falls_back_to_the_name_without_a_registered_number(world: World) -> None:
    namesake = PersonFactory.create(given_name="anna", family_name="LIND")
    own = read_at(MORNING, world.anna_af_caseworker, namesake)
    found = flagged("own_or_colleague")
    assert "probably read their own record" in found[own[0].seq]


def test_a_colleagues_record_is_flagged_only_within_the_agency(world: World) -> None:
    StaffFactory.create(first_name="Bo", last_name="Ek", unit=world.af_unit)
    bo_the_person = PersonFactory.create(given_name="Bo", family_name="Ek")
    colleague = read_at(MORNING, world.anna_af_caseworker, bo_the_person)
    # Farid (FK) reading the same person: Bo is not his colleague.
    stranger = read_at(MORNING, world.farid_fk_officer, bo_the_person)

    found = flagged("own_or_colleague")
    assert colleague[0].seq in found
    assert stranger[0].seq not in found
    assert "colleague of Anna Lind" in found[colleague[0].seq]


def test_shared_surname_or_address_is_flagged(world: World) -> None:
    same_surname = PersonFactory.create(given_name="Per", family_name="Lind")
    neighbour = PersonFactory.create(street_address="Kungsgatan 3", postal_code="931 31")
    StaffIdentity.objects.create(
        staff=world.farid_fk_officer, street_address="kungsgatan 3", postal_code="931 31"
    )
    by_surname = read_at(MORNING, world.anna_af_caseworker, same_surname)
    by_address = read_at(MORNING, world.farid_fk_officer, neighbour)
    unrelated = read_at(MORNING, world.anna_af_caseworker, world.kim)

    found = flagged("surname_address")
    assert "the same surname as the person" in found[by_surname[0].seq]
    assert "the same registered address as the person" in found[by_address[0].seq]
    assert unrelated[0].seq not in found


def test_protected_identity_reads_are_flagged(world: World) -> None:
    protected = PersonFactory.create(protected_identity=True, responsible_unit=world.af_unit)
    hidden = read_at(MORNING, world.anna_af_caseworker, protected)
    ordinary = read_at(MORNING, world.anna_af_caseworker, world.kim)
    found = flagged("protected")
    assert "protected identity" in found[hidden[0].seq]
    assert ordinary[0].seq not in found


def test_well_known_people_are_flagged_once_marked(world: World) -> None:
    event = read_at(MORNING, world.anna_af_caseworker, world.kim)
    assert event[0].seq not in flagged("well_known")
    WellKnownPerson.objects.create(
        person=world.kim, reason="Local politician", marked_by=world.olle_auditor
    )
    assert "marked as well-known (Local politician)" in flagged("well_known")[event[0].seq]


def test_after_hours_uses_stockholm_office_hours_and_weekends(
    world: World, settings: LazySettings
) -> None:
    late = read_at(
        datetime(2026, 10, 14, 22, 30, tzinfo=STOCKHOLM), world.anna_af_caseworker, world.kim
    )
    early = read_at(
        datetime(2026, 10, 14, 6, 59, tzinfo=STOCKHOLM), world.anna_af_caseworker, world.kim
    )
    office = read_at(MORNING, world.anna_af_caseworker, world.kim)
    saturday = read_at(
        datetime(2026, 10, 17, 10, 0, tzinfo=STOCKHOLM), world.anna_af_caseworker, world.kim
    )

    found = flagged("after_hours")
    assert seqs(late + early + saturday) <= found.keys()
    assert office[0].seq not in found
    assert "at 22:30" in found[late[0].seq] and "(07–18)" in found[late[0].seq]

    settings.REVIEW_WEEKENDS_AFTER_HOURS = False
    settings.REVIEW_OFFICE_HOURS_END = 23
    found = flagged("after_hours")
    assert late[0].seq not in found and saturday[0].seq not in found
    assert early[0].seq in found


def test_reads_the_person_flagged_are_listed_with_their_comment(world: World) -> None:
    events = read_at(MORNING, world.anna_af_caseworker, world.kim, n=2)
    AccessEventFlag.objects.create(
        event=events[0], person=world.kim, comment="Jag känner inte Anna"
    )
    found = flagged("person_flagged", Scope(DAY - timedelta(days=400), DAY + timedelta(days=400)))
    assert found.keys() == {events[0].seq}
    assert "not recognised" in found[events[0].seq]
    assert "Jag känner inte Anna" in found[events[0].seq]


def test_unusual_volume_is_measured_against_the_readers_own_level(world: World) -> None:
    others = PersonFactory.create_batch(3)
    for back in range(1, 31):
        day = MORNING - timedelta(days=back)
        read_at(day, world.anna_af_caseworker, others[back % 3], n=2)
        read_at(day, world.farid_fk_officer, others[back % 3], n=40)
    read_at(MORNING, world.anna_af_caseworker, world.kim, n=40)
    read_at(MORNING, world.farid_fk_officer, world.kim, n=40)

    findings = volume_findings(Scope(DAY, DAY))
    assert [(f.actor_name, f.reads) for f in findings] == [("Anna Lind", 40)]
    assert "usual level over the previous 30 days is 2.0 a day" in findings[0].explanation


def test_a_small_absolute_number_is_never_unusual_volume(world: World) -> None:
    read_at(MORNING, world.anna_af_caseworker, world.kim, n=5)
    assert volume_findings(Scope(DAY, DAY)) == []


def test_the_scope_narrows_to_one_unit(world: World) -> None:
    read_at(MORNING, world.henrik_region_nurse, world.kim)
    assert flagged("no_team", Scope(SCOPE.start, SCOPE.end, world.af_unit)) == {}
    assert flagged("no_team", Scope(SCOPE.start, SCOPE.end))


def test_the_persons_own_reads_on_my_pages_are_never_after_hours(world: World) -> None:
    at_night = datetime(2026, 10, 14, 23, 0, tzinfo=STOCKHOLM)
    own = read_at(at_night, None, world.kim)
    staff = read_at(at_night, world.anna_af_caseworker, world.kim)
    found = flagged("after_hours")
    assert own[0].seq not in found
    assert staff[0].seq in found
