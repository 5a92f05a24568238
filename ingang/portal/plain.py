"""Plain words for My pages: data categories and the basis of each read, as the person reads them.

Staff pages and the audit log use the gate's codes ("own_agency",
"consent:<id>", "no_consent" …). The person gets a short sentence instead.
Every code the gate and the audit log write is listed here; an unknown code
is shown as "another reason" with the code, never dropped.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ingang.access.decisions import Reason
from ingang.audit.models import AccessEvent, Outcome
from ingang.consent.models import Consent
from ingang.core.categories import Category

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# What each category holds, in the person's words.
CATEGORY_PLAIN: dict[str, "StrPromise"] = {
    Category.IDENTITY: _("Who you are: name, personal identity number and contact details"),
    Category.PLAN: _("Your plan: goals, activities and meetings"),
    Category.ASSESSMENT: _("Assessments of your situation and your abilities"),
    Category.EMPLOYMENT: _("Work and job seeking (Arbetsförmedlingen)"),
    Category.INSURANCE: _("Sickness benefit and other insurance (Försäkringskassan)"),
    Category.SOCIAL: _("Social services and income support"),
    Category.HEALTH: _("Health and care (the region)"),
    Category.NOTES: _("Notes the staff have written about your case"),
}

# Why a read was allowed (the basis of an allowed event).
_ALLOWED: dict[str, "StrPromise"] = {
    Reason.OWN_AGENCY: _("Their own agency recorded the information."),
    "search_by_identity_number": _(
        "They searched for your personal identity number. They work with your case."
    ),
    "log_review": _(
        "An auditor checked who has read your information. That is part of the checks "
        "that nobody reads without a reason."
    ),
}

# Why a read was denied (the reason code of a denied event).
_DENIED: dict[str, "StrPromise"] = {
    Reason.ROLE: _("Their role may not read information about people."),
    Reason.NOT_RELATED: _("They do not work with your case."),
    Reason.PROTECTED_IDENTITY: _(
        "You have protected identity. Only the unit responsible for you may see it."
    ),
    Reason.BLOCKED: _("The information is blocked for other agencies."),
    Reason.NO_CONSENT: _("You have not given consent to their agency."),
    Reason.CONSENT_EXPIRED: _("Your consent had ended."),
    Reason.CONSENT_WITHDRAWN: _("You had withdrawn your consent."),
    Reason.CONSENT_NOT_YET_VALID: _("Your consent had not started yet."),
    Reason.NOT_FOUND: _("Nothing was found."),
    "duplicate": _(
        "They tried to register you again. They were told that you are already registered."
    ),
}


def category_plain(value: str) -> str:
    """The category in plain words; an unknown value as itself."""
    plain = CATEGORY_PLAIN.get(value)
    return str(plain) if plain is not None else value


def _consent_phrase(public_id: str, given_on: Mapping[str, date]) -> Promise | str:
    day = given_on.get(public_id)
    if day is None:
        return _("Your consent.")
    return format_lazy(_("Your consent of {date}."), date=day.isoformat())


def basis_plain(value: str, outcome: str, given_on: Mapping[str, date]) -> list[str]:
    """The basis (allowed) or reason (denied) of one category of a read, as sentences.

    `given_on` maps consent public ids to the day each consent was given.
    Referral reads carry "referral:<id>;consent:<id>;…", denied referral
    reads "reason;reason": each part gets its sentence.
    """
    sentences: list[str] = []
    for part in value.split(";"):
        kind, _sep, ref = part.partition(":")
        if outcome == Outcome.ALLOWED and kind == Reason.CONSENT:
            sentences.append(str(_consent_phrase(ref, given_on)))
        elif outcome == Outcome.ALLOWED and kind == "referral":
            sentences.append(str(_("A referral was sent to their agency.")))
        elif outcome == Outcome.ALLOWED and kind in _ALLOWED:
            sentences.append(str(_ALLOWED[kind]))
        elif outcome == Outcome.DENIED and kind in _DENIED:
            sentences.append(str(_DENIED[kind]))
        else:
            sentences.append(str(format_lazy(_("Another reason (code: {code})."), code=part)))
    return sentences


def consent_ids_in(events: Iterable[AccessEvent]) -> set[str]:
    """The public ids of the consents the events name as their basis."""
    ids: set[str] = set()
    for event in events:
        for value in event.basis.values():
            for part in str(value).split(";"):
                kind, _sep, ref = part.partition(":")
                if kind == Reason.CONSENT and ref:
                    ids.add(ref)
    return ids


def consents_given_on(person_id: int, public_ids: set[str]) -> dict[str, date]:
    """The day (Europe/Stockholm) each of the person's named consents was given."""
    valid = [p for p in public_ids if _is_uuid(p)]
    rows = Consent.objects.filter(person_id=person_id, public_id__in=valid).values_list(
        "public_id", "registered_at"
    )
    return {str(pk): timezone.localdate(at) for pk, at in rows}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class ReadGroup:
    """Categories of one read that share their basis (or reason), as the person sees them."""

    why: list[str]
    categories: list[str]
    what: list[str]


def read_groups(event: AccessEvent, given_on: Mapping[str, date]) -> list[ReadGroup]:
    """The event's categories grouped by the same plain-words basis, in category order."""
    groups: dict[tuple[str, ...], ReadGroup] = {}
    for category, value in sorted(event.basis.items()):
        why = basis_plain(str(value), event.outcome, given_on)
        group = groups.setdefault(tuple(why), ReadGroup(why, [], []))
        group.categories.append(category)
        group.what.append(category_plain(category))
    return list(groups.values())
