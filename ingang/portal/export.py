"""Everything held about the person, for download (GDPR art. 15 and 20).

`export_read` reads it all through ingang.access.own as ONE logged read (one
access event, every category, basis "self"); `export_document` shapes it into
the documented structure (docs/portal.md, "Your data export") that both the
JSON file and the PDF are made from. Values are Python dates, datetimes and
numbers; `export_json_chunks` turns them into ISO 8601 text.

The sources here query by person and, unlike the staff pages' sources, are
not limited to the open case: the export covers closed cases too. Nothing in
the document identifies another person: staff are named, other people never
(a consent's witness, for one, is given only as "witnessed").
"""

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet, TextChoices, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ingang.access.own import own_record_read
from ingang.access.selectors import ALL_CATEGORIES, PersonRecord, Source
from ingang.accounts.models import User
from ingang.agencies.models import Agency, Role
from ingang.assessments.models import Answer, Assessment
from ingang.audit.models import AccessEvent, AccessEventFlag, Channel, Outcome
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.consent.models import Block, Consent, ConsentSource, ConsentStatus
from ingang.core.categories import Category
from ingang.followup.models import EducationLevel, ExitStatus, Gender, IncomeSource, Participation
from ingang.intake.models import Contact, ContactChannel, ContactState
from ingang.meetings.models import Meeting, MeetingChannel, MeetingState
from ingang.people.models import Person
from ingang.plans.catalogue import ActivityType
from ingang.plans.clashes import RULES_BY_CODE
from ingang.plans.models import Activity, ActivityStatus, Clash, ClashParty, Plan, SubGoal
from ingang.records.models import Entry
from ingang.referrals.models import Referral, ReferralState, ReferralTransition, Urgency
from ingang.timeline.models import TimelineEvent

FORMAT = "ingang-person-export"
FORMAT_VERSION = 1


def _staff_prefetch(field: str) -> "Prefetch[Any]":
    return Prefetch(field, queryset=User.objects.select_related("unit__agency"))


def _cases(person: Person) -> QuerySet[Case]:
    return (
        Case.objects.filter(person=person)
        .select_related("coordinator__unit__agency")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CaseMember.objects.select_related("staff__unit__agency").order_by(
                    "added_at", "pk"
                ),
            )
        )
        .order_by("opened_at", "pk")
    )


def _consents(person: Person) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(person=person)
        .select_related("registered_by__unit__agency", "withdrawn_by__unit__agency")
        .prefetch_related("agencies", _staff_prefetch("staff"))
        .order_by("registered_at", "pk")
    )


def _blocks(person: Person) -> QuerySet[Block]:
    return (
        Block.objects.filter(person=person)
        .select_related("entry", "created_by__unit__agency", "lifted_by__unit__agency")
        .order_by("created_at", "pk")
    )


def _plans(person: Person) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(person=person)
        .select_related("case", "owning_agency")
        .order_by("created_at", "pk")
    )


def _sub_goals(person: Person) -> QuerySet[SubGoal]:
    return SubGoal.objects.filter(person=person).select_related("owning_agency")


def _activities(person: Person) -> QuerySet[Activity]:
    return Activity.objects.filter(person=person).select_related(
        "owning_agency", "responsible__unit__agency"
    )


def _clashes(person: Person) -> QuerySet[Clash]:
    return (
        Clash.objects.filter(person=person)
        .select_related("acknowledged_by__unit__agency")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=ClashParty.objects.select_related("activity", "owning_agency"),
            )
        )
    )


def _assessments(person: Person) -> QuerySet[Assessment]:
    answers = Answer.objects.select_related("dimension").prefetch_related("dimension__anchors")
    return (
        Assessment.objects.filter(person=person)
        .select_related("owning_agency", "registered_by__unit__agency", "version__instrument")
        .prefetch_related(_staff_prefetch("assessors"), Prefetch("answers", queryset=answers))
        .order_by("assessed_on", "pk")
    )


def _meetings(person: Person) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(person=person)
        .select_related("owning_agency", "booked_by__unit__agency", "outcome_by__unit__agency")
        .prefetch_related(_staff_prefetch("participants"))
        .order_by("starts_at", "pk")
    )


def _referrals(person: Person) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(person=person)
        .select_related("owning_agency", "receiving_agency", "sent_by__unit__agency")
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=ReferralTransition.objects.select_related(
                    "actor__unit__agency", "actor_agency"
                ),
            ),
            _staff_prefetch("assigned_staff"),
        )
        .order_by("sent_at", "pk")
    )


def _contacts(person: Person) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(person=person)
        .select_related(
            "owning_agency",
            "next_meeting",
            "registered_by__unit__agency",
            "routed_to__unit__agency",
            "closed_by__unit__agency",
        )
        .order_by("received_at", "pk")
    )


def _participations(person: Person) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(person=person)
        .select_related(
            "project__association", "referring_agency", "owning_agency", "registered_by"
        )
        .order_by("entered_on", "pk")
    )


def _timeline(person: Person) -> QuerySet[TimelineEvent]:
    return (
        TimelineEvent.objects.filter(person=person)
        .select_related("owning_agency", "actor__unit__agency")
        .order_by("occurred_at", "pk")
    )


def _access_log(person: Person) -> QuerySet[AccessEvent]:
    # The same rows as the access-log page (own_access_log_read): reads by others.
    return (
        AccessEvent.objects.filter(person=person, actor__isnull=False)
        .exclude(channel=Channel.PORTAL)
        .order_by("occurred_at", "seq")
    )


def _flags(person: Person) -> QuerySet[AccessEventFlag]:
    return (
        AccessEventFlag.objects.filter(person=person, event__person=person)
        .select_related("event")
        .order_by("flagged_at", "pk")
    )


# The category of each source only names what the read is logged as; the export
# reads every category anyway, so its one access event lists them all.
EXPORT_SOURCES: dict[str, Source] = {
    "cases": Source(Category.PLAN, _cases),
    "consents": Source(Category.IDENTITY, _consents),
    "blocks": Source(Category.IDENTITY, _blocks),
    "plans": Source(Category.PLAN, _plans),
    "sub_goals": Source(Category.PLAN, _sub_goals),
    "activities": Source(Category.PLAN, _activities),
    "clashes": Source(Category.PLAN, _clashes),
    "assessments": Source(Category.ASSESSMENT, _assessments),
    "meetings": Source(Category.PLAN, _meetings),
    "referrals": Source(Category.PLAN, _referrals),
    "contacts": Source(Category.NOTES, _contacts),
    "participations": Source(Category.PLAN, _participations),
    "timeline": Source(Category.PLAN, _timeline),
    "access_log": Source(Category.IDENTITY, _access_log),
    "flags": Source(Category.IDENTITY, _flags),
}


def export_read(*, person_id: int, action: str) -> PersonRecord:
    """Everything held about the person, read and logged as one portal read."""
    return own_record_read(
        person_id=person_id, action=action, categories=ALL_CATEGORIES, sources=EXPORT_SOURCES
    )


# --- shaping -------------------------------------------------------------------------


def _coded(choices: type[TextChoices], value: str) -> dict[str, str] | None:
    """A stored code with its label in the current language: {"code": …, "label": …}."""
    if not value:
        return None
    try:
        label = str(choices(value).label)
    except ValueError:
        label = value
    return {"code": value, "label": label}


def _category(value: str) -> dict[str, str] | None:
    return _coded(Category, value)


def _agency(agency: Agency | None) -> str | None:
    return agency.name if agency is not None else None


def _staff(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {
        "name": user.display_name,
        "title": user.title,
        "agency": _agency(user.agency),
        "unit": user.unit.name if user.unit is not None else None,
        "role": _coded(Role, user.role),
    }


def _identity(record: PersonRecord, person: Person) -> dict[str, Any]:
    identity = record.identity
    if identity is None:  # own reads always include identity; kept for the type checker
        raise ValueError("identity missing from an own read")
    shown: dict[str, Any] = {
        "name": identity.name,
        "given_name": identity.given_name,
        "family_name": identity.family_name,
        "personal_number": identity.personal_number,
        "is_coordination_number": identity.is_coordination_number,
        "protected_identity": record.protected_identity,
        "registered_by_agency": _agency(person.registering_agency),
        "registered_at": person.created_at,
    }
    if record.protected_identity:
        shown["address"] = None
        shown["phone"] = None
        shown["email"] = None
        shown["omitted"] = ["address", "phone", "email"]
        shown["omitted_reason"] = _(
            "You have protected identity. Your address and contact details are left out, so "
            "that this file cannot reveal where you live if someone else sees it."
        )
    else:
        shown["address"] = {
            "street": identity.street_address,
            "postal_code": identity.postal_code,
            "city": identity.city,
        }
        shown["phone"] = identity.phone
        shown["email"] = identity.email
        shown["omitted"] = []
        shown["omitted_reason"] = None
    return shown


def _cases_part(cases: list[Case]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(case.public_id),
            "state": _coded(CaseState, case.state),
            "opened_at": case.opened_at,
            "closed_at": case.closed_at,
            "coordinator": _staff(case.coordinator),
            "team": [
                {**(_staff(m.staff) or {}), "added_at": m.added_at} for m in case.members.all()
            ],
        }
        for case in cases
    ]


def _consents_part(consents: list[Consent], today: date) -> list[dict[str, Any]]:
    return [
        {
            "id": str(c.public_id),
            "categories": [_category(value) for value in c.categories],
            "agencies": sorted(a.name for a in c.agencies.all()),
            "staff": [_staff(s) for s in c.staff.all()],
            "valid_from": c.valid_from,
            "valid_until": c.valid_until,
            "status": _coded(ConsentStatus, c.status(today)),
            "given_as": _coded(ConsentSource, c.source),
            "witnessed": bool(c.witness),
            "note": c.note,
            "registered_at": c.registered_at,
            "registered_by": _staff(c.registered_by),
            "withdrawn_at": c.withdrawn_at,
            "withdrawn_by": _staff(c.withdrawn_by),
            "withdrawal_reason": c.withdrawal_reason,
        }
        for c in consents
    ]


def _blocks_part(blocks: list[Block]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(b.public_id),
            "category": _category(b.category),
            "entry": (
                {"id": str(b.entry.public_id), "title": b.entry.title}
                if b.entry is not None
                else None
            ),
            "reason": b.reason,
            "created_at": b.created_at,
            "created_by": _staff(b.created_by),
            "lifted_at": b.lifted_at,
            "lifted_by": _staff(b.lifted_by),
        }
        for b in blocks
    ]


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "id": str(entry.public_id),
        "category": _category(entry.category),
        "title": entry.title,
        "text": entry.body,
        "recorded_at": entry.recorded_at,
        "agency": _agency(entry.owning_agency),
        "author": _staff(entry.author),
        "written_by_you": entry.author_id is None,
    }


def _activity(activity: Activity, sub_goals: dict[int, str]) -> dict[str, Any]:
    return {
        "type": _coded(ActivityType, activity.type),
        "description": activity.description,
        "serves_sub_goal": sub_goals.get(activity.sub_goal_id or 0),
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "hours_per_week": activity.hours_per_week,
        "percent": activity.percent,
        "status": _coded(ActivityStatus, activity.status),
        "agency": _agency(activity.owning_agency),
        "responsible": _staff(activity.responsible),
        "created_at": activity.created_at,
    }


def _clash(clash: Clash) -> dict[str, Any]:
    rule = RULES_BY_CODE.get(clash.rule)
    parties = list(clash.parties.all())
    return {
        "rule": {
            "code": clash.rule,
            "label": str(rule.title) if rule else clash.rule,
            "explanation": str(rule.explanation) if rule else "",
        },
        "details": rule.describe(clash.facts) if rule else "",
        "activities": [
            {
                "type": _coded(ActivityType, p.activity.type),
                "description": p.activity.description,
                "agency": _agency(p.owning_agency),
            }
            for p in parties
        ],
        "detected_at": clash.detected_at,
        "resolved_at": clash.resolved_at,
        "acknowledged_at": clash.acknowledged_at,
        "acknowledged_by": _staff(clash.acknowledged_by),
        "justification": clash.justification,
    }


def _plans_part(record: PersonRecord) -> list[dict[str, Any]]:
    data = record.data
    sub_goals: list[SubGoal] = data["sub_goals"].items
    texts = {s.pk: s.text for s in sub_goals}
    activities: list[Activity] = data["activities"].items
    clashes: list[Clash] = data["clashes"].items
    plans = []
    for plan in data["plans"].items:
        plans.append(
            {
                "case_id": str(plan.case.public_id),
                "case_state": _coded(CaseState, plan.case.state),
                "goal": plan.goal,
                "agency": _agency(plan.owning_agency),
                "created_at": plan.created_at,
                "updated_at": plan.updated_at,
                "sub_goals": [
                    {"text": s.text, "agency": _agency(s.owning_agency), "created_at": s.created_at}
                    for s in sub_goals
                    if s.plan_id == plan.pk
                ],
                "activities": [_activity(a, texts) for a in activities if a.plan_id == plan.pk],
                "clashes": [_clash(c) for c in clashes if c.plan_id == plan.pk],
            }
        )
    return plans


def _answer(answer: Answer) -> dict[str, Any]:
    anchors = {a.score: a.text for a in answer.dimension.anchors.all()}
    return {
        "dimension": {"code": answer.dimension.code, "label": answer.dimension.name},
        "score": answer.score,
        "meaning": anchors.get(answer.score, ""),
        "comment": answer.comment,
    }


def _assessments_part(assessments: list[Assessment]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(a.public_id),
            "assessed_on": a.assessed_on,
            "instrument": a.version.instrument.name,
            "instrument_version": a.version.number,
            "agency": _agency(a.owning_agency),
            "registered_by": _staff(a.registered_by),
            "assessors": [_staff(s) for s in a.assessors.all()],
            "summary": a.note,
            "answers": [_answer(answer) for answer in a.answers.all()],
        }
        for a in assessments
    ]


def _meetings_part(meetings: list[Meeting]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(m.public_id),
            "starts_at": m.starts_at,
            "ends_at": m.ends_at,
            "channel": _coded(MeetingChannel, m.channel),
            "place": m.place,
            "purpose": m.purpose,
            "state": _coded(MeetingState, m.state),
            "you_take_part": m.person_attends,
            "agency": _agency(m.owning_agency),
            "booked_by": _staff(m.booked_by),
            "participants": [_staff(s) for s in m.participants.all()],
            "outcome": m.outcome,
            "outcome_by": _staff(m.outcome_by),
            "outcome_at": m.outcome_at,
            "cancelled_at": m.cancelled_at,
            "cancel_reason": m.cancel_reason,
        }
        for m in meetings
    ]


def _referrals_part(referrals: list[Referral]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(r.public_id),
            "sending_agency": _agency(r.owning_agency),
            "receiving_agency": _agency(r.receiving_agency),
            "sent_by": _staff(r.sent_by),
            "sent_at": r.sent_at,
            "reason": r.reason,
            "requested_activity": r.requested_activity,
            "urgency": _coded(Urgency, r.urgency),
            "state": _coded(ReferralState, r.state),
            "assigned_staff": [_staff(s) for s in r.assigned_staff.all()],
            "history": [
                {
                    "at": t.occurred_at,
                    "from_state": _coded(ReferralState, t.from_state),
                    "to_state": _coded(ReferralState, t.to_state),
                    "by": _staff(t.actor),
                    "agency": _agency(t.actor_agency),
                    "note": t.note,
                }
                for t in r.transitions.all()
            ],
        }
        for r in referrals
    ]


def _contacts_part(contacts: list[Contact]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(c.public_id),
            "received_at": c.received_at,
            "channel": _coded(ContactChannel, c.channel),
            "need": c.need,
            "state": _coded(ContactState, c.state),
            "agency": _agency(c.owning_agency),
            "registered_by": _staff(c.registered_by),
            "routed_to": _staff(c.routed_to),
            "routed_at": c.routed_at,
            "next_step": c.next_step,
            "next_meeting_id": str(c.next_meeting.public_id) if c.next_meeting else None,
            "closed_at": c.closed_at,
            "closed_by": _staff(c.closed_by),
        }
        for c in contacts
    ]


def _participations_part(participations: list[Participation]) -> list[dict[str, Any]]:
    return [
        {
            "reference": p.reference,
            "project": p.project.name,
            "association": p.project.association.name,
            "gender": _coded(Gender, p.gender),
            "birth_year": p.birth_year,
            "education_level": _coded(EducationLevel, p.education_level),
            "referring_agency": _agency(p.referring_agency),
            "entered_on": p.entered_on,
            "income_source_at_entry": _coded(IncomeSource, p.entry_income_source),
            "exited_on": p.exited_on,
            "income_source_at_exit": _coded(IncomeSource, p.exit_income_source),
            "status_at_exit": _coded(ExitStatus, p.exit_status),
            "followed_up_on": p.followed_up_on,
            "income_source_at_follow_up": _coded(IncomeSource, p.followup_income_source),
            "status_at_follow_up": _coded(ExitStatus, p.followup_status),
            "agency": _agency(p.owning_agency),
            "registered_at": p.registered_at,
        }
        for p in participations
    ]


def _timeline_part(events: list[TimelineEvent]) -> list[dict[str, Any]]:
    return [
        {
            "at": e.occurred_at,
            "category": _category(e.category),
            "kind": e.kind,
            "summary": e.summary,
            "agency": _agency(e.owning_agency),
            "by": _staff(e.actor),
            "by_you": e.actor_id is None,
        }
        for e in events
    ]


def _basis(value: str) -> dict[str, str]:
    """A legal basis or refusal reason as stored ("consent:<id>"), with a label."""
    kind = str(value).split(":", 1)[0]
    labels = {
        "own_agency": _("The agency's own data"),
        "consent": _("Your consent"),
        "log_review": _("Log review (audit)"),
        "search_by_identity_number": _("Search by identity number"),
        "referral": _("A referral to the agency"),
        "not_on_team": _("Refused: not on your team"),
        "no_consent": _("Refused: no consent"),
        "consent_expired": _("Refused: the consent had expired"),
        "consent_withdrawn": _("Refused: the consent was withdrawn"),
        "consent_not_yet_valid": _("Refused: the consent was not yet valid"),
        "category_blocked": _("Refused: blocked"),
        "protected_identity": _("Refused: protected identity"),
        "role_reads_no_person_data": _("Refused: the role does not read person data"),
        "not_found": _("Refused"),
    }
    return {"code": str(value), "label": labels.get(kind, str(value))}


def _access_log_part(events: list[AccessEvent], names_shown: bool) -> dict[str, Any]:
    return {
        "staff_names": "shown" if names_shown else "on_request",
        "events": [
            {
                "at": e.occurred_at,
                "outcome": _coded(Outcome, e.outcome),
                "agency": e.actor_agency,
                "unit": e.actor_unit,
                "role": _coded(Role, e.actor_role),
                "staff_name": e.actor_name if names_shown else None,
                "action": e.action,
                "channel": _coded(Channel, e.channel),
                "categories": [
                    {**(_category(c) or {}), "basis": _basis(e.basis.get(c, ""))}
                    for c in e.categories
                ],
            }
            for e in events
        ],
    }


def _flags_part(flags: list[AccessEventFlag]) -> list[dict[str, Any]]:
    return [
        {
            "flagged_at": f.flagged_at,
            "comment": f.comment,
            "read_at": f.event.occurred_at,
            "read_by_agency": f.event.actor_agency,
            "read_action": f.event.action,
        }
        for f in flags
    ]


def export_document(record: PersonRecord, person: Person) -> dict[str, Any]:
    """The whole export as one structure (format version FORMAT_VERSION).

    `person` is the record's subject (registration facts only: which agency
    registered them and when); every other value comes from `record`.
    """
    data = record.data
    entries = [e for section in record.sections for e in section.entries]
    entries.sort(key=lambda e: (e.recorded_at, e.pk))
    # The authors' units and agencies (staff facts, not person data) in two queries.
    prefetch_related_objects(entries, "author__unit__agency")
    messages = [e for e in entries if e.author_id is None and e.category == Category.NOTES]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now(),
        "language": get_language() or settings.LANGUAGE_CODE,
        "person": _identity(record, person),
        "cases": _cases_part(data["cases"].items),
        "consents": _consents_part(data["consents"].items, timezone.localdate()),
        "blocks": _blocks_part(data["blocks"].items),
        "entries": [_entry(e) for e in entries],
        "messages": [
            {
                "id": str(m.public_id),
                "text": m.body,
                "sent_at": m.recorded_at,
                "agency": _agency(m.owning_agency),
            }
            for m in messages
        ],
        "plans": _plans_part(record),
        "assessments": _assessments_part(data["assessments"].items),
        "meetings": _meetings_part(data["meetings"].items),
        "referrals": _referrals_part(data["referrals"].items),
        "contacts": _contacts_part(data["contacts"].items),
        "participations": _participations_part(data["participations"].items),
        "timeline": _timeline_part(data["timeline"].items),
        "access_log": _access_log_part(
            data["access_log"].items, settings.PORTAL_STAFF_NAMES == "shown"
        ),
        "flags": _flags_part(data["flags"].items),
    }


# --- JSON ----------------------------------------------------------------------------


class _Encoder(json.JSONEncoder):
    def default(self, o: object) -> object:
        if isinstance(o, datetime):
            return o.astimezone(UTC).isoformat().replace("+00:00", "Z")
        if isinstance(o, date):
            return o.isoformat()
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


_CHUNK = 64 * 1024


def export_json_chunks(document: dict[str, Any]) -> Iterator[bytes]:
    """The document as UTF-8 JSON, in chunks of about 64 kB (for a streaming response)."""
    encoder = _Encoder(ensure_ascii=False, indent=2)
    buffer: list[str] = []
    size = 0
    for piece in encoder.iterencode(document):
        buffer.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode()
