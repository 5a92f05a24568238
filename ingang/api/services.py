"""Creating, revoking and checking API tokens.

A token reads `ing_<prefix>_<secret>`: the prefix finds the row, and only the
SHA-256 digest of the whole token is stored, so a leaked database does not
leak usable tokens. The plain token exists once, in api_token_create's answer.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.accounts.models import User
from ingang.api.models import ApiClient, ApiToken, Scope

TOKEN_PREFIX = "ing_"  # noqa: S105 - the public marker of a token, not a secret
MAX_DAYS = 366


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    # The only time the secret exists in plain text.
    plain: str


def api_client_create(*, name: str, acts_as: User) -> ApiClient:
    """A system client of the staff member's agency, acting as that staff member."""
    agency = acts_as.agency
    if agency is None:
        raise ValidationError(_("The staff member belongs to no agency."))
    if not name.strip():
        raise ValidationError(_("Give the client a name."))
    client, _created = ApiClient.objects.get_or_create(
        agency=agency, name=name.strip(), defaults={"acts_as": acts_as}
    )
    if client.acts_as_id != acts_as.pk:
        raise ValidationError(_("A client with that name acts as another staff member."))
    return client


def _scopes(values: Iterable[str]) -> list[str]:
    chosen = sorted(set(values))
    unknown = [v for v in chosen if v not in Scope.values]
    if unknown or not chosen:
        raise ValidationError(
            _("Choose scopes among: %(valid)s.") % {"valid": ", ".join(Scope.values)}
        )
    return chosen


@transaction.atomic
def api_token_create(
    *, client: ApiClient, scopes: Iterable[str], days: int, actor: User | None = None
) -> IssuedToken:
    """Issue a token for `days` days. Keep `plain`: it cannot be shown again."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("A token is valid for 1 to 366 days."))
    chosen = _scopes(scopes)
    prefix = secrets.token_hex(6)
    plain = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        client=client,
        prefix=prefix,
        digest=_digest(plain),
        scopes=chosen,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return IssuedToken(token=token, plain=plain)


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_check(plain: str) -> ApiToken | None:
    """The usable token `plain` stands for, or None (unknown, wrong secret, expired, revoked)."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, secret = plain[len(TOKEN_PREFIX) :].partition("_")
    if not prefix or not secret or len(prefix) > 16:
        return None
    token = (
        ApiToken.objects.select_related("client__acts_as__unit__agency", "client__agency")
        .filter(prefix=prefix)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(plain)):
        return None
    user = token.client.acts_as
    if not token.is_usable() or not user.is_active or user.agency != token.client.agency:
        return None
    return token
