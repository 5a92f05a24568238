"""Who is signed in to My pages, and signing in and out.

The portal session holds the person's primary key, how they signed in and
when. Pages never take a person from the URL: everything they show belongs to
`request.portal.person_id`.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from ingang.people.models import Person
from ingang.portal.session import now

PERSON = "portal_person"
PUBLIC_ID = "portal_public_id"
METHOD = "portal_method"
SIGNED_IN_AT = "portal_signed_in_at"
SEEN_AT = "portal_seen_at"
_REFRESH_EVERY = 60


class SignInMethod:
    E_ID = "e_id"
    DEMO = "demo"


@dataclass(frozen=True)
class PortalIdentity:
    person_id: int
    public_id: uuid.UUID
    method: str


class PortalRequest(HttpRequest):
    """A request that passed access_rule(Need.PORTAL)."""

    portal: PortalIdentity
    portal_session: SessionBase


def _store(request: HttpRequest) -> SessionBase | None:
    return getattr(request, "portal_session", None)


def portal_identity(request: HttpRequest) -> PortalIdentity | None:
    """The signed-in person, or None (also when the session timed out, which ends it)."""
    store = _store(request)
    if store is None or PERSON not in store:
        return None
    moment = now()
    if (
        moment - store.get(SEEN_AT, 0) > settings.PORTAL_SESSION_IDLE_TIMEOUT
        or moment - store.get(SIGNED_IN_AT, 0) > settings.PORTAL_SESSION_ABSOLUTE_TIMEOUT
    ):
        store.flush()
        return None
    if moment - store.get(SEEN_AT, 0) >= _REFRESH_EVERY:
        store[SEEN_AT] = moment
    return PortalIdentity(store[PERSON], uuid.UUID(store[PUBLIC_ID]), store[METHOD])


def portal_sign_in(request: HttpRequest, person: Person, method: str) -> None:
    store = _store(request)
    if store is None:
        raise RuntimeError("PortalSessionMiddleware is not installed")
    store.flush()  # a new key: no session fixation
    moment = now()
    store[PERSON] = person.pk
    store[PUBLIC_ID] = str(person.public_id)
    store[METHOD] = method
    store[SIGNED_IN_AT] = moment
    store[SEEN_AT] = moment


def portal_sign_out(request: HttpRequest) -> None:
    store = _store(request)
    if store is not None:
        store.flush()
