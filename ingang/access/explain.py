"""Explaining a decision for operators and support: the same rules, logged as a check."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ingang.access.decisions import Decision, Reason, load_context
from ingang.accounts.models import User
from ingang.audit.models import Channel, Outcome
from ingang.audit.services import PendingEvent, access_event_record
from ingang.core.categories import Category
from ingang.people.models import Person


@dataclass(frozen=True)
class Explanation:
    decision: Decision
    lines: list[str]


def access_explain(*, staff: User, person: Person, category: Category) -> Explanation:
    """Would `staff` be allowed to read `category` of `person` recorded by another agency?

    For identity the owner is the registering agency. Logged as an access
    check (action `explain_access`), allowed or denied as the decision is.
    """
    with transaction.atomic():
        context = load_context(staff, person)
        owner = person.registering_agency_id if category is Category.IDENTITY else None
        decision = context.decide(category, owner)
        lines = [str(decision.explanation)]
        if category is not Category.IDENTITY and context.relation_decision(category) is None:
            lines.append(
                _("Data recorded by %(agency)s itself is always visible to its staff on the team.")
                % {"agency": context.reader_agency_name}
            )
        access_event_record(
            PendingEvent(
                actor=staff,
                person=person,
                subject_ref=str(person.public_id),
                action="explain_access",
                outcome=Outcome.ALLOWED if decision else Outcome.DENIED,
                basis={category.value: decision.basis if decision else decision.reason},
                channel=Channel.COMMAND,
            )
        )
    return Explanation(decision, lines)


__all__ = ["Explanation", "Reason", "access_explain"]
