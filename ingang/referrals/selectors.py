"""Reads of referrals.

Two doors:
  * The case team reads a person's referrals through the gate
    (person_record_read with the `referral_source`); they are plan data owned
    by the sending agency.
  * The receiving agency's staff are not related to the person until they
    accept, so the gate would (rightly) deny them the person's record. Their
    inbox shows only what the referral itself carries — reference, sending
    agency, reason, requested activity, urgency, dates — never the person's
    name or any other data, and only while a current consent covers the
    receiving agency (that consent is what makes the referral possible). Each
    referral shown is an access event (category plan, basis the referral and
    the consent). After accepting, the assigned staff are on the team and read
    the record through the gate like everyone else.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from ingang.access.decisions import Reason
from ingang.access.selectors import Source
from ingang.accounts.models import User
from ingang.agencies.models import Agency, Role
from ingang.audit.models import Channel, Outcome
from ingang.audit.services import PendingEvent, access_events_record
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.referrals.consent import referral_consent_checks
from ingang.referrals.models import (
    OPEN_STATES,
    Referral,
    ReferralState,
    ReferralTransition,
    stale_q,
)


def referrals_waiting_for(user: User) -> QuerySet[Referral]:
    """Candidates for a caseworker's dashboard: referrals that need someone at the user's agency.

    Incoming referrals still waiting for an answer, plus stale ones the
    user's agency sent or received. Rows carry person_id and owning_agency_id
    for the list gate. Incoming ones are not yet the reader's clients: show
    them through referral_inbox_read (or link to the inbox), not the gate.
    """
    agency = user.agency
    if agency is None or not Role(user.role).reads_person_data:
        return Referral.objects.none()
    waiting = Q(receiving_agency=agency, state=ReferralState.SENT)
    stale = stale_q() & (Q(owning_agency=agency) | Q(receiving_agency=agency))
    return (
        Referral.objects.filter(waiting | stale)
        .select_related("owning_agency", "receiving_agency")
        .order_by("last_changed_at", "pk")
    )


def referral_source(referral_id: uuid.UUID | None = None) -> Source:
    """A gate Source of a person's referrals (all of them, or one), with their history."""

    def query(person: Person) -> QuerySet[Referral]:
        rows = (
            Referral.objects.filter(person=person)
            .select_related("owning_agency", "receiving_agency", "sent_by")
            .prefetch_related(
                Prefetch(
                    "transitions",
                    queryset=ReferralTransition.objects.select_related("actor", "actor_agency"),
                ),
                Prefetch("assigned_staff", queryset=User.objects.select_related("unit__agency")),
            )
        )
        if referral_id is not None:
            rows = rows.filter(public_id=referral_id)
        return rows

    return Source(Category.PLAN, query)


@dataclass(frozen=True)
class IncomingReferral:
    """What the receiving agency sees before it takes a referral on.

    When no current consent covers the receiving agency any more, only the
    reference, the sending agency and the reason it is withheld are shown.
    """

    _referral: Referral
    public_id: uuid.UUID
    short_ref: str
    sending_agency: str
    state: ReferralState
    sent_at: datetime
    last_changed_at: datetime
    stale: bool
    consent_allowed: bool
    withheld: list[Promise | str]
    reason: str
    requested_activity: str
    urgency: str

    @property
    def state_label(self) -> str:
        return str(self.state.label)


def referral_of(incoming: IncomingReferral) -> Referral:
    """The referral behind an inbox row, for the transition service. Not for templates."""
    return incoming._referral


class ReferralNotFound(Http404):
    """No such referral to the reader's agency."""


ACTION_INBOX = "referral.inbox"
ACTION_INCOMING = "referral.incoming"


def _incoming(
    reader: User, referrals: list[Referral], action: str, channel: Channel
) -> list[IncomingReferral]:
    agency = reader.agency
    if agency is None:  # _incoming_rows gives staff without an agency nothing
        return []
    checks = referral_consent_checks(
        person_ids=[r.person_id for r in referrals], agency=agency, today=timezone.localdate()
    )
    now = timezone.now()
    shown: list[IncomingReferral] = []
    events: list[PendingEvent] = []
    for referral in referrals:
        check = checks[referral.person_id]
        allowed = check.allowed
        shown.append(
            IncomingReferral(
                _referral=referral,
                public_id=referral.public_id,
                short_ref=referral.short_ref,
                sending_agency=referral.owning_agency.name,
                state=ReferralState(referral.state),
                sent_at=referral.sent_at,
                last_changed_at=referral.last_changed_at,
                stale=referral.is_stale(now),
                consent_allowed=allowed,
                withheld=[p.explanation for p in check.problems],
                reason=referral.reason if allowed else "",
                requested_activity=referral.requested_activity if allowed else "",
                urgency=referral.get_urgency_display() if allowed else "",
            )
        )
        basis = (
            f"referral:{referral.public_id};{check.basis}"
            if allowed
            else ";".join(p.reason for p in check.problems)
        )
        events.append(
            PendingEvent(
                reader,
                referral.person,
                str(referral.person.public_id),
                action,
                Outcome.ALLOWED if allowed else Outcome.DENIED,
                {Category.PLAN: basis},
                channel,
            )
        )
    access_events_record(events)
    return shown


def _incoming_rows(reader: User) -> QuerySet[Referral]:
    agency = reader.agency
    if agency is None or not reader.is_active or not Role(reader.role).reads_person_data:
        return Referral.objects.none()
    return Referral.objects.filter(receiving_agency=agency).select_related(
        "owning_agency", "person"
    )


def referral_inbox_read(*, reader: User, channel: Channel = Channel.WEB) -> list[IncomingReferral]:
    """The reader's agency's incoming referrals still open, oldest change first; each one logged."""
    rows = list(_incoming_rows(reader).filter(state__in=OPEN_STATES).order_by("last_changed_at"))
    with transaction.atomic():
        return _incoming(reader, rows, ACTION_INBOX, channel)


def referral_incoming_read(
    *, reader: User, referral_id: uuid.UUID, channel: Channel = Channel.WEB
) -> IncomingReferral:
    """One referral to the reader's agency, in the receiver's limited view; logged.

    A referral to another agency, or none at all, is a logged denial and a 404.
    """
    referral = _incoming_rows(reader).filter(public_id=referral_id).first()
    if referral is None:
        other = Referral.objects.filter(public_id=referral_id).select_related("person").first()
        access_events_record(
            [
                PendingEvent(
                    reader,
                    other.person if other is not None else None,
                    str(referral_id),
                    ACTION_INCOMING,
                    Outcome.DENIED,
                    {Category.PLAN: Reason.NOT_RELATED if other else Reason.NOT_FOUND},
                    channel,
                )
            ]
        )
        raise ReferralNotFound
    with transaction.atomic():
        return _incoming(reader, [referral], ACTION_INCOMING, channel)[0]


def receiving_staff(agency: Agency) -> QuerySet[User]:
    """Staff of an agency who can take on a referral (and so join a case team)."""
    return User.objects.filter(
        unit__agency=agency,
        is_active=True,
        role__in=[r for r in Role if r.reads_person_data],
    ).select_related("unit__agency")
