"""Structured errors of the API: {"code", "message_sv", "message_en", "fields"?}.

Messages are English msgids rendered in both languages. Services raise
ValidationErrors already translated into the request's language; `bilingual`
finds the other language through the Swedish catalogue.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import trans_real

MESSAGES: dict[str, Promise] = {
    "not_authenticated": _("Sign in, or give a valid API token (Authorization: Bearer …)."),
    "forbidden_scope": _("The API token lacks the scope this operation needs."),
    "csrf_failed": _("The CSRF check failed: send the X-CSRFToken header with the session."),
    "not_found": _("Not found."),
    "invalid": _("The request is not valid."),
    "bad_cursor": _("The cursor is not valid; start again from the first page."),
    "throttled": _("Too many requests; wait a moment and try again."),
    "method_not_allowed": _("The method is not allowed here."),
    "server_error": _("Something went wrong on our side."),
}


@dataclass
class ApiError(Exception):
    status: int
    code: str
    fields: dict[str, list[dict[str, str]]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _english_by_swedish() -> dict[str, str]:
    """msgstr -> msgid of the Swedish catalogue (loaded once per process, like gettext's own)."""
    catalog: Any = trans_real.translation("sv")._catalog  # type: ignore[attr-defined]
    inverse: dict[str, str] = {}
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, str) and isinstance(msgstr, str) and msgstr:
            inverse.setdefault(msgstr, msgid)
    return inverse


def bilingual(message: str | Promise) -> dict[str, str]:
    """The message in Swedish and in English."""
    if isinstance(message, Promise):
        with translation.override("sv"):
            sv = str(message)
        with translation.override("en"):
            en = str(message)
        return {"message_sv": sv, "message_en": en}
    english = _english_by_swedish().get(message, message)
    with translation.override("sv"):
        swedish = translation.gettext(english)
    return {"message_sv": swedish, "message_en": english}


def error_body(code: str, fields: dict[str, list[dict[str, str]]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, **bilingual(MESSAGES[code])}
    if fields:
        body["fields"] = fields
    return body


def validation_fields(exc: ValidationError) -> dict[str, list[dict[str, str]]]:
    """A service's ValidationError as field -> messages ("__all__" for the whole request)."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return {name: [bilingual(m) for m in messages] for name, messages in by_field.items()}
