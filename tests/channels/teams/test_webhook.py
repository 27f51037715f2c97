"""Posting a card: a refused address never gets a connection."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from channels.teams import webhook


def test_an_address_that_resolves_inward_is_never_called():
    # A listener on loopback that would see any attempt to call it.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        with pytest.raises(webhook.TeamsDeliveryError, match="not a public internet address"):
            webhook.post(
                f"https://localhost:{port}/hook",
                webhook.card(title="t", facts=[], link="https://x"),
                other_hosts=["localhost"],
            )
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_http_address_is_refused_before_any_connection():
    with pytest.raises(webhook.TeamsDeliveryError, match="https://"):
        webhook.post("http://council.webhook.office.com/x", {})


def _certificates(tmp_path: Path, name: str) -> tuple[Path, Path, Path]:
    """A certificate authority and a server certificate for `name` signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = (tmp_path / "ca.pem", tmp_path / "server.pem", tmp_path / "server.key")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@contextmanager
def tls_channel(tmp_path: Path, name: str) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """An https stand-in for Teams on 127.0.0.1 with a certificate for `name`."""
    _, cert, key = _certificates(tmp_path, name)
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append({"host": self.headers["Host"], "path": self.path})
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()


def test_the_card_goes_over_tls_to_the_checked_address_with_the_hosts_name(tmp_path, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    with tls_channel(tmp_path, "localhost") as (port, seen):
        webhook.post(
            f"https://localhost:{port}/webhookb2/abc",
            webhook.card(title="t", facts=[], link="https://x"),
            other_hosts=["localhost"],
            allow_loopback=True,  # the stand-in is on loopback; production never allows it
        )
    # Connected to 127.0.0.1, but TLS and Host named the host: its certificate was checked.
    assert seen == [{"host": f"localhost:{port}", "path": "/webhookb2/abc"}]


def test_a_certificate_for_another_name_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    with (
        tls_channel(tmp_path, "other.example") as (port, seen),
        pytest.raises(webhook.TeamsDeliveryError, match="unreachable"),
    ):
        webhook.post(
            f"https://localhost:{port}/webhookb2/abc",
            {},
            other_hosts=["localhost"],
            allow_loopback=True,
        )
    assert seen == []
