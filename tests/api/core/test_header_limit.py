"""A request with too many headers, or too many bytes of them, gets 431 and nothing else."""

from __future__ import annotations

from api.core.header_limit import MAX_HEADER_BYTES, MAX_HEADERS


def test_too_many_headers_is_431(client):
    headers = [(f"x-filler-{i}", "1") for i in range(MAX_HEADERS + 1)]
    response = client.get("/livez", headers=headers)
    assert response.status_code == 431
    assert response.json()["detail"] == "The request's headers are too many or too large"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_too_many_header_bytes_is_431(client):
    response = client.get("/livez", headers={"x-filler": "a" * MAX_HEADER_BYTES})
    assert response.status_code == 431


def test_an_ordinary_browser_request_passes(client):
    headers = {f"x-browser-{i}": "value" * 20 for i in range(30)}
    assert client.get("/livez", headers=headers).status_code == 200
