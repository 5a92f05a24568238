"""The caller's own lists: open cases, notifications, and the agencies (for consent recipients)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ingang.access.selectors import my_cases_read
from ingang.agencies.models import Agency
from ingang.api.auth import reader
from ingang.api.pagination import Page, cursor_decode, cursor_encode
from ingang.api.reads import API
from ingang.api.schemas import (
    ERRORS,
    AgencyOut,
    MyCaseOut,
    NotificationEventOut,
    NotificationOut,
    StaffOut,
    withheld,
)
from ingang.notifications.selectors import inbox_read

router = Router(tags=["me"])


@router.get("/me", response={200: StaffOut, **ERRORS})
def me(request: HttpRequest) -> StaffOut:
    """Who the gate sees: the staff member, or the staff identity a token acts as."""
    return StaffOut.of(reader(request))


@router.get("/cases", response={200: Page[MyCaseOut], **ERRORS})
def my_cases(request: HttpRequest, cursor: str | None = None) -> dict[str, Any]:
    """The caller's open cases, newest first, a page of 25 at a time (names as the gate allows)."""
    number = cursor_decode("cases", cursor) + 1
    shown, listed = my_cases_read(reader=reader(request), page=number, channel=API)
    if shown.number != number:  # past the last page: Paginator would repeat the last one
        return {"items": [], "next_cursor": None}
    items = [
        MyCaseOut(
            id=case.public_id,
            person_id=case.person.public_id,
            name=listed[case.person_id].name,
            opened_at=case.opened_at,
        )
        for case in shown
    ]
    following = cursor_encode("cases", number) if shown.has_next() else None
    return {"items": items, "next_cursor": following}


@router.get("/notifications", response={200: Page[NotificationOut], **ERRORS})
def notifications(
    request: HttpRequest, cursor: str | None = None, unread: bool = False
) -> dict[str, Any]:
    """The caller's own notifications, newest first, shown as far as the gate allows now."""
    number = cursor_decode("notifications", cursor) + 1
    shown, rows = inbox_read(reader=reader(request), page=number, unread_only=unread, channel=API)
    if shown.number != number:
        return {"items": [], "next_cursor": None}
    items = []
    for notification, listed in rows:
        event = listed.item
        items.append(
            NotificationOut(
                id=notification.pk,
                created_at=notification.created_at,
                read=notification.read_at is not None,
                event=None
                if event is None
                else NotificationEventOut(
                    person_id=listed.person.public_id,
                    person_name=listed.person.name,
                    kind=event.kind,
                    category=event.category,
                    summary=event.summary,
                    occurred_at=event.occurred_at,
                ),
                withheld=withheld(listed.decision),
            )
        )
    following = cursor_encode("notifications", number) if shown.has_next() else None
    return {"items": items, "next_cursor": following}


@router.get("/agencies", response={200: list[AgencyOut], **ERRORS})
def agencies(request: HttpRequest) -> list[AgencyOut]:
    """The agencies a consent may name."""
    reader(request)
    return [AgencyOut.of(a) for a in Agency.objects.all()]
