from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from ingang.access.selectors import ListedItem, Listing, items_listed_read
from ingang.accounts.models import User
from ingang.audit.models import Channel
from ingang.notifications.models import Notification, Preference, Topic

PER_PAGE = 25


def unread_count(*, user: User) -> int:
    """How many notifications wait; a number only, no person data."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def _rows(user: User) -> "QuerySet[Notification]":
    return Notification.objects.filter(recipient=user).select_related(
        "event__person", "event__owning_agency", "event__actor"
    )


def inbox_read(
    *,
    reader: User,
    page: int | str | None = 1,
    unread_only: bool = False,
    channel: Channel = Channel.WEB,
) -> tuple[Page[Notification], list[tuple[Notification, ListedItem]]]:
    """One page of the reader's inbox, each event shown only as far as the gate allows now."""
    rows = _rows(reader)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    shown = Paginator(rows, PER_PAGE).get_page(page)
    notifications = list(shown)
    listed = items_listed_read(
        reader=reader,
        listings={"inbox": Listing(None, [n.event for n in notifications])},
        action="notification.inbox",
        channel=channel,
    )["inbox"]
    return shown, list(zip(notifications, listed, strict=True))


def preferences_of(*, user: User) -> dict[Topic, tuple[bool, bool]]:
    """(in_app, email_digest) for every topic, defaults filled in."""
    stored = {p.topic: (p.in_app, p.email_digest) for p in Preference.objects.filter(user=user)}
    return {topic: stored.get(topic, (True, False)) for topic in Topic}
