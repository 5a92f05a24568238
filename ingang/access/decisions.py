"""The access decision: may this reader see this category of this person's data?

This module is the single place the rules live. The person pages, the
explain_access command and (later) the API and FHIR facade all call
`AccessContext.decide`; nothing else decides. Decisions are computed from the
database on every request and never cached, so a withdrawal takes effect on
the very next request.

Rules, in order:
  1. the reader's role must read person data at all (analysts, auditors and
     administrators never do);
  2. the reader must be related to the person: on the team of the person's
     open case, or its coordinator;
  3. identity of a person with protected identity is shown only to staff of
     the responsible unit;
  4. the reader's own agency's data is visible without consent;
  5. otherwise a block on the category hides it;
  6. otherwise a current consent must cover the category for the reader's
     agency or for the reader by name.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ingang.access import sql
from ingang.accounts.models import User
from ingang.agencies.models import Agency, Role
from ingang.cases.models import Case
from ingang.consent.models import Block, Consent, ConsentStatus
from ingang.core.categories import Category
from ingang.people.models import Person

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Reason:
    """Reason codes, stored in denied access events and shown to the reader."""

    OWN_AGENCY = "own_agency"
    CONSENT = "consent"
    ROLE = "role_reads_no_person_data"
    NOT_RELATED = "not_on_team"
    PROTECTED_IDENTITY = "protected_identity"
    BLOCKED = "category_blocked"
    NO_CONSENT = "no_consent"
    CONSENT_EXPIRED = "consent_expired"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    CONSENT_NOT_YET_VALID = "consent_not_yet_valid"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    category: Category
    reason: str
    # "own_agency" or "consent:<public id>" when allowed, the reason code when denied.
    basis: str
    explanation: Promise | str

    def __bool__(self) -> bool:
        return self.allowed


_PLAIN: dict[str, "StrPromise"] = {
    Reason.ROLE: _("Denied: your role does not read person data."),
    Reason.NOT_RELATED: _("Denied: you are not on this person's case team."),
    Reason.PROTECTED_IDENTITY: _(
        "Denied: the person has protected identity; only the responsible unit sees it."
    ),
    Reason.NOT_FOUND: _("Not found."),
}
# Templates taking {data} (the category in a sentence) and {agency} (the reader's agency).
_TEMPLATED: dict[str, "StrPromise"] = {
    Reason.OWN_AGENCY: _("Allowed: the data was recorded by your own agency ({agency})."),
    Reason.BLOCKED: _("Denied: {data} are blocked for other agencies."),
    Reason.NO_CONSENT: _("No consent: {data} to {agency}"),
    Reason.CONSENT_EXPIRED: _("Consent expired: {data} to {agency}"),
    Reason.CONSENT_WITHDRAWN: _("Consent withdrawn: {data} to {agency}"),
    Reason.CONSENT_NOT_YET_VALID: _("Consent not yet valid: {data} to {agency}"),
}


def explain(reason: str, category: Category, agency_name: str) -> Promise | str:
    """A reason in plain words, e.g. "No consent: social data to Arbetsförmedlingen"."""
    if reason in _PLAIN:
        return _PLAIN[reason]
    return format_lazy(_TEMPLATED[reason], data=category.data_phrase, agency=agency_name)


def missing_consent_reason(covering: list[Consent], today: date) -> str:
    """Why none of the consents covering a category is current: withdrawn, expired,
    not yet valid, or (with none at all) no consent."""
    statuses = {c.status(today) for c in covering}
    if ConsentStatus.WITHDRAWN in statuses:
        return Reason.CONSENT_WITHDRAWN
    if ConsentStatus.EXPIRED in statuses:
        return Reason.CONSENT_EXPIRED
    if ConsentStatus.NOT_YET_VALID in statuses:
        return Reason.CONSENT_NOT_YET_VALID
    return Reason.NO_CONSENT


@dataclass
class AccessContext:
    """Everything the rules need about one reader and one person, loaded once per request."""

    reader: User
    person: Person
    today: date
    case: Case | None
    related: bool
    consents: list[Consent]
    # Ids of consents naming the reader's agency or the reader (possibly of other people too).
    reader_consent_ids: frozenset[int]
    blocks: list[Block]

    @property
    def reader_agency(self) -> Agency | None:
        return self.reader.agency

    @property
    def reader_agency_name(self) -> str:
        agency = self.reader_agency
        return agency.name if agency is not None else ""

    def _deny(self, category: Category, reason: str) -> Decision:
        return Decision(
            False, category, reason, reason, explain(reason, category, self.reader_agency_name)
        )

    def relation_decision(self, category: Category) -> Decision | None:
        """The rules that do not depend on who owns the data (1–3). None means pass."""
        if not self.reader.is_active or not Role(self.reader.role).reads_person_data:
            return self._deny(category, Reason.ROLE)
        if not self.related or self.reader.unit_id is None:
            return self._deny(category, Reason.NOT_RELATED)
        if (
            category is Category.IDENTITY
            and self.person.protected_identity
            and self.reader.unit_id != self.person.responsible_unit_id
        ):
            return self._deny(category, Reason.PROTECTED_IDENTITY)
        return None

    def decide(self, category: Category, owner_id: int | None = None) -> Decision:
        """May the reader see data of this category owned by agency `owner_id`?

        With owner_id None the question is about other agencies' data, i.e.
        whether consent carries the category across the agency boundary.
        """
        denied = self.relation_decision(category)
        if denied is not None:
            return denied
        agency = self.reader_agency
        if agency is None:  # relation_decision already refuses staff without a unit
            return self._deny(category, Reason.NOT_RELATED)
        if owner_id is not None and owner_id == agency.pk:
            return Decision(
                True,
                category,
                Reason.OWN_AGENCY,
                Reason.OWN_AGENCY,
                explain(Reason.OWN_AGENCY, category, agency.name),
            )
        if any(b.category == category for b in self.blocks):
            return self._deny(category, Reason.BLOCKED)
        covering = [c for c in self.consents if self._covers(c, category)]
        current = [c for c in covering if c.is_current(self.today)]
        if current:
            consent = current[0]
            basis = f"consent:{consent.public_id}"
            common = {
                "registered": timezone.localdate(consent.registered_at).isoformat(),
                "data": category.data_phrase,
                "agency": agency.name,
            }
            if consent.valid_until is None:
                explanation = format_lazy(
                    _(
                        "Allowed: consent registered {registered} covers {data} to {agency} "
                        "until further notice."
                    ),
                    **common,
                )
            else:
                explanation = format_lazy(
                    _(
                        "Allowed: consent registered {registered} covers {data} to {agency} "
                        "up to and including {until}."
                    ),
                    until=consent.valid_until.isoformat(),
                    **common,
                )
            return Decision(True, category, Reason.CONSENT, basis, explanation)
        return self._deny(category, self._missing_consent_reason(covering))

    def _covers(self, consent: Consent, category: Category) -> bool:
        return consent.pk in self.reader_consent_ids and category.value in consent.categories

    def _missing_consent_reason(self, covering: list[Consent]) -> str:
        return missing_consent_reason(covering, self.today)

    def entry_blocked(self, entry_id: int) -> bool:
        return any(b.entry_id == entry_id for b in self.blocks)


def load_contexts(
    reader: User, people: Sequence[Person], *, cases: Mapping[int, Case] | None = None
) -> dict[int, AccessContext]:
    """Load what the rules need for many people at once, in two queries whatever their number.

    Keyed by person id. Nothing is cached beyond the returned contexts: every
    request loads afresh, so a withdrawal takes effect on the next one. The
    queries are SQL for speed (ingang.access.sql). `cases`, when given, are the
    open cases relating the reader that the caller read with the people in the
    same request (sql.person_and_related_case), keyed by person id.
    """
    if not people:
        return {}
    ids = [p.pk for p in people]
    if cases is None:
        cases = {c.person_id: c for c in sql.related_cases(reader_id=reader.pk, ids=ids)}
    # Staff without a unit are refused by the rules anyway; they match no agency grant.
    agency_id = reader.unit.agency_id if reader.unit is not None else None
    consents: dict[int, list[Consent]] = {pk: [] for pk in ids}
    reader_consent_ids: set[int] = set()
    blocks: dict[int, list[Block]] = {pk: [] for pk in ids}
    found_consents, found_blocks = sql.consents_and_blocks(
        agency_id=agency_id, staff_id=reader.pk, ids=ids
    )
    for consent, names_reader in found_consents:
        consents[consent.person_id].append(consent)
        if names_reader:
            reader_consent_ids.add(consent.pk)
    for block in found_blocks:
        blocks[block.person_id].append(block)
    today = timezone.localdate()
    covering = frozenset(reader_consent_ids)
    return {
        person.pk: AccessContext(
            reader=reader,
            person=person,
            today=today,
            case=cases.get(person.pk),
            related=person.pk in cases,
            consents=consents[person.pk],
            reader_consent_ids=covering,
            blocks=blocks[person.pk],
        )
        for person in people
    }


def load_context(reader: User, person: Person) -> AccessContext:
    """The context for one person (see load_contexts)."""
    return load_contexts(reader, [person])[person.pk]


def load_context_with_case(reader: User, person: Person, case: Case | None) -> AccessContext:
    """The context for one person whose related open case (or None) the caller has read."""
    related = {} if case is None else {person.pk: case}
    return load_contexts(reader, [person], cases=related)[person.pk]
