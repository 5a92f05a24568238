"""Sign-in with e-ID through an OIDC broker, against a broker of our own on a local port.

The broker is a small real HTTP server: it checks the PKCE verifier, signs ID
tokens with its own RSA key and publishes the key set. Only the e-ID itself
(BankID, Freja) is out of reach here; everything Ingång does is exercised.
"""

import base64
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from ingang.testing.factories import identity_number
from ingang.testing.world import World

pytestmark = pytest.mark.django_db

CLIENT_ID = "ingang-portal"


@dataclass
class Broker:
    url: str
    key: Any
    # What the next token answer says, set by each test.
    claims: dict[str, Any] = field(default_factory=dict)
    sign_with: Any = None
    # code -> code_challenge, as the authorization endpoint would remember it.
    challenges: dict[str, str] = field(default_factory=dict)


def _handler(broker: Broker) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            public = json.loads(RSAAlgorithm.to_jwk(broker.key.public_key()))
            public.update({"kid": "k1", "alg": "RS256", "use": "sig"})
            self._json(200, {"keys": [public]})

        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            challenge = broker.challenges.get(form.get("code", ""))
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            derived = base64.urlsafe_b64encode(digest).decode().rstrip("=")
            if challenge is None or derived != challenge or form["client_id"] != CLIENT_ID:
                self._json(400, {"error": "invalid_grant"})
                return
            now = int(time.time())
            claims = {"iss": broker.url, "aud": CLIENT_ID, "iat": now, "exp": now + 300}
            claims.update(broker.claims)
            token = jwt.encode(
                claims, broker.sign_with or broker.key, algorithm="RS256", headers={"kid": "k1"}
            )
            self._json(200, {"id_token": token, "access_token": "at", "token_type": "Bearer"})

    return Handler


@pytest.fixture
def broker(settings) -> Iterator[Broker]:  # type: ignore[no-untyped-def]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Broker("", key)))
    state = Broker(f"http://127.0.0.1:{server.server_port}", key)
    server.RequestHandlerClass = _handler(state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PORTAL_OIDC_ENABLED = True
    settings.PORTAL_OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.PORTAL_OIDC_RP_CLIENT_SECRET = "secret"
    settings.PORTAL_OIDC_OP_AUTHORIZATION_ENDPOINT = f"{state.url}/authorize"
    settings.PORTAL_OIDC_OP_TOKEN_ENDPOINT = f"{state.url}/token"
    settings.PORTAL_OIDC_OP_USER_ENDPOINT = f"{state.url}/userinfo"
    settings.PORTAL_OIDC_OP_JWKS_ENDPOINT = f"{state.url}/jwks"
    settings.PORTAL_OIDC_RP_SIGN_ALGO = "RS256"
    settings.PORTAL_OIDC_RP_SCOPES = "openid"
    settings.PORTAL_OIDC_PERSONAL_NUMBER_CLAIM = "personal_number"
    yield state
    server.shutdown()


def _authorize(client: Client, broker: Broker, claims: dict[str, Any]) -> str:
    """Start a sign-in and play the broker's part up to the redirect back; the callback URL."""
    response = client.get("/mina-sidor/logga-in/e-legitimation/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == "/authorize"
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert query["code_challenge_method"] == "S256"
    assert query["redirect_uri"].endswith("/mina-sidor/logga-in/e-legitimation/retur/")
    broker.challenges["the-code"] = query["code_challenge"]
    broker.claims = {"nonce": query["nonce"], **claims}
    return f"/mina-sidor/logga-in/e-legitimation/retur/?code=the-code&state={query['state']}"


def test_a_person_signs_in_with_e_id(client: Client, world: World, broker: Broker) -> None:
    callback = _authorize(client, broker, {"personal_number": world.kim.personal_number})
    response = client.get(callback)
    assert response.status_code == 302
    assert response["Location"] == "/mina-sidor/"
    assert client.get("/mina-sidor/").status_code == 200


def test_a_replayed_or_forged_state_is_refused(
    client: Client, world: World, broker: Broker
) -> None:
    callback = _authorize(client, broker, {"personal_number": world.kim.personal_number})
    forged = callback.rsplit("state=", 1)[0] + "state=forged"
    assert client.get(forged)["Location"] == "/mina-sidor/logga-in/"
    # The flow is spent once tried: the real state no longer works either.
    assert client.get(callback)["Location"] == "/mina-sidor/logga-in/"
    assert client.get("/mina-sidor/").status_code == 302


@pytest.mark.parametrize(
    "tamper",
    ["other_key", "wrong_nonce", "wrong_audience", "expired", "no_number"],
)
def test_an_untrustworthy_token_signs_no_one_in(
    client: Client, world: World, broker: Broker, tamper: str
) -> None:
    claims: dict[str, Any] = {"personal_number": world.kim.personal_number}
    if tamper == "no_number":
        claims = {}
    callback = _authorize(client, broker, claims)
    if tamper == "other_key":
        broker.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif tamper == "wrong_nonce":
        broker.claims["nonce"] = "not-the-nonce"
    elif tamper == "wrong_audience":
        broker.claims["aud"] = "another-service"
    elif tamper == "expired":
        broker.claims["exp"] = int(time.time()) - 60
    response = client.get(callback)
    assert response["Location"] == "/mina-sidor/logga-in/"
    assert client.get("/mina-sidor/").status_code == 302


def test_someone_not_in_ingang_is_told_so_and_not_signed_in(
    client: Client, world: World, broker: Broker
) -> None:
    unknown = identity_number(date(1990, 1, 1), 238)
    callback = _authorize(client, broker, {"personal_number": unknown})
    response = client.get(callback)
    assert response.status_code == 404
    assert client.get("/mina-sidor/").status_code == 302


def test_without_e_id_configured_the_routes_do_not_exist(client: Client, world: World) -> None:
    assert client.get("/mina-sidor/logga-in/e-legitimation/").status_code == 404
