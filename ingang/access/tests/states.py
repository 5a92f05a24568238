"""The object states of the authorization matrix, built around one reader agency (AF).

Every person is registered by the municipality's labour-market unit (AME),
so identity is other-agency data for AF. Each person has three entries:
AF's own employment entry, FK's insurance entry and social services'
social entry.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ingang.accounts.models import User
from ingang.consent.models import Block
from ingang.people.models import Person
from ingang.testing.factories import (
    CaseFactory,
    ConsentFactory,
    EntryFactory,
    PersonFactory,
    add_member,
)
from ingang.testing.world import World

AF_OWN = "af-employment"
FK_INSURANCE = "fk-insurance"
SOC_SOCIAL = "soc-social"
CONSENTED = ["identity", "insurance", "social"]


@dataclass(frozen=True)
class Expect:
    related: bool  # False: the page answers 404 to every reader of person data
    identity: bool  # identity shown to the AF reader
    titles: frozenset[str]  # entries the AF reader sees
    social_reason: str | None  # reason shown for social data, None when visible


STATES: dict[str, Expect] = {
    "own_client_with_consent": Expect(
        True, True, frozenset({AF_OWN, FK_INSURANCE, SOC_SOCIAL}), None
    ),
    "consent_to_reader_by_name": Expect(
        True, True, frozenset({AF_OWN, FK_INSURANCE, SOC_SOCIAL}), None
    ),
    "own_agency_data_without_consent": Expect(True, False, frozenset({AF_OWN}), "no_consent"),
    "consent_expired": Expect(True, False, frozenset({AF_OWN}), "consent_expired"),
    "consent_withdrawn": Expect(True, False, frozenset({AF_OWN}), "consent_withdrawn"),
    "consent_not_yet_valid": Expect(True, False, frozenset({AF_OWN}), "consent_not_yet_valid"),
    "category_blocked": Expect(True, True, frozenset({AF_OWN, FK_INSURANCE}), "category_blocked"),
    "entry_blocked": Expect(True, True, frozenset({AF_OWN, FK_INSURANCE}), None),
    "protected_identity": Expect(True, False, frozenset({AF_OWN, FK_INSURANCE, SOC_SOCIAL}), None),
    "not_on_team": Expect(False, False, frozenset(), None),
    "nonexistent": Expect(False, False, frozenset(), None),
}


@dataclass
class Subject:
    public_id: uuid.UUID
    consent_id: uuid.UUID
    person: Person | None


def build_subject(world: World, state: str, readers: list[User]) -> Subject:
    if state == "nonexistent":
        return Subject(uuid.uuid4(), uuid.uuid4(), None)
    person = PersonFactory.create(
        registering_agency=world.ame,
        protected_identity=state == "protected_identity",
        responsible_unit=world.ame_unit if state == "protected_identity" else None,
    )
    case = CaseFactory.create(person=person, coordinator=world.mia_ame_coordinator)
    add_member(case, world.mia_ame_coordinator)
    if state != "not_on_team":
        for reader in readers:
            add_member(case, reader)
    EntryFactory.create(
        person=person,
        category="employment",
        owning_agency=world.af,
        author=world.anna_af_caseworker,
        title=AF_OWN,
    )
    EntryFactory.create(
        person=person,
        category="insurance",
        owning_agency=world.fk,
        author=world.farid_fk_officer,
        title=FK_INSURANCE,
    )
    social = EntryFactory.create(
        person=person,
        category="social",
        owning_agency=world.social,
        author=world.sara_social_services,
        title=SOC_SOCIAL,
    )
    grant: dict[str, object] = {"agencies": [world.af]}
    if state == "own_agency_data_without_consent":
        grant = {"agencies": [world.fk]}  # a consent exists, but not for AF
    elif state == "consent_to_reader_by_name":
        grant = {"staff": readers}
    consent = ConsentFactory.create(
        person=person, categories=CONSENTED, registered_by=world.mia_ame_coordinator, **grant
    )
    if state == "consent_expired":
        consent.valid_from, consent.valid_until = date(2020, 1, 1), date(2021, 1, 1)
    elif state == "consent_not_yet_valid":
        consent.valid_from = date(2999, 1, 1)
    elif state == "consent_withdrawn":
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = world.mia_ame_coordinator
    consent.save()
    if state == "category_blocked":
        Block.objects.create(person=person, category="social", created_by=world.mia_ame_coordinator)
    elif state == "entry_blocked":
        Block.objects.create(person=person, entry=social, created_by=world.mia_ame_coordinator)
    return Subject(person.public_id, consent.public_id, person)
