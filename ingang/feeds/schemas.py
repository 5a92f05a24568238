"""What an activity card message carries, and how its codes map onto the plan's catalogue."""

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from ingang.plans.catalogue import ActivityType

Text100 = Field(min_length=1, max_length=100)


class Envelope(BaseModel):
    """The part needed to store a message and to recognise its replays."""

    message_id: str = Text100
    source_system: str = Text100


class Extent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: Literal["hours_per_week", "percent"]
    value: Decimal = Field(gt=0, max_digits=4, decimal_places=1, allow_inf_nan=False)


class CardIn(BaseModel):
    """A whole card, for a create as for an update: the sender's current view of it."""

    model_config = ConfigDict(extra="forbid")

    message_id: str = Text100
    source_system: str = Text100
    card_id: str = Text100
    operation: Literal["create", "update"]
    # Either Ingång's id for the person or their personnummer/samordningsnummer.
    person_id: UUID | None = None
    personal_number: str | None = Field(default=None, max_length=20)
    # Which of two messages about a card is newer: the sequence, else updated_at.
    sequence: int | None = Field(default=None, ge=0, le=2**62)
    updated_at: AwareDatetime | None = None
    type: str = Field(min_length=1, max_length=64)
    description: str = Field(default="", max_length=300)
    start_date: date
    end_date: date | None = None
    extent: Extent
    status: str = Field(default="planned", max_length=16)

    @model_validator(mode="after")
    def _needs_person_and_order(self) -> "CardIn":
        if (self.person_id is None) == (self.personal_number is None):
            raise ValueError("give exactly one of person_id and personal_number")
        if self.sequence is None and self.updated_at is None:
            raise ValueError("give sequence or updated_at")
        return self


# Agencies' own codes for the catalogue's types, besides the catalogue's values themselves.
TYPE_ALIASES: dict[str, ActivityType] = {
    "studier": ActivityType.STUDIES,
    "utbildning": ActivityType.STUDIES,
    "praktik": ActivityType.INTERNSHIP,
    "arbetstraning": ActivityType.WORK_TRAINING,
    "arbetsträning": ActivityType.WORK_TRAINING,
    "jobbsokning": ActivityType.JOB_SEARCH,
    "jobbsökning": ActivityType.JOB_SEARCH,
    "arbetsmarknadsprogram": ActivityType.LABOUR_MARKET_PROGRAMME,
    "lonebidrag": ActivityType.SUBSIDISED_EMPLOYMENT,
    "lönebidrag": ActivityType.SUBSIDISED_EMPLOYMENT,
    "subventionerad_anstallning": ActivityType.SUBSIDISED_EMPLOYMENT,
    "medicinsk_behandling": ActivityType.MEDICAL_TREATMENT,
    "behandling": ActivityType.MEDICAL_TREATMENT,
    "rehabilitering": ActivityType.REHABILITATION,
    "sjukskrivning": ActivityType.SICK_LEAVE,
    "sjukpenning": ActivityType.SICK_LEAVE,
    "vila": ActivityType.REST,
    "socialt_stod": ActivityType.SOCIAL_SUPPORT,
    "socialt_stöd": ActivityType.SOCIAL_SUPPORT,
    "skuldradgivning": ActivityType.DEBT_COUNSELLING,
    "skuldrådgivning": ActivityType.DEBT_COUNSELLING,
    "annat": ActivityType.OTHER,
}


def activity_type_of(code: str) -> ActivityType | None:
    value = code.strip().lower()
    if value in ActivityType.values:
        return ActivityType(value)
    return TYPE_ALIASES.get(value)
