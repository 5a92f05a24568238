from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.test.client import Client as TestClient
from django.utils import timezone

from ingang.accounts.models import User
from ingang.api.services import api_client_create, api_token_create
from ingang.testing.world import World

URL = "/api/v1/feeds/activities/"

# Push a card as a staff member's system: push(user, **card fields) -> response.
Push = Callable[..., Any]


def token_of(user: User, *scopes: str) -> str:
    client = api_client_create(name=f"System of {user.username}", acts_as=user)
    return api_token_create(client=client, scopes=scopes or ["write:plans"], days=30).plain


def card(world: World, **fields: Any) -> dict[str, Any]:
    """A valid card for Kim, created as an internship of 20 hours a week from today."""
    body: dict[str, Any] = {
        "message_id": "m-1",
        "source_system": "AF Insatser",
        "card_id": "kort-1",
        "operation": "create",
        "person_id": str(world.kim.public_id),
        "sequence": 1,
        "type": "praktik",
        "description": "Praktik på verkstad",
        "start_date": timezone.localdate().isoformat(),
        "extent": {"unit": "hours_per_week", "value": 20},
        "status": "planned",
    }
    body.update(fields)
    return body


@pytest.fixture
def push(world: World, client: Client) -> Push:
    tokens: dict[int, str] = {}

    def _push(user: User, body: dict[str, Any], client: TestClient = client) -> Any:
        if user.pk not in tokens:
            tokens[user.pk] = token_of(user)
        return client.post(
            URL,
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {tokens[user.pk]}",
        )

    return _push
