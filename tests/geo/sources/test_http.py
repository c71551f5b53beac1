"""The HTTP layer: retries, Retry-After, rate limit, cache verification and resumable downloads."""

from __future__ import annotations

import json
from email.utils import format_datetime

import pytest
import requests
import responses

from geo.sources.http import (
    USER_AGENT,
    CacheMiss,
    RateLimited,
    RateLimiter,
    SourceFormatError,
    SourceRequestError,
    SourceUnavailable,
    parse_retry_after,
    request_key,
)
from tests.geo.sources.conftest import zip_bytes

URL = "https://data.ssb.no/api/pxwebapi/v2/tables/04317/metadata"
ZIP_URL = "https://storage.example.test/gtfs.zip"


def cache_files(client):
    return sorted(p.name for p in client.cache_dir.rglob("*") if p.is_file())


@responses.activate
def test_get_json_caches_and_sends_user_agent(make_client):
    responses.get(URL, json={"id": []})
    client = make_client()
    first = client.get_json(URL, name="meta", params={"lang": "no"})
    assert not first.from_cache and first.json() == {"id": []} and first.bytes == len(json.dumps({"id": []}))
    assert responses.calls[0].request.headers["User-Agent"] == USER_AGENT
    again = client.get_json(URL, name="meta", params={"lang": "no"})
    assert again.from_cache and again.sha256 == first.sha256 and len(responses.calls) == 1
    entry = first.manifest_entry("NLOD 2.0")
    assert entry["url"] == URL and entry["query"] == {"lang": "no"} and entry["licence"] == "NLOD 2.0"
    assert set(entry) == {"name", "url", "query", "retrieved_at", "licence", "sha256", "bytes"}


def test_request_key_depends_on_params_and_body():
    assert request_key("GET", URL, {"a": "1", "b": "2"}) == request_key("get", URL, {"b": "2", "a": "1"})
    assert request_key("POST", URL, None, {"x": 1}) != request_key("POST", URL, None, {"x": 2})


@responses.activate
def test_500_then_success_retries_with_backoff(make_client, clock):
    responses.get(URL, status=500)
    responses.get(URL, status=503)
    responses.get(URL, json={"ok": True})
    f = make_client(backoff=0.5).get_json(URL, name="meta")
    assert f.json() == {"ok": True}
    assert clock.sleeps == [0.5, 1.0]


@responses.activate
def test_429_honours_retry_after_seconds(make_client, clock):
    responses.get(URL, status=429, headers={"Retry-After": "7"})
    responses.get(URL, json={"ok": 1})
    make_client().get_json(URL, name="meta")
    assert clock.sleeps == [7.0]


@responses.activate
def test_429_honours_retry_after_http_date(make_client, clock):
    when = clock.now().replace(microsecond=0)
    from datetime import timedelta
    responses.get(URL, status=429, headers={"Retry-After": format_datetime(when + timedelta(seconds=12), usegmt=True)})
    responses.get(URL, json={"ok": 1})
    make_client().get_json(URL, name="meta")
    assert clock.sleeps and 11.0 <= clock.sleeps[0] <= 12.0


@responses.activate
def test_ssb_outage_message_mentions_its_update_times(make_client):
    responses.get(URL, status=503)
    with pytest.raises(SourceUnavailable, match=r"keeps failing with HTTP 503 after 2 attempts; try again later "
                                                r"\(SSB updates its statistics bank daily at 05:00 and 11:30"):
        make_client(max_retries=1).get_json(URL, name="meta")


@responses.activate
def test_429_forever_ends_in_rate_limited(make_client):
    responses.get(URL, status=429)
    with pytest.raises(RateLimited, match="keeps refusing with 429 Too Many Requests after 3 attempts"):
        make_client(max_retries=2).get_json(URL, name="SSB table 04317 metadata")


@responses.activate
def test_retry_after_too_long_is_rate_limited(make_client):
    responses.get(URL, status=503, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimited, match="asks us to wait 3600 s"):
        make_client().get_json(URL, name="meta")


@responses.activate
def test_timeout_is_retried_then_reported(make_client, clock):
    responses.get(URL, body=requests.Timeout("read timed out"))
    responses.get(URL, json={"ok": 1})
    assert make_client().get_json(URL, name="meta").json() == {"ok": 1}
    responses.replace(responses.GET, URL, body=requests.ConnectionError("Failed to resolve: NameResolutionError"))
    with pytest.raises(SourceUnavailable, match=r"meta: could not download from data\.ssb\.no after 2 attempts "
                                                r"\(the host name could not be resolved \(no network or DNS\?\)\)"):
        make_client(max_retries=1, force=True).get_json(URL, name="meta")


@responses.activate
def test_404_is_a_request_error_not_retried(make_client):
    responses.get(URL, status=404, body="Table not found")
    with pytest.raises(SourceRequestError, match="rejected the request with HTTP 404.*Table not found"):
        make_client().get_json(URL, name="meta")
    assert len(responses.calls) == 1


@responses.activate
def test_malformed_json_is_not_cached(make_client):
    responses.get(URL, body='{"id": [1, 2')
    client = make_client()
    with pytest.raises(SourceFormatError, match="not valid JSON.*not cached"):
        client.get_json(URL, name="meta")
    assert cache_files(client) == []
    responses.replace(responses.GET, URL, json={"fine": True})
    assert client.get_json(URL, name="meta").json() == {"fine": True}


@responses.activate
def test_truncated_zip_is_not_cached_and_rerun_succeeds(make_client):
    good = zip_bytes({"stops.txt": "stop_id,stop_name\n1,Torget\n" * 50})
    responses.get(ZIP_URL, body=good[: len(good) // 2])
    client = make_client()
    with pytest.raises(SourceFormatError, match="not a complete zip archive"):
        client.download(ZIP_URL, name="GTFS")
    assert cache_files(client) == []
    responses.replace(responses.GET, ZIP_URL, body=good)
    f = client.download(ZIP_URL, name="GTFS")
    assert f.path.read_bytes() == good and f.bytes == len(good)


def test_offline_cache_miss_names_the_request(make_client):
    with pytest.raises(CacheMiss, match=r"meta: not in the cache \(https://data.ssb.no.*\"lang\": \"no\".*without --offline"):
        make_client(offline=True).get_json(URL, name="meta", params={"lang": "no"})


@responses.activate
def test_corrupted_cache_entry_is_refetched(make_client):
    responses.get(URL, json={"v": 1})
    client = make_client()
    f = client.get_json(URL, name="meta")
    f.path.write_bytes(b'{"v": 2}')  # tampered / half-overwritten
    assert client.cached("GET", URL) is None
    assert client.get_json(URL, name="meta").json() == {"v": 1}
    assert len(responses.calls) == 2


# --- resumable downloads with a fake session ------------------------------------------------------
class FakeResponse:
    def __init__(self, status, body=b"", headers=None, break_after=None):
        self.status_code, self.body, self.headers = status, body, dict(headers or {})
        self.break_after = break_after
        self.text = ""

    def iter_content(self, size):
        sent = 0
        for i in range(0, len(self.body), 10):
            if self.break_after is not None and sent >= self.break_after:
                raise requests.exceptions.ChunkedEncodingError("Connection reset by peer")
            chunk = self.body[i:i + 10]
            sent += len(chunk)
            yield chunk

    def close(self):
        pass


class FakeSession:
    def __init__(self, payload: bytes, support_range=True, encoding=None):
        self.payload, self.support_range, self.encoding = payload, support_range, encoding
        self.requests: list[dict] = []
        self.broken = False

    def request(self, method, url, **kw):
        self.requests.append(kw["headers"])
        rng = kw["headers"].get("Range")
        n = len(self.payload)
        if not self.broken:
            self.broken = True  # the first attempt drops the connection after 40 bytes
            headers = {"Content-Length": str(n)} | ({"Content-Encoding": self.encoding} if self.encoding else {})
            return FakeResponse(200, self.payload, headers, break_after=40)
        if rng and self.support_range:
            start = int(rng.split("=")[1].rstrip("-"))
            return FakeResponse(206, self.payload[start:], {"Content-Range": f"bytes {start}-{n - 1}/{n}",
                                                             "Content-Length": str(n - start)})
        return FakeResponse(200, self.payload, {"Content-Length": str(n)})


@pytest.mark.parametrize("support_range", [True, False])
def test_connection_reset_mid_download_resumes(make_client, support_range):
    payload = zip_bytes({"a.txt": "x" * 500, "b.txt": "hello"})
    session = FakeSession(payload, support_range)
    f = make_client(session=session).download(ZIP_URL, name="GTFS")
    assert f.path.read_bytes() == payload
    assert session.requests[0] == {}
    assert session.requests[1] == {"Range": "bytes=40-"}
    assert not list(f.path.parent.glob("*.part"))


def test_compressed_body_broken_midway_restarts_instead_of_resuming(make_client):
    payload = zip_bytes({"a.txt": "z" * 300})
    session = FakeSession(payload, encoding="gzip")
    f = make_client(session=session).download(ZIP_URL, name="GTFS")
    assert f.path.read_bytes() == payload
    assert session.requests[1] == {}  # no Range: the stored bytes were decoded ones


def test_interrupted_run_leaves_only_a_part_file_then_rerun_resumes(make_client):
    payload = zip_bytes({"a.txt": "y" * 300})
    session = FakeSession(payload)
    with pytest.raises(SourceUnavailable, match="connection broke after 40 bytes.*rerun"):
        make_client(session=session, max_retries=0).download(ZIP_URL, name="GTFS")
    client = make_client(session=session)
    assert client.cached("GET", ZIP_URL) is None
    assert client.download(ZIP_URL, name="GTFS").path.read_bytes() == payload
    assert session.requests[-1] == {"Range": "bytes=40-"}


def test_rate_limiter_sliding_window(clock):
    lim = RateLimiter(3, 60.0, clock=clock.monotonic, sleep=clock.sleep)
    waits = [lim.acquire() for _ in range(7)]
    assert waits[:3] == [0, 0, 0] and waits[3] == 60.0 and clock.t == 1000.0 + 120.0


def test_rate_limiter_rejects_nonsense():
    with pytest.raises(ValueError, match="calls >= 1"):
        RateLimiter(0, 60)


@responses.activate
def test_ssb_host_is_rate_limited_to_30_per_minute(make_client, clock):
    for i in range(31):
        responses.get(f"{URL}?n={i}", json={"n": i})
    client = make_client()
    for i in range(31):
        client.get_json(URL, name="m", params={"n": str(i)})
    assert clock.sleeps == [60.0]


def test_parse_retry_after():
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
