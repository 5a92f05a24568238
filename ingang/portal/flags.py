"""The person flags an entry of their access log: "I don't recognise this".

The flag goes to the auditors' review queue (it reads AccessEventFlag). It
does not notify the case team: the person may be questioning a read by one
of them, and the auditors decide whom to ask.
"""

from django.db import IntegrityError, transaction

from ingang.audit.models import AccessEvent, AccessEventFlag


def access_event_flag(
    *, person_id: int, event: AccessEvent, comment: str = ""
) -> tuple[AccessEventFlag, bool]:
    """Flag the event once. Returns the flag and whether it is new (a second flag is not made).

    `event` must come from own_access_event, which returns only the person's
    own log entries; the check here keeps a wrong call from flagging another
    person's read.
    """
    if event.person_id != person_id:
        raise ValueError("A person flags only reads of their own data.")
    existing = AccessEventFlag.objects.filter(event=event, person_id=person_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            flag = AccessEventFlag.objects.create(
                event=event, person_id=person_id, comment=comment.strip()
            )
    except IntegrityError:  # flagged at the same moment from another tab
        return AccessEventFlag.objects.get(event=event, person_id=person_id), False
    return flag, True
