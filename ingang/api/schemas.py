"""What the API answers and accepts. Built from what the gate returned, never from raw models."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import model_validator

from ingang.access.decisions import Decision
from ingang.access.selectors import IdentityView, PersonRecord
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.api.errors import bilingual

# An id as the database stores it; larger numbers cannot name anything.
DatabaseId = Annotated[int, Field(ge=1, le=2**53)]


class BodyIn(Schema):
    """A request body: a JSON object, even when every field may be left out."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        raw = getattr(data, "_obj", data)  # ninja wraps the parsed body
        if not isinstance(raw, dict):
            raise ValueError("The body must be a JSON object.")
        return data


class ErrorOut(Schema):
    code: str
    message_sv: str
    message_en: str
    fields: dict[str, list[dict[str, str]]] | None = None


ERRORS: dict[int, type[ErrorOut]] = {status: ErrorOut for status in (400, 401, 403, 404, 422, 429)}


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str

    @staticmethod
    def of(agency: Agency) -> "AgencyOut":
        return AgencyOut(
            id=agency.pk, name=agency.name, short_name=agency.short_name, kind=agency.kind
        )


class StaffOut(Schema):
    username: str
    name: str
    agency: str | None
    unit: str | None
    role: str

    @staticmethod
    def of(user: User) -> "StaffOut":
        unit = user.unit
        return StaffOut(
            username=user.username,
            name=user.display_name,
            agency=unit.agency.name if unit is not None else None,
            unit=unit.name if unit is not None else None,
            role=user.role,
        )


class WithheldOut(Schema):
    """A category of data the gate withheld, and why (in both languages)."""

    category: str
    reason: str
    message_sv: str
    message_en: str

    @staticmethod
    def of(decision: Decision) -> "WithheldOut":
        return WithheldOut(
            category=decision.category.value,
            reason=decision.reason,
            **bilingual(decision.explanation),
        )


def withheld(*decisions: Decision) -> list[WithheldOut]:
    seen: dict[str, WithheldOut] = {}
    for decision in decisions:
        if not decision.allowed and decision.category.value not in seen:
            seen[decision.category.value] = WithheldOut.of(decision)
    return list(seen.values())


class IdentityOut(Schema):
    name: str
    given_name: str
    family_name: str
    personal_number: str
    is_coordination_number: bool
    street_address: str
    postal_code: str
    city: str
    phone: str
    email: str

    @staticmethod
    def of(identity: IdentityView | None) -> "IdentityOut | None":
        return None if identity is None else IdentityOut(**identity.__dict__)


class PersonOut(Schema):
    id: UUID
    protected_identity: bool
    is_test_data: bool
    case_id: UUID | None
    # Null when the gate withholds identity; `withheld` then says why.
    identity: IdentityOut | None
    withheld: list[WithheldOut]

    @staticmethod
    def of(record: PersonRecord) -> "PersonOut":
        return PersonOut(
            id=record.public_id,
            protected_identity=record.protected_identity,
            is_test_data=record.is_test_data,
            case_id=record.case.public_id if record.case is not None else None,
            identity=IdentityOut.of(record.identity),
            withheld=withheld(record.identity_decision),
        )


class LookupIn(BodyIn):
    personal_number: str = Field(max_length=20, description="YYYYMMDD-NNNN or YYYYMMDDNNNN")


class LookupOut(Schema):
    id: UUID


class EntryOut(Schema):
    id: UUID
    category: str
    title: str
    body: str
    owning_agency: str
    author: str
    recorded_at: datetime


class SectionOut(Schema):
    category: str
    entries: list[EntryOut]


class OverviewOut(Schema):
    person: PersonOut
    sections: list[SectionOut]
    withheld: list[WithheldOut]


class CaseOut(Schema):
    id: UUID
    state: str
    opened_at: datetime
    coordinator: StaffOut
    team: list[StaffOut]


class MyCaseOut(Schema):
    id: UUID
    person_id: UUID
    # Null when the gate withholds the name (e.g. protected identity).
    name: str | None
    opened_at: datetime


class ConsentOut(Schema):
    id: UUID
    categories: list[str]
    agencies: list[AgencyOut]
    staff: list[str]
    valid_from: date
    valid_until: date | None
    # "digital" when the person gave it on My pages; then registered_by is empty.
    source: str
    status: str
    registered_at: datetime
    registered_by: str = Field(description="The staff member; empty when the person gave it.")
    withdrawn_at: datetime | None


class ConsentIn(BodyIn):
    categories: list[str] = Field(max_length=8)
    agency_ids: list[DatabaseId] = Field(default_factory=list, max_length=50)
    staff_usernames: list[str] = Field(default_factory=list, max_length=50)
    valid_from: date
    valid_until: date | None = None
    source: str = Field(
        max_length=32, description="signed_form, digital_signature, oral_with_witness"
    )
    witness: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class WithdrawIn(BodyIn):
    reason: str = Field(default="", max_length=2000)


class SubGoalOut(Schema):
    id: int
    text: str
    owning_agency: str


class ActivityOut(Schema):
    id: int
    type: str
    type_label: str
    description: str
    sub_goal_id: int | None
    owning_agency: AgencyOut
    responsible: str
    start_date: date
    end_date: date | None
    hours_per_week: float | None
    percent: int | None
    status: str


class ClashOut(Schema):
    id: int
    rule: str
    title_sv: str
    title_en: str
    agencies: list[str]
    activity_ids: list[int | None]
    # Dates and hours; null when an activity in the clash is hidden from the reader.
    details: str | None
    detected_at: datetime
    acknowledged_at: datetime | None


class PlanOut(Schema):
    person_id: UUID
    goal: str | None
    owning_agency: str | None
    sub_goals: list[SubGoalOut]
    activities: list[ActivityOut]
    clashes: list[ClashOut]
    withheld: list[WithheldOut]


class GoalIn(BodyIn):
    goal: str = Field(max_length=5000)


class SubGoalIn(BodyIn):
    text: str = Field(max_length=300)


class ActivityIn(BodyIn):
    type: str = Field(max_length=32)
    description: str = Field(default="", max_length=300)
    sub_goal_id: int | None = None
    start_date: date
    end_date: date | None = None
    hours_per_week: float | None = Field(default=None, allow_inf_nan=False)
    percent: int | None = None
    status: str = Field(default="planned", max_length=16)
    # A staff member of the caller's agency on the team; the caller when left out.
    responsible: str | None = Field(default=None, max_length=150)


class ActivityPatch(BodyIn):
    type: str | None = Field(default=None, max_length=32)
    description: str | None = Field(default=None, max_length=300)
    start_date: date | None = None
    end_date: date | None = None
    hours_per_week: float | None = Field(default=None, allow_inf_nan=False)
    percent: int | None = None
    status: str | None = Field(default=None, max_length=16)


class AnswerOut(Schema):
    dimension: str
    name: str
    score: int
    comment: str


class AssessmentOut(Schema):
    id: UUID
    assessed_on: date
    instrument: str
    version: int
    owning_agency: str
    assessors: list[str]
    note: str
    answers: list[AnswerOut]


class ReferralOut(Schema):
    id: UUID
    state: str
    sending_agency: str
    receiving_agency: str
    reason: str
    requested_activity: str
    urgency: str
    sent_at: datetime
    last_changed_at: datetime
    stale: bool


class MeetingOut(Schema):
    id: UUID
    starts_at: datetime
    ends_at: datetime
    channel: str
    place: str
    purpose: str
    state: str
    owning_agency: str
    participants: list[str]
    person_attends: bool
    outcome: str


class TimelineEventOut(Schema):
    occurred_at: datetime
    kind: str
    category: str
    summary: str
    agency: str
    actor: str


class NotificationEventOut(Schema):
    person_id: UUID
    person_name: str | None
    kind: str
    category: str
    summary: str
    occurred_at: datetime


class NotificationOut(Schema):
    id: int
    created_at: datetime
    read: bool
    # Null when the gate no longer lets the reader see the event; `withheld` says why.
    event: NotificationEventOut | None
    withheld: list[WithheldOut]


class AccessEventOut(Schema):
    seq: int
    occurred_at: datetime
    actor_name: str
    actor_agency: str
    actor_role: str
    action: str
    categories: list[str]
    outcome: str
    basis: dict[str, Any]
    channel: str
