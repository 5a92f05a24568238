"""FHIR ids of a person's resources carry the person: `<patient uuid>.<local key>`.

So a read by id goes straight to the gate for that person, with no lookup of
whose data an id is; an id of someone the caller may not see answers 404
exactly like an id that never existed. FHIR ids allow [A-Za-z0-9-.]{1,64}:
36 + 1 + at most 27 characters.
"""

import base64
import uuid

from ingang.api.errors import ApiError


def uuid_key(value: uuid.UUID) -> str:
    """A uuid in 26 lowercase base32 characters."""
    return base64.b32encode(value.bytes).decode().rstrip("=").lower()


def key_uuid(key: str) -> uuid.UUID:
    try:
        raw = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
        return uuid.UUID(bytes=raw)
    except (ValueError, TypeError):
        raise ApiError(404, "not_found") from None


def compose(person_id: uuid.UUID, key: str) -> str:
    return f"{person_id}.{key}"


def split(resource_id: str) -> tuple[uuid.UUID, str]:
    """(patient uuid, local key); 404 for anything malformed."""
    person, _sep, key = resource_id.partition(".")
    try:
        return uuid.UUID(person), key
    except ValueError:
        raise ApiError(404, "not_found") from None


def patient_of(reference: str) -> uuid.UUID:
    """The uuid in a `patient` search parameter: `Patient/<uuid>` or `<uuid>`."""
    value = reference.removeprefix("Patient/")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ApiError(404, "not_found") from None
