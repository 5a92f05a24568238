"""Activity cards pushed by an agency's system become plan activities of that agency."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from ingang.audit.models import AccessEvent
from ingang.feeds.models import FeedCard, FeedMessage, Outcome
from ingang.feeds.tests.conftest import URL, Push, card, token_of
from ingang.notifications.models import Notification
from ingang.plans.models import Activity, Clash
from ingang.testing.factories import add_member
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent


def _activity(world: World, card_id: str = "kort-1") -> Activity:
    return FeedCard.objects.get(agency=world.af, external_id=card_id).activity


def test_it_turns_a_card_into_an_activity_of_the_pushing_agency(world: World, push: Push) -> None:
    response = push(world.anna_af_caseworker, card(world))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["outcome"] == "created" and body["applied"] is True
    activity = Activity.objects.get(pk=body["activity_id"])
    assert activity.owning_agency == world.af
    assert activity.responsible == world.anna_af_caseworker
    assert (activity.type, activity.hours_per_week, activity.status) == (
        "internship",
        Decimal(20),
        "planned",
    )
    message = FeedMessage.objects.get()
    assert (message.outcome, message.card, message.payload["card_id"]) == (
        Outcome.CREATED,
        FeedCard.objects.get(activity=activity),
        "kort-1",
    )
    # The read of Kim's record passed the gate and left its trace on the API channel.
    assert AccessEvent.objects.filter(
        actor=world.anna_af_caseworker, action="feeds.activity_card", channel="api"
    ).exists()


def test_it_tells_the_team_and_not_the_pushing_system(world: World, push: Push) -> None:
    push(world.anna_af_caseworker, card(world))
    event = TimelineEvent.objects.get(kind="plan.activity_added")
    told = set(
        Notification.objects.filter(event=event).values_list("recipient__username", flat=True)
    )
    assert "farid.fk" in told
    assert "anna.af" not in told


def test_it_answers_a_replay_the_same_and_changes_nothing(world: World, push: Push) -> None:
    first = push(world.anna_af_caseworker, card(world))
    events = TimelineEvent.objects.count()
    again = push(world.anna_af_caseworker, card(world))
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert Activity.objects.count() == 1
    assert TimelineEvent.objects.count() == events
    assert FeedMessage.objects.count() == 1


def test_it_refuses_a_message_id_reused_for_another_message(world: World, push: Push) -> None:
    push(world.anna_af_caseworker, card(world))
    response = push(world.anna_af_caseworker, card(world, description="Annat"))
    assert response.status_code == 409
    assert response.json()["code"] == "message_id_reused"
    assert {"message_sv", "message_en"} <= set(response.json())
    assert _activity(world).description == "Praktik på verkstad"


def test_it_records_but_does_not_apply_an_older_message(world: World, push: Push) -> None:
    anna = world.anna_af_caseworker
    push(anna, card(world))
    newer = card(world, message_id="m-3", operation="update", sequence=3, description="Ny")
    assert push(anna, newer).json()["outcome"] == "updated"
    older = card(world, message_id="m-2", operation="update", sequence=2, description="Gammal")
    response = push(anna, older)
    assert response.status_code == 200
    assert response.json()["outcome"] == "stale" and response.json()["applied"] is False
    assert _activity(world).description == "Ny"
    assert FeedMessage.objects.get(message_id="m-2").outcome == Outcome.STALE


def test_it_orders_by_updated_at_when_there_is_no_sequence(world: World, push: Push) -> None:
    anna = world.anna_af_caseworker
    at = timezone.now().replace(microsecond=0)
    push(anna, card(world, sequence=None, updated_at=at.isoformat()))
    late = (at + timedelta(minutes=5)).isoformat()
    early = (at - timedelta(minutes=5)).isoformat()
    push(
        anna,
        card(
            world,
            message_id="m-b",
            operation="update",
            sequence=None,
            updated_at=late,
            status="ongoing",
        ),
    )
    response = push(
        anna,
        card(
            world,
            message_id="m-a",
            operation="update",
            sequence=None,
            updated_at=early,
            status="paused",
        ),
    )
    assert response.json()["outcome"] == "stale"
    assert _activity(world).status == "ongoing"


def test_it_asks_for_a_retry_when_an_update_comes_before_its_create(
    world: World, push: Push
) -> None:
    anna = world.anna_af_caseworker
    update = card(world, message_id="m-2", operation="update", sequence=2, status="ongoing")
    early = push(anna, update)
    assert early.status_code == 409 and early.json()["code"] == "card_unknown"
    assert FeedMessage.objects.get(message_id="m-2").outcome == Outcome.RETRY
    assert not Activity.objects.exists()
    assert push(anna, card(world)).status_code == 201
    retried = push(anna, update)  # the same message, sent again
    assert retried.status_code == 200 and retried.json()["outcome"] == "updated"
    assert _activity(world).status == "ongoing"
    message = FeedMessage.objects.get(message_id="m-2")
    assert (message.outcome, message.attempts) == (Outcome.UPDATED, 2)


def test_it_keeps_a_done_or_cancelled_activity_as_it_is(world: World, push: Push) -> None:
    anna = world.anna_af_caseworker
    push(anna, card(world))
    push(anna, card(world, message_id="m-2", operation="update", sequence=2, status="done"))
    reopen = card(world, message_id="m-3", operation="update", sequence=3, status="ongoing")
    response = push(anna, reopen)
    assert response.status_code == 409 and response.json()["code"] == "card_final"
    assert _activity(world).status == "done"
    assert FeedMessage.objects.get(message_id="m-3").outcome == Outcome.REJECTED


def test_it_says_unchanged_for_a_newer_message_with_the_same_content(
    world: World, push: Push
) -> None:
    anna = world.anna_af_caseworker
    push(anna, card(world))
    events = TimelineEvent.objects.count()
    response = push(anna, card(world, message_id="m-2", operation="update", sequence=2))
    assert response.json()["outcome"] == "unchanged"
    assert TimelineEvent.objects.count() == events


def test_it_detects_a_clash_between_two_agencies_cards(world: World, push: Push) -> None:
    push(world.anna_af_caseworker, card(world))
    sick_leave = card(
        world,
        source_system="FK Ärende",
        card_id="sjuk-1",
        type="sjukskrivning",
        extent={"unit": "percent", "value": 100},
    )
    response = push(world.farid_fk_officer, sick_leave)
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["activity_id"])
    assert activity.owning_agency == world.fk and activity.type == "sick_leave"
    clash = Clash.objects.get(resolved_at__isnull=True, rule="exclusive")
    parties = set(clash.parties.values_list("owning_agency__short_name", flat=True))
    assert parties == {"AF", "FK"}
    event = TimelineEvent.objects.filter(kind="plan.activity_added").latest("pk")
    assert Notification.objects.filter(event=event, recipient=world.anna_af_caseworker).exists()


def test_it_finds_the_person_by_personnummer(world: World, push: Push) -> None:
    body = card(world, person_id=None, personal_number=world.kim.formatted_number)
    response = push(world.anna_af_caseworker, body)
    assert response.status_code == 201, response.content
    assert Activity.objects.get().person == world.kim
    # The feed's log keeps no identity number in plain text, yet knows a replay.
    assert world.kim.formatted_number not in str(FeedMessage.objects.get().payload)
    assert push(world.anna_af_caseworker, body).json() == response.json()
    changed = {**body, "personal_number": "19900101-0017"}
    assert push(world.anna_af_caseworker, changed).json()["code"] == "message_id_reused"


def test_it_refuses_the_system_of_an_agency_not_on_the_team(world: World, push: Push) -> None:
    response = push(world.henrik_region_nurse, card(world, source_system="Region"))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not Activity.objects.exists()
    assert AccessEvent.objects.filter(
        actor=world.henrik_region_nurse, outcome="denied", action="feeds.activity_card"
    ).exists()
    # Once the region joins the team, the same message goes through.
    assert FeedMessage.objects.get().outcome == Outcome.RETRY
    add_member(world.kim_case, world.henrik_region_nurse)
    again = push(world.henrik_region_nurse, card(world, source_system="Region"))
    assert again.status_code == 201, again.content
    assert Activity.objects.get().owning_agency == world.region


def test_it_keeps_cards_apart_per_agency(world: World, push: Push) -> None:
    # FK's system cannot touch AF's card by naming its id: for FK it does not exist.
    push(world.anna_af_caseworker, card(world))
    hijack = card(world, message_id="x", operation="update", sequence=9, status="cancelled")
    response = push(world.farid_fk_officer, hijack)
    assert response.status_code == 409 and response.json()["code"] == "card_unknown"
    assert _activity(world).status == "planned"


def test_it_needs_a_usable_token_with_the_plan_scope(world: World, client: Client) -> None:
    body: dict[str, Any] = card(world)
    assert client.post(URL, body, content_type="application/json").status_code == 401
    wrong = {"Authorization": "Bearer ing_abc_nope"}
    assert client.post(URL, body, content_type="application/json", headers=wrong).status_code == 401
    read_only = token_of(world.anna_af_caseworker, "read")
    response = client.post(
        URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {read_only}"
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden_scope"
    assert not FeedMessage.objects.exists() and not Activity.objects.exists()


def test_it_explains_what_is_wrong_with_a_card(world: World, push: Push) -> None:
    response = push(world.anna_af_caseworker, card(world, type="dans", end_date="2000-01-01"))
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"type"}
    bad_dates = push(world.anna_af_caseworker, card(world, message_id="m-2", end_date="2000-01-01"))
    assert bad_dates.status_code == 422
    assert "end_date" in bad_dates.json()["fields"]
    assert not Activity.objects.exists()
    assert set(FeedMessage.objects.values_list("outcome", flat=True)) == {Outcome.REJECTED}


def test_it_refuses_a_body_that_is_not_a_json_object(
    world: World, push: Push, client: Client
) -> None:
    token = token_of(world.anna_af_caseworker)
    response = client.post(
        URL, "[1, 2", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_json"
