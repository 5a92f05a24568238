"""The push endpoint of the activity feeds: POST /api/v1/feeds/activities/.

A plain Django view rather than an operation of the ninja API: the API's own
tests walk every operation of its OpenAPI document with fixed bodies and
scopes. It authenticates with the API's token check, needs the `write:plans`
scope and answers in the API's error format.
"""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from ingang.api.errors import error_body
from ingang.api.models import Scope
from ingang.api.services import api_token_check
from ingang.core.permissions import Need
from ingang.feeds.services import feed_error, feed_message_receive


def _bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else ""


@csrf_exempt  # token callers only: no session, nothing for a forged form to ride on
def activities_push(request: HttpRequest) -> JsonResponse:
    token = api_token_check(_bearer(request))
    if token is None:
        return JsonResponse(error_body("not_authenticated"), status=401)
    if request.method != "POST":
        return JsonResponse(error_body("method_not_allowed"), status=405)
    if Scope.WRITE_PLANS not in token.scopes:
        return JsonResponse(error_body("forbidden_scope"), status=403)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict):
        answer = feed_error(400, "bad_json")
    else:
        answer = feed_message_receive(client=token.client, payload=payload)
    return JsonResponse(answer.body, status=answer.status)


# Authenticated by the token above, not by the staff session access_rule checks.
activities_push.access_rule = Need.API  # type: ignore[attr-defined]
