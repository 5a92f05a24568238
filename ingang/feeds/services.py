"""Receiving activity cards from an agency's own system.

One message is handled in four steps: recognise a replay (same message id:
the stored answer, nothing changed), validate, pass the gate as the token's
staff member (logged like any read; refusal answers 404), then apply it in
one transaction with the stored message. Cards become plan activities of the
token's agency through the plan services, which run clash detection and tell
the team.

Order: each message carries `sequence` or `updated_at`. A message not newer
than the card's newest applied one is stored as `stale` and not applied. An
update for a card whose create has not arrived is not parked: it is stored as
`retry` and answered 409 `card_unknown`; the sender sends the same message
again later (a retry with the same message id is processed anew; so is one the
gate refused, e.g. before the agency joined the team). A card that
is done or cancelled no longer changes (409 `card_final`).
"""

import hashlib
import hmac
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as PydanticValidationError

from ingang.access.selectors import (
    PersonNotFound,
    PersonRecord,
    case_of,
    person_number_lookup,
    subject_of,
)
from ingang.accounts.models import User
from ingang.api.errors import bilingual, error_body, validation_fields
from ingang.api.models import ApiClient
from ingang.api.reads import API, record_read
from ingang.feeds.models import FeedCard, FeedMessage, Outcome
from ingang.feeds.schemas import CardIn, Envelope, activity_type_of
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.plans.catalogue import ActivityType
from ingang.plans.models import Activity, ActivityStatus
from ingang.plans.services import activity_create, activity_status_set, activity_update

FINAL_STATUSES = frozenset({ActivityStatus.DONE, ActivityStatus.CANCELLED})

MESSAGES: dict[str, Promise] = {
    "bad_json": _("The body must be a JSON object."),
    "message_id_reused": _("This message id was already used for another message."),
    "card_exists": _("A card with this id already exists; send an update."),
    "card_unknown": _(
        "The card has not been created yet. Send the same message again after its create."
    ),
    "card_final": _("The activity is done or cancelled and can no longer change."),
    "order_unknown": _(
        "Give sequence or updated_at the same way as in the card's earlier messages."
    ),
    "other_person": _("The card belongs to another person."),
}
OUTCOME_TEXT: dict[Outcome, Promise] = {
    Outcome.CREATED: _("The activity was added to the plan."),
    Outcome.UPDATED: _("The activity in the plan was changed."),
    Outcome.UNCHANGED: _("The card was already up to date."),
    Outcome.STALE: _("An earlier message than the newest applied one: recorded, not applied."),
}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    outcome: Outcome | None = None


def feed_error(
    status: int, code: str, fields: dict[str, list[dict[str, str]]] | None = None
) -> Answer:
    if code in MESSAGES:
        body: dict[str, Any] = {"code": code, **bilingual(MESSAGES[code])}
        if fields:
            body["fields"] = fields
    else:
        body = error_body(code, fields)
    return Answer(status, body)


def _pydantic_fields(exc: PydanticValidationError) -> dict[str, list[dict[str, str]]]:
    fields: dict[str, list[dict[str, str]]] = {}
    for error in exc.errors():
        name = ".".join(str(part) for part in error.get("loc", ())) or "__all__"
        message = str(error.get("msg", ""))
        fields.setdefault(name, []).append({"message_sv": message, "message_en": message})
    return fields


def _field_error(name: str, message: Promise) -> dict[str, list[dict[str, str]]]:
    return {name: [bilingual(message)]}


def _for_storage(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as kept in the feed's log: an identity number only as a keyed digest,
    which still tells a replay from a different message."""
    number = payload.get("personal_number")
    if not isinstance(number, str):
        return payload
    digest = hmac.new(settings.SECRET_KEY.encode(), number.encode(), hashlib.sha256).hexdigest()
    return {**payload, "personal_number": f"hmac-sha256:{digest}"}


def feed_message_receive(*, client: ApiClient, payload: dict[str, Any]) -> Answer:
    """Handle one pushed card message for `client`'s agency; the answer to send back."""
    try:
        envelope = Envelope.model_validate(payload)
    except PydanticValidationError as exc:
        return feed_error(422, "invalid", _pydantic_fields(exc))  # nothing to store it under
    stored = FeedMessage.objects.filter(
        agency=client.agency, source_system=envelope.source_system, message_id=envelope.message_id
    ).first()
    if stored is not None and Outcome(stored.outcome).is_final:
        if stored.payload != _for_storage(payload):
            return feed_error(409, "message_id_reused")
        return Answer(stored.status_code, stored.response, Outcome(stored.outcome))
    user = client.acts_as
    try:
        card_in = CardIn.model_validate(payload)
    except PydanticValidationError as exc:
        answer = feed_error(422, "invalid", _pydantic_fields(exc))
        return _store(client, envelope, payload, answer, Outcome.REJECTED, None)
    kind = activity_type_of(card_in.type)
    if kind is None:
        answer = feed_error(422, "invalid", _field_error("type", _("Unknown activity type.")))
        return _store(client, envelope, payload, answer, Outcome.REJECTED, None)
    try:
        record = _gate(user, card_in)
    except PersonNotFound:
        return _store(client, envelope, payload, feed_error(404, "not_found"), Outcome.RETRY, None)
    except InvalidIdentityNumber as exc:
        answer = feed_error(422, "invalid", _field_error("personal_number", exc.args[0]))
        return _store(client, envelope, payload, answer, Outcome.REJECTED, None)
    with transaction.atomic():
        answer, outcome, card = _apply(client, user, card_in, kind, record)
        return _store(client, envelope, payload, answer, outcome, card)


def _gate(user: User, card_in: CardIn) -> PersonRecord:
    """The person as the token's staff member may see them: related, or PersonNotFound (logged)."""
    person_id = card_in.person_id
    if person_id is None:
        number = parse_identity_number(card_in.personal_number or "")
        person_id = person_number_lookup(reader=user, personal_number=number.digits, channel=API)
    return record_read(user, person_id, "feeds.activity_card")


def _store(
    client: ApiClient,
    envelope: Envelope,
    payload: dict[str, Any],
    answer: Answer,
    outcome: Outcome,
    card: FeedCard | None,
) -> Answer:
    """Keep the message and the answer given (a retried `retry` message updates its row)."""
    fields = {
        "client": client,
        "card": card,
        "external_id": str(payload.get("card_id", ""))[:100],
        "payload": _for_storage(payload),
        "outcome": outcome,
        "status_code": answer.status,
        "response": answer.body,
        "error": answer.body.get("code", "") if answer.status >= 400 else "",
        "processed_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            message, created = FeedMessage.objects.select_for_update().get_or_create(
                agency=client.agency,
                source_system=envelope.source_system,
                message_id=envelope.message_id,
                defaults=fields,
            )
            if not created:
                if Outcome(message.outcome).is_final:  # a concurrent copy won the race
                    return Answer(message.status_code, message.response, Outcome(message.outcome))
                for name, value in fields.items():
                    setattr(message, name, value)
                message.attempts += 1
                message.save()
    except IntegrityError:
        message = FeedMessage.objects.get(
            agency=client.agency,
            source_system=envelope.source_system,
            message_id=envelope.message_id,
        )
        return Answer(message.status_code, message.response, Outcome(message.outcome))
    return Answer(answer.status, answer.body, outcome)


def _is_newer(card: FeedCard, card_in: CardIn) -> bool | None:
    """Whether the message is newer than the card's newest applied one; None: cannot tell."""
    if card.last_sequence is not None and card_in.sequence is not None:
        return card_in.sequence > card.last_sequence
    if card.last_updated_at is not None and card_in.updated_at is not None:
        return card_in.updated_at > card.last_updated_at
    return None


def _fields(card_in: CardIn, kind: ActivityType) -> dict[str, Any]:
    hours = card_in.extent.value if card_in.extent.unit == "hours_per_week" else None
    percent = int(card_in.extent.value) if card_in.extent.unit == "percent" else None
    return {
        "type": kind.value,
        "description": card_in.description.strip(),
        "start_date": card_in.start_date,
        "end_date": card_in.end_date,
        "hours_per_week": hours,
        "percent": percent,
    }


def _success(outcome: Outcome, card: FeedCard, status: int = 200) -> Answer:
    activity = card.activity
    body = {
        "outcome": outcome.value,
        "card_id": card.external_id,
        "activity_id": activity.pk,
        "activity_status": activity.status,
        "applied": outcome in (Outcome.CREATED, Outcome.UPDATED),
        **bilingual(OUTCOME_TEXT[outcome]),
    }
    return Answer(status, body)


def _mark_order(card: FeedCard, card_in: CardIn) -> None:
    card.last_sequence = card_in.sequence
    card.last_updated_at = card_in.updated_at
    card.save(update_fields=["last_sequence", "last_updated_at"])


def _apply(
    client: ApiClient, user: User, card_in: CardIn, kind: ActivityType, record: PersonRecord
) -> tuple[Answer, Outcome, FeedCard | None]:
    card = (
        FeedCard.objects.select_for_update()
        .select_related("activity")
        .filter(
            agency=client.agency, source_system=card_in.source_system, external_id=card_in.card_id
        )
        .first()
    )
    person = subject_of(record)
    if card is not None and card.person_id != person.pk:
        answer = feed_error(422, "other_person")
        return answer, Outcome.REJECTED, card
    if card is None:
        if card_in.operation == "update":
            return feed_error(409, "card_unknown"), Outcome.RETRY, None
        return _create(client, user, card_in, kind, record)
    newer = _is_newer(card, card_in)
    if newer is None:
        return feed_error(422, "order_unknown"), Outcome.REJECTED, card
    if not newer:
        return _success(Outcome.STALE, card), Outcome.STALE, card
    if card_in.operation == "create":
        return feed_error(409, "card_exists"), Outcome.REJECTED, card
    if card.activity.status in FINAL_STATUSES:
        return feed_error(409, "card_final"), Outcome.REJECTED, card
    return _update(user, card_in, kind, card)


def _service_error(exc: ValidationError) -> Answer:
    return feed_error(422, "invalid", validation_fields(exc))


def _create(
    client: ApiClient, user: User, card_in: CardIn, kind: ActivityType, record: PersonRecord
) -> tuple[Answer, Outcome, FeedCard | None]:
    try:
        with transaction.atomic():
            activity = activity_create(
                case=case_of(record),
                actor=user,
                responsible=user,
                status=card_in.status,
                **_fields(card_in, kind),
            )
            card = FeedCard.objects.create(
                agency=client.agency,
                source_system=card_in.source_system,
                external_id=card_in.card_id,
                person=activity.person,
                activity=activity,
                last_sequence=card_in.sequence,
                last_updated_at=card_in.updated_at,
            )
    except ValidationError as exc:
        return _service_error(exc), Outcome.REJECTED, None
    except (PermissionDenied, PersonNotFound):
        return feed_error(404, "not_found"), Outcome.RETRY, None
    return _success(Outcome.CREATED, card, 201), Outcome.CREATED, card


def _changes(activity: Activity, wanted: dict[str, Any]) -> dict[str, Any]:
    changes = {}
    for name, value in wanted.items():
        current = getattr(activity, name)
        if name == "hours_per_week" and value is not None:
            value = Decimal(value)
        if current != value:
            changes[name] = value
    return changes


def _update(
    user: User, card_in: CardIn, kind: ActivityType, card: FeedCard
) -> tuple[Answer, Outcome, FeedCard | None]:
    activity = card.activity
    changes = _changes(activity, _fields(card_in, kind))
    status_changed = activity.status != card_in.status
    try:
        with transaction.atomic():
            if changes:
                activity = activity_update(
                    activity=activity, actor=user, **changes, status=card_in.status
                )
            elif status_changed:
                activity = activity_status_set(activity=activity, actor=user, status=card_in.status)
            _mark_order(card, card_in)
    except ValidationError as exc:
        return _service_error(exc), Outcome.REJECTED, card
    except PermissionDenied:
        return feed_error(404, "not_found"), Outcome.RETRY, card
    card.activity = activity
    outcome = Outcome.UPDATED if changes or status_changed else Outcome.UNCHANGED
    return _success(outcome, card), outcome, card
