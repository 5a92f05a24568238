"""Fixtures of the API and FHIR tests: tokens acting as a staff member, and Kim's filled record."""

from collections.abc import Callable

import pytest

from ingang.accounts.models import User
from ingang.api.services import api_client_create, api_token_create
from ingang.api.tests.data import Filled, fill_kim
from ingang.testing.world import World

# Issue a token acting as a staff member: token_for(user, "read", "write:plans").
TokenFor = Callable[..., str]


@pytest.fixture
def token_for(db: None) -> TokenFor:
    def issue(user: User, *scopes: str, days: int = 30) -> str:
        client = api_client_create(name=f"System of {user.username}", acts_as=user)
        return api_token_create(client=client, scopes=scopes or ["read"], days=days).plain

    return issue


@pytest.fixture
def filled(world: World) -> Filled:
    return fill_kim(world)
