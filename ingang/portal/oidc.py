"""Sign-in to My pages with e-ID (BankID, Freja) through an OIDC broker.

The token exchange and the ID token's signature and nonce checks are
mozilla-django-oidc's, configured by the PORTAL_OIDC_* settings. The state,
nonce and PKCE verifier live in the portal session (never the staff session),
and a successful sign-in opens a portal session, not a Django login: a person
is not a user of the staff system.
"""

import secrets
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, generate_code_challenge, import_from_settings

from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number

FLOW = "portal_oidc_flow"


class SignInFailed(Exception):
    """The broker's answer could not be trusted or did not name a person."""


class PortalOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """The library's token and signature handling, reading PORTAL_-prefixed settings."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return import_from_settings(f"PORTAL_{attr}", *args)


def _callback_url(request: HttpRequest) -> str:
    return str(absolutify(request, reverse("portal:oidc_callback")))


def authorization_url(request: HttpRequest) -> str:
    """Start a sign-in: remember state, nonce and verifier; return the broker's URL."""
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    request.portal_session[FLOW] = {"state": state, "nonce": nonce, "verifier": verifier}  # type: ignore[attr-defined]
    params = {
        "response_type": "code",
        "client_id": settings.PORTAL_OIDC_RP_CLIENT_ID,
        "redirect_uri": _callback_url(request),
        "scope": settings.PORTAL_OIDC_RP_SCOPES,
        "state": state,
        "nonce": nonce,
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
    }
    return f"{settings.PORTAL_OIDC_OP_AUTHORIZATION_ENDPOINT}?{urlencode(params)}"


def personal_number_from_callback(request: HttpRequest) -> str:
    """Finish a sign-in: check state, exchange the code, verify the ID token; the personnummer."""
    flow = request.portal_session.pop(FLOW, None)  # type: ignore[attr-defined]
    state = request.GET.get("state", "")
    code = request.GET.get("code", "")
    if not flow or not code or not secrets.compare_digest(str(flow["state"]), state):
        raise SignInFailed("state")
    backend = PortalOIDCBackend()
    try:
        token = backend.get_token(
            {
                "client_id": settings.PORTAL_OIDC_RP_CLIENT_ID,
                "client_secret": settings.PORTAL_OIDC_RP_CLIENT_SECRET,
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": _callback_url(request),
                "code_verifier": flow["verifier"],
            }
        )
        claims: dict[str, Any] = backend.verify_token(token.get("id_token"), nonce=flow["nonce"])
    except Exception as error:  # the library raises several kinds; all mean "not trusted"
        raise SignInFailed("token") from error
    # The library checks signature, expiry and nonce; the token must also be meant for us.
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if settings.PORTAL_OIDC_RP_CLIENT_ID not in audiences:
        raise SignInFailed("audience")
    raw = claims.get(settings.PORTAL_OIDC_PERSONAL_NUMBER_CLAIM)
    if not raw:
        raise SignInFailed("claim")
    try:
        return parse_identity_number(str(raw)).digits
    except InvalidIdentityNumber as error:
        raise SignInFailed("claim") from error
