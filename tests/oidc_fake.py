"""A stand-in for an OpenID Connect provider (as Microsoft Entra ID behaves): a real HTTP
server on 127.0.0.1 with discovery, an authorize endpoint that "signs in" whoever the test
says, a token endpoint that checks the PKCE verifier, and its signing keys. ID tokens are
RS256 JWTs signed with a key made for the test.

Mocked at the wire only: our side of the socket is the production code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "yousaid-test-client"
CLIENT_SECRET = "test-client-secret"


@dataclass
class FakeProvider:
    url: str = ""
    key: Any = None
    kid: str = "test-key-1"
    # Who the next sign-in is, and anything to spoil in their token.
    email: str = ""
    tamper: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        tamper = dict(self.tamper)
        key = tamper.pop("_signing_key", self.key)
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "sub": hashlib.sha256(self.email.encode()).hexdigest(),
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "nonce": nonce,
            "preferred_username": self.email,
            "name": "Test Person",
        } | tamper
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [public | {"kid": self.kid, "use": "sig", "alg": "RS256"}]}


def _handler(fake: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(
                    200,
                    {
                        "issuer": fake.url,
                        "authorization_endpoint": f"{fake.url}/authorize",
                        "token_endpoint": f"{fake.url}/token",
                        "jwks_uri": f"{fake.url}/keys",
                    },
                )
            elif url.path == "/keys":
                self._json(200, fake.jwks())
            elif url.path == "/authorize":
                # The person signs in at the provider; it sends them back with a code.
                code = secrets.token_urlsafe(16)
                fake.codes[code] = {
                    "nonce": query["nonce"],
                    "challenge": query["code_challenge"],
                    "redirect_uri": query["redirect_uri"],
                }
                back = (
                    query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                )
                self.send_response(302)
                self.send_header("Location", back)
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            fake.token_requests.append(form)
            issued = fake.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if (
                issued is None
                or issued["challenge"] != challenge
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != issued["redirect_uri"]
            ):
                self._json(400, {"error": "invalid_grant"})
                return
            self._json(200, {"id_token": fake.id_token(issued["nonce"]), "token_type": "Bearer"})

    return Handler


@contextmanager
def fake_provider() -> Iterator[FakeProvider]:
    fake = FakeProvider(key=rsa.generate_private_key(public_exponent=65537, key_size=2048))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
