"""People: lookup by identity number, overview, case and team, and data held in its own tables."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from ingang.access.selectors import case_of, person_number_lookup, timeline_read
from ingang.api.auth import reader
from ingang.api.errors import ApiError, bilingual
from ingang.api.models import Scope
from ingang.api.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Page,
    cursor_decode,
    cursor_encode,
    page_of,
)
from ingang.api.reads import API, access_events_page, access_log_read, overview_read, record_read
from ingang.api.schemas import (
    ERRORS,
    AccessEventOut,
    AnswerOut,
    AssessmentOut,
    CaseOut,
    EntryOut,
    LookupIn,
    LookupOut,
    MeetingOut,
    OverviewOut,
    PersonOut,
    ReferralOut,
    SectionOut,
    StaffOut,
    TimelineEventOut,
    withheld,
)
from ingang.assessments.selectors import assessment_source
from ingang.cases.selectors import team_of
from ingang.meetings.selectors import MEETINGS_SOURCE
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.referrals.selectors import referral_source

router = Router(tags=["people"])

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)  # type: ignore[type-arg]


@router.post("/people/lookup", response={200: LookupOut, **ERRORS})
def people_lookup(request: HttpRequest, body: LookupIn) -> LookupOut:
    """Find a person by personnummer or samordningsnummer.

    Answers only for people the caller works with; anyone else is 404, like no one.
    """
    user = reader(request)
    try:
        number = parse_identity_number(body.personal_number)
    except InvalidIdentityNumber as exc:
        raise ApiError(422, "invalid", {"personal_number": [bilingual(exc.args[0])]}) from None
    public_id = person_number_lookup(reader=user, personal_number=number.digits, channel=API)
    return LookupOut(id=public_id)


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS})
def person_detail(request: HttpRequest, person_id: UUID) -> PersonOut:
    """The person's identity, as far as the gate allows."""
    return PersonOut.of(record_read(reader(request), person_id, "person.identity"))


@router.get("/people/{person_id}/overview", response={200: OverviewOut, **ERRORS})
def person_overview(request: HttpRequest, person_id: UUID) -> OverviewOut:
    """Identity and every category of recorded data the caller may see (the overview page)."""
    record = overview_read(reader(request), person_id)
    sections = [
        SectionOut(
            category=section.category.value,
            entries=[
                EntryOut(
                    id=e.public_id,
                    category=e.category,
                    title=e.title,
                    body=e.body,
                    owning_agency=e.owning_agency.name,
                    author=e.author_label,
                    recorded_at=e.recorded_at,
                )
                for e in section.entries
            ],
        )
        for section in record.sections
    ]
    return OverviewOut(
        person=PersonOut.of(record),
        sections=sections,
        withheld=withheld(*(s.cross_agency for s in record.sections)),
    )


@router.get("/people/{person_id}/case", response={200: CaseOut, **ERRORS})
def person_case(request: HttpRequest, person_id: UUID) -> CaseOut:
    """The open coordination case and its named team."""
    record = record_read(reader(request), person_id, "case.team")
    case = case_of(record)
    return CaseOut(
        id=case.public_id,
        state=case.state,
        opened_at=case.opened_at,
        coordinator=StaffOut.of(case.coordinator),
        team=[StaffOut.of(m.staff) for m in team_of(case)],
    )


@router.get("/people/{person_id}/assessments", response={200: Page[AssessmentOut], **ERRORS})
def person_assessments(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    record = record_read(
        reader(request), person_id, "assessment.list", sources={"assessments": assessment_source()}
    )
    rows, following = page_of("assessments", record.data["assessments"].items, cursor, limit)
    items = [
        AssessmentOut(
            id=a.public_id,
            assessed_on=a.assessed_on,
            instrument=a.version.instrument.code,
            version=a.version.number,
            owning_agency=a.owning_agency.name,
            assessors=[u.username for u in a.assessors.all()],
            note=a.note,
            answers=[
                AnswerOut(
                    dimension=x.dimension.code,
                    name=x.dimension.name,
                    score=x.score,
                    comment=x.comment,
                )
                for x in a.answers.all()
            ],
        )
        for a in rows
    ]
    return {"items": items, "next_cursor": following}


@router.get("/people/{person_id}/referrals", response={200: Page[ReferralOut], **ERRORS})
def person_referrals(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    record = record_read(
        reader(request), person_id, "referral.list", sources={"referrals": referral_source()}
    )
    rows, following = page_of("referrals", record.data["referrals"].items, cursor, limit)
    now = timezone.now()
    items = [
        ReferralOut(
            id=r.public_id,
            state=r.state,
            sending_agency=r.owning_agency.name,
            receiving_agency=r.receiving_agency.name,
            reason=r.reason,
            requested_activity=r.requested_activity,
            urgency=r.urgency,
            sent_at=r.sent_at,
            last_changed_at=r.last_changed_at,
            stale=r.is_stale(now),
        )
        for r in rows
    ]
    return {"items": items, "next_cursor": following}


@router.get("/people/{person_id}/meetings", response={200: Page[MeetingOut], **ERRORS})
def person_meetings(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    record = record_read(
        reader(request), person_id, "meeting.list", sources={"meetings": MEETINGS_SOURCE}
    )
    rows, following = page_of("meetings", record.data["meetings"].items, cursor, limit)
    items = [
        MeetingOut(
            id=m.public_id,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            channel=m.channel,
            place=m.place,
            purpose=m.purpose,
            state=m.state,
            owning_agency=m.owning_agency.name,
            participants=[u.username for u in m.participants.all()],
            person_attends=m.person_attends,
            outcome=m.outcome,
        )
        for m in rows
    ]
    return {"items": items, "next_cursor": following}


@router.get("/people/{person_id}/timeline", response={200: Page[TimelineEventOut], **ERRORS})
def person_timeline(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    """Newest first: what happened, as far as the caller may see each event's category."""
    start = cursor_decode("timeline", cursor)
    _record, events = timeline_read(
        reader=reader(request), public_id=person_id, limit=start + limit + 1, channel=API
    )
    rows = events[start : start + limit]
    following = cursor_encode("timeline", start + limit) if len(events) > start + limit else None
    items = [
        TimelineEventOut(
            occurred_at=e.occurred_at,
            kind=e.kind,
            category=e.category,
            summary=e.summary,
            agency=e.owning_agency.name,
            actor=e.actor.display_name,
        )
        for e in rows
    ]
    return {"items": items, "next_cursor": following}


@router.get("/people/{person_id}/access-events", response={200: Page[AccessEventOut], **ERRORS})
def person_access_events(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    """Who has read the person's data: auditors (scope `audit`) by log review, the team as on
    the person's log page."""
    user = reader(request, Scope.AUDIT)
    after = cursor_decode("access-events", cursor) if cursor else None
    _record, events = access_log_read(user, person_id)
    rows = access_events_page(events, after, limit)
    following = cursor_encode("access-events", rows[limit - 1].seq) if len(rows) > limit else None
    items = [
        AccessEventOut(
            seq=e.seq,
            occurred_at=e.occurred_at,
            actor_name=e.actor_name,
            actor_agency=e.actor_agency,
            actor_role=e.actor_role,
            action=e.action,
            categories=list(e.categories),
            outcome=e.outcome,
            basis=dict(e.basis),
            channel=e.channel,
        )
        for e in rows[:limit]
    ]
    return {"items": items, "next_cursor": following}
