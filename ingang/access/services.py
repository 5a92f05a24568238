"""Write-side guard: only staff related to the person may change their record."""

from django.core.exceptions import PermissionDenied

from ingang.access.decisions import load_context
from ingang.accounts.models import User
from ingang.core.categories import Category
from ingang.people.models import Person


def ensure_may_act(*, actor: User, person: Person) -> None:
    """Raise PermissionDenied unless role and team relation let the actor act on the person."""
    if load_context(actor, person).relation_decision(Category.PLAN) is not None:
        raise PermissionDenied
