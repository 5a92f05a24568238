"""The person writes to their team from My pages."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.portal.message_forms import MESSAGE_MAX_LENGTH
from ingang.records.models import Entry
from ingang.records.services import entry_create_by_person

# At most this many messages in any 24 hours: enough to talk, too few to flood the team.
MESSAGES_PER_DAY = 20
MESSAGE_KIND = "portal.message"


class TooManyMessages(ValidationError):
    pass


@transaction.atomic
def message_send(*, person_id: int, text: str) -> Entry:
    """Store the message as a notes entry written by the person, and notify the team.

    Raises ValidationError (nothing saved) for an empty or too long text, when
    the person has no team, or when the day's limit is reached.
    """
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a message before you send it."))
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("The message is too long: at most %(limit)d characters.")
            % {"limit": MESSAGE_MAX_LENGTH}
        )
    # Lock the person row so two messages sent at once cannot both slip under the limit.
    person = Person.objects.select_for_update().get(pk=person_id)
    since = timezone.now() - timedelta(days=1)
    sent = Entry.objects.filter(
        person=person, author__isnull=True, category=Category.NOTES, recorded_at__gte=since
    ).count()
    if sent >= MESSAGES_PER_DAY:
        raise TooManyMessages(
            _(
                "You have sent %(count)d messages in the last 24 hours, which is the most you "
                "can send. Please wait a while, or call your coordinator if it is urgent."
            )
            % {"count": MESSAGES_PER_DAY}
        )
    return entry_create_by_person(
        person=person,
        category=Category.NOTES,
        title=_("Message from My pages"),
        body=text,
        kind=MESSAGE_KIND,
        summary=_("The person wrote a message on My pages"),
    )
