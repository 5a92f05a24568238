from django.db import transaction
from django.utils import timezone

from ingang.access.decisions import load_context
from ingang.accounts.models import User
from ingang.cases.models import Case, CaseState
from ingang.core.categories import Category
from ingang.notifications.models import Notification, Preference, Topic, topic_of
from ingang.timeline.models import TimelineEvent


def notifications_create_for(event: TimelineEvent) -> list[Notification]:
    """Notify the named staff of the person's open case team of an event.

    Not the actor, not those who turned the topic off, and not those the gate
    would not let read the event's category for the agency that acted.
    """
    case = (
        Case.objects.filter(person_id=event.person_id, state=CaseState.OPEN)
        .select_related("coordinator__unit__agency")
        .first()
    )
    if case is None:
        return []
    team = {case.coordinator_id: case.coordinator}
    for member in case.members.select_related("staff__unit__agency"):
        team[member.staff_id] = member.staff
    if event.actor_id is not None:
        team.pop(event.actor_id, None)
    topic = topic_of(event.kind)
    silenced = set(
        Preference.objects.filter(user_id__in=team, topic=topic, in_app=False).values_list(
            "user_id", flat=True
        )
    )
    category = Category(event.category)
    recipients = [
        staff
        for pk, staff in team.items()
        if pk not in silenced
        and staff.is_active
        and load_context(staff, event.person).decide(category, event.owning_agency_id)
    ]
    return Notification.objects.bulk_create(
        [Notification(recipient=staff, event=event) for staff in recipients]
    )


def notifications_mark_read(*, recipient: User, ids: list[int] | None = None) -> int:
    """Mark the recipient's notifications read (all when ids is None). Returns how many changed."""
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, choices: dict[Topic, tuple[bool, bool]]) -> None:
    """Store (in_app, email_digest) per topic."""
    for topic, (in_app, email_digest) in choices.items():
        Preference.objects.update_or_create(
            user=user, topic=topic, defaults={"in_app": in_app, "email_digest": email_digest}
        )
