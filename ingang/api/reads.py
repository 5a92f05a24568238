"""The API's reads: the same selectors as the pages, on the API channel.

Every function takes the reader the authentication produced; the gate
decides, logs and raises PersonNotFound (answered as 404) exactly as for a page.
The FHIR facade shares these.
"""

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from ingang.access.selectors import (
    ALL_CATEGORIES,
    PersonRecord,
    Source,
    person_log_review_read,
    person_record_read,
    subject_of,
)
from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.audit.models import AccessEvent, Channel
from ingang.audit.queries import access_events_filtered
from ingang.core.categories import Category

API = Channel.API


def record_read(
    reader: User,
    person_id: UUID | str,
    action: str,
    *,
    categories: Sequence[Category] = (Category.IDENTITY,),
    sources: Mapping[str, Source] | None = None,
) -> PersonRecord:
    return person_record_read(
        reader=reader,
        public_id=person_id,
        categories=categories,
        action=action,
        channel=API,
        sources=sources,
    )


def overview_read(reader: User, person_id: UUID | str) -> PersonRecord:
    return record_read(reader, person_id, "person.overview", categories=ALL_CATEGORIES)


def access_log_read(reader: User, person_id: UUID | str) -> tuple[PersonRecord, Any]:
    """A person's access log: auditors by log review, the team through the gate (as the page)."""
    if Role(reader.role).reviews_access_log:
        record = person_log_review_read(reader=reader, public_id=person_id, channel=API)
    else:
        record = record_read(reader, person_id, "access_log.person")
    events = access_events_filtered(person=subject_of(record)).select_related(None)
    return record, events


def access_events_page(events: Any, after_seq: int | None, limit: int) -> list[AccessEvent]:
    """Newest first; keyset on seq, so paging stays cheap on a log of millions."""
    if after_seq is not None:
        events = events.filter(seq__lt=after_seq)
    return list(events[: limit + 1])
